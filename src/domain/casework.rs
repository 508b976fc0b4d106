//! Rules of casework a municipality may set (`casework.toml`): within how many days of the
//! intake the plan of action is agreed, and after how long without a key the screen locks.

use super::catalog::AssetError;

/// The built-in `casework.toml`.
pub const BUILTIN: &str = include_str!("../../assets/casework.toml");

/// The rules of `casework.toml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseworkConfig {
    /// Days from the intake within which the plan of action is agreed.
    pub plan_within_days: u32,
    /// Minutes without a key after which an encrypted caseload locks its screen.
    #[serde(default = "ten")]
    pub lock_after_minutes: u32,
}

fn ten() -> u32 {
    10
}

impl Default for CaseworkConfig {
    fn default() -> CaseworkConfig {
        CaseworkConfig {
            plan_within_days: 14,
            lock_after_minutes: 10,
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
        if !(1..=480).contains(&c.lock_after_minutes) {
            return Err(AssetError::at(
                text,
                "lock_after_minutes",
                "lock_after_minutes: 1 to 480".to_owned(),
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
        let locked = CaseworkConfig::parse("plan_within_days = 14\nlock_after_minutes = 5\n");
        assert_eq!(locked.unwrap().lock_after_minutes, 5);
        assert!(CaseworkConfig::parse("plan_within_days = 14\nlock_after_minutes = 0\n").is_err());
    }
}
