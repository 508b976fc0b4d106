//! Who the caseworker is (`caseworker.toml`): the name and contact the exit letter gives.

use super::catalog::AssetError;

/// The built-in `caseworker.toml` (empty: the letter says "your caseworker").
pub const BUILTIN: &str = include_str!("../../assets/caseworker.toml");

/// The caseworker's name and how clients reach them.
#[derive(Clone, Debug, Default, PartialEq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caseworker {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub contact: String,
}

impl Caseworker {
    /// Parses a `caseworker.toml`; surrounding blanks are dropped.
    pub fn parse(text: &str) -> Result<Caseworker, AssetError> {
        let c: Caseworker = toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        Ok(Caseworker {
            name: c.name.trim().to_owned(),
            contact: c.contact.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_is_empty_and_a_filled_one_parses() {
        assert_eq!(Caseworker::parse(BUILTIN).unwrap(), Caseworker::default());
        let c = Caseworker::parse("name = \" Marieke de Vries \"\ncontact = \"06 12345678\"\n")
            .unwrap();
        assert_eq!(c.name, "Marieke de Vries");
        assert_eq!(c.contact, "06 12345678");
        let e = Caseworker::parse("naam = \"x\"\n").unwrap_err();
        assert_eq!(e.line, Some(1));
    }
}
