//! Paying a premium instalment: what became of it (open, paid, cancelled with a re-entry,
//! forfeited), and the rules for paying it, recording its condition not met, and taking a
//! payment recorded in error back.

use super::model::PremiumInstalment;
use chrono::NaiveDate;

/// What became of an instalment: open, or exactly one of paid, cancelled and forfeited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InstalmentState {
    /// Not paid yet: in the agenda from its due date.
    Open,
    Paid(NaiveDate),
    /// Cancelled unpaid when the client came back on benefit.
    Cancelled(NaiveDate),
    /// Its condition checked when paying was not met: not paid, with the reason.
    Forfeited(NaiveDate, String),
}

impl PremiumInstalment {
    /// What became of this instalment (a paid date wins over the others, which the store
    /// never holds together).
    pub fn state(&self) -> InstalmentState {
        match (self.paid_on, self.cancelled_on, self.forfeited_on) {
            (Some(d), _, _) => InstalmentState::Paid(d),
            (None, Some(d), _) => InstalmentState::Cancelled(d),
            (None, None, Some(d)) => InstalmentState::Forfeited(d, self.forfeit_reason.clone()),
            (None, None, None) => InstalmentState::Open,
        }
    }

    /// Whether it is still to be paid.
    pub fn is_open(&self) -> bool {
        self.state() == InstalmentState::Open
    }
}

/// Why an instalment is not open, as the i18n key of the message (`None`: it is open).
pub fn not_open(i: &PremiumInstalment) -> Option<&'static str> {
    match i.state() {
        InstalmentState::Open => None,
        InstalmentState::Paid(_) => Some("exit_rule.instalment_paid"),
        InstalmentState::Cancelled(_) => Some("exit_rule.instalment_cancelled"),
        InstalmentState::Forfeited(..) => Some("premium_pay.forfeited_already"),
    }
}

/// Why an instalment cannot be paid on `on`: it is not open, or `on` lies before its due
/// date (the right to it starts then). `today` bounds the date when given (a payment is
/// recorded once made, never ahead).
pub fn pay_problem(
    i: &PremiumInstalment,
    on: NaiveDate,
    today: Option<NaiveDate>,
) -> Option<&'static str> {
    not_open(i).or(if on < i.due_on {
        Some("premium_pay.before_due")
    } else if today.is_some_and(|t| on > t) {
        Some("premium_pay.future")
    } else {
        None
    })
}

/// Why an instalment cannot be forfeited on `on` for `reason`: it is not open, there is no
/// reason, or `on` lies before the exit (the condition can fail as soon as the client has
/// left: a job lost before six months are over) or after `today` when given.
pub fn forfeit_problem(
    i: &PremiumInstalment,
    exit_date: NaiveDate,
    on: NaiveDate,
    reason: &str,
    today: Option<NaiveDate>,
) -> Option<(&'static str, &'static str)> {
    if let Some(key) = not_open(i) {
        return Some(("on", key));
    }
    if reason.trim().is_empty() {
        return Some(("reason", "premium_pay.reason_required"));
    }
    if on < exit_date {
        return Some(("on", "premium_pay.forfeit_before_exit"));
    }
    if today.is_some_and(|t| on > t) {
        return Some(("on", "premium_pay.forfeit_future"));
    }
    None
}

/// The instalment with a payment or forfeit recorded in error taken back: open again, or,
/// when the client has come back on benefit since (`reentry`, the new benefit start), cancelled
/// on that day as the re-entry would have done. `Err` with the message key when there is
/// nothing to take back.
pub fn taken_back(
    i: &PremiumInstalment,
    reentry: Option<NaiveDate>,
) -> Result<PremiumInstalment, &'static str> {
    match i.state() {
        InstalmentState::Paid(_) | InstalmentState::Forfeited(..) => Ok(PremiumInstalment {
            paid_on: None,
            forfeited_on: None,
            forfeit_reason: String::new(),
            cancelled_on: reentry,
            ..i.clone()
        }),
        InstalmentState::Cancelled(_) => Err("exit_rule.instalment_cancelled"),
        InstalmentState::Open => Err("premium_pay.nothing_to_take_back"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn open() -> PremiumInstalment {
        PremiumInstalment {
            id: 1,
            episode_id: 1,
            scheme: "one_payment".into(),
            seq: 1,
            due_on: d(2027, 6, 1),
            amount_cents: 100_000,
            paid_on: None,
            cancelled_on: None,
            forfeited_on: None,
            forfeit_reason: String::new(),
            uplift: None,
        }
    }

    #[test]
    fn paid_from_the_due_date_up_to_today() {
        let today = Some(d(2027, 6, 10));
        assert_eq!(pay_problem(&open(), d(2027, 6, 1), today), None);
        assert_eq!(pay_problem(&open(), d(2027, 6, 10), today), None);
        assert_eq!(
            pay_problem(&open(), d(2027, 5, 31), today),
            Some("premium_pay.before_due")
        );
        assert_eq!(
            pay_problem(&open(), d(2027, 6, 11), today),
            Some("premium_pay.future")
        );
        let paid = PremiumInstalment {
            paid_on: Some(d(2027, 6, 1)),
            ..open()
        };
        assert_eq!(
            pay_problem(&paid, d(2027, 6, 2), None),
            Some("exit_rule.instalment_paid")
        );
    }

    #[test]
    fn forfeited_with_a_reason_from_the_exit_on() {
        let exit = d(2026, 12, 1);
        let today = Some(d(2027, 3, 1));
        assert_eq!(
            forfeit_problem(&open(), exit, d(2027, 3, 1), "Baan kwijt", today),
            None
        );
        assert_eq!(
            forfeit_problem(&open(), exit, d(2027, 3, 1), "  ", today),
            Some(("reason", "premium_pay.reason_required"))
        );
        assert_eq!(
            forfeit_problem(&open(), exit, d(2026, 11, 30), "x", today),
            Some(("on", "premium_pay.forfeit_before_exit"))
        );
        let f = PremiumInstalment {
            forfeited_on: Some(d(2027, 3, 1)),
            forfeit_reason: "x".into(),
            ..open()
        };
        assert_eq!(
            f.state(),
            InstalmentState::Forfeited(d(2027, 3, 1), "x".into())
        );
        assert_eq!(
            forfeit_problem(&f, exit, d(2027, 3, 1), "x", today),
            Some(("on", "premium_pay.forfeited_already"))
        );
    }

    #[test]
    fn taking_back_opens_it_again_or_cancels_it_after_a_re_entry() {
        let paid = PremiumInstalment {
            paid_on: Some(d(2027, 6, 1)),
            ..open()
        };
        assert_eq!(taken_back(&paid, None), Ok(open()));
        let back = taken_back(&paid, Some(d(2027, 7, 1))).unwrap();
        assert_eq!(back.state(), InstalmentState::Cancelled(d(2027, 7, 1)));
        assert_eq!(
            taken_back(&open(), None),
            Err("premium_pay.nothing_to_take_back")
        );
        let cancelled = PremiumInstalment {
            cancelled_on: Some(d(2027, 1, 1)),
            ..open()
        };
        assert_eq!(
            taken_back(&cancelled, None),
            Err("exit_rule.instalment_cancelled")
        );
    }
}
