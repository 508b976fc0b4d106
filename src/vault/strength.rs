//! How strong a new passphrase is (zxcvbn's estimate), and which are refused.

/// The strength of a passphrase, as shown while it is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Refused: too short, a common word or pattern, or guessed in seconds.
    Weak,
    /// Accepted, but a longer one is better.
    Fair,
    Good,
    Strong,
}

/// The fewest characters a passphrase may have.
pub const MIN_CHARS: usize = 10;

/// The strength of `passphrase`.
pub fn strength(passphrase: &str) -> Strength {
    if passphrase.chars().count() < MIN_CHARS {
        return Strength::Weak;
    }
    let score = zxcvbn::zxcvbn(passphrase, &["caseload", "klantmanager", "bijstand"]).score();
    match u8::from(score) {
        0 | 1 => Strength::Weak,
        2 => Strength::Fair,
        3 => Strength::Good,
        _ => Strength::Strong,
    }
}

impl Strength {
    /// The i18n key of its name.
    pub fn key(self) -> &'static str {
        match self {
            Strength::Weak => "vault.strength.weak",
            Strength::Fair => "vault.strength.fair",
            Strength::Good => "vault.strength.good",
            Strength::Strong => "vault.strength.strong",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passphrases_are_weak_and_long_random_ones_strong() {
        for weak in [
            "",
            "geheim",
            "password123",
            "aaaaaaaaaaaa",
            "1234567890",
            "caseload2026",
        ] {
            assert_eq!(strength(weak), Strength::Weak, "{weak}");
        }
        assert!(strength("fiets paraplu molen") >= Strength::Good);
        assert_eq!(strength("Tq9#vL2!mZ8@pR4w"), Strength::Strong);
    }
}
