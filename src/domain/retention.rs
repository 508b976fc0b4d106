//! How long records are kept (`retention.toml`): the client file for some years after the
//! end of the last benefit period, debt-help records for fewer years after they ended.
//!
//! A **debt-help record** is a trajectory whose instrument is one of
//! `debt_help_instruments` (by default `debt_help`, "Schuldhulpverlening"), ended when it was
//! completed or stopped, with its status events and reviews; and a referral of kind
//! `debt_help` made at an aftercare contact, ended on the day of that contact. The barrier
//! "debts" of an intake is not debt help: it is part of the client file.

use super::catalog::AssetError;

/// The built-in `retention.toml`.
pub const BUILTIN: &str = include_str!("../../assets/retention.toml");

/// The terms of `retention.toml`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetentionConfig {
    /// Years the client file is kept after the end of the last benefit period.
    pub client_file_years: u32,
    /// Years a debt-help record is kept after it ended.
    pub debt_help_years: u32,
    /// The instrument keys that are debt help.
    pub debt_help_instruments: Vec<String>,
}

impl Default for RetentionConfig {
    fn default() -> RetentionConfig {
        RetentionConfig {
            client_file_years: 10,
            debt_help_years: 5,
            debt_help_instruments: vec!["debt_help".to_owned()],
        }
    }
}

impl RetentionConfig {
    /// Parses a `retention.toml`; terms outside 1 to 100 years are refused.
    pub fn parse(text: &str) -> Result<RetentionConfig, AssetError> {
        let c: RetentionConfig =
            toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        for (key, years) in [
            ("client_file_years", c.client_file_years),
            ("debt_help_years", c.debt_help_years),
        ] {
            if !(1..=100).contains(&years) {
                return Err(AssetError::at(text, key, format!("{key}: 1 to 100")));
            }
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_says_ten_and_five_years_and_bounds_hold() {
        assert_eq!(
            RetentionConfig::parse(BUILTIN).unwrap(),
            RetentionConfig::default()
        );
        let own = BUILTIN.replace("client_file_years = 10", "client_file_years = 7");
        assert_eq!(RetentionConfig::parse(&own).unwrap().client_file_years, 7);
        let zero = BUILTIN.replace("debt_help_years = 5", "debt_help_years = 0");
        let e = RetentionConfig::parse(&zero).unwrap_err().to_string();
        assert!(e.contains("debt_help_years"), "{e}");
        assert!(RetentionConfig::parse("years = 3\n").is_err());
    }
}
