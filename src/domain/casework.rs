//! Rules of casework a municipality may set (`casework.toml`): within how many days of the
//! intake the plan of action is agreed.

use super::catalog::AssetError;

/// The built-in `casework.toml`.
pub const BUILTIN: &str = include_str!("../../assets/casework.toml");

/// The rules of `casework.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseworkConfig {
    /// Days from the intake within which the plan of action is agreed.
    pub plan_within_days: u32,
}

impl Default for CaseworkConfig {
    fn default() -> CaseworkConfig {
        CaseworkConfig {
            plan_within_days: 14,
        }
    }
}

impl CaseworkConfig {
    /// Parses a `casework.toml`; days outside 1 to 365 are refused.
    pub fn parse(text: &str) -> Result<CaseworkConfig, AssetError> {
        let c: CaseworkConfig =
            toml::from_str(text).map_err(|e| AssetError::from_toml(text, &e))?;
        if !(1..=365).contains(&c.plan_within_days) {
            return Err(AssetError::at(
                text,
                "plan_within_days",
                "plan_within_days: 1 to 365".to_owned(),
            ));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_file_says_fourteen_days_and_bounds_hold() {
        assert_eq!(
            CaseworkConfig::parse(BUILTIN).unwrap(),
            CaseworkConfig::default()
        );
        assert_eq!(
            CaseworkConfig::parse("plan_within_days = 30\n")
                .unwrap()
                .plan_within_days,
            30
        );
        assert!(CaseworkConfig::parse("plan_within_days = 0\n").is_err());
        assert!(CaseworkConfig::parse("plan_within_days = 400\n").is_err());
        assert!(CaseworkConfig::parse("days = 3\n").is_err());
    }
}
