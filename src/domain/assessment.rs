//! Reading assessment history: each life domain's latest score against the one before.

use super::codes::{LifeDomain, Rung};
use super::model::Assessment;
use super::timeline::{Scored, Trend};
use chrono::NaiveDate;

/// One domain's latest score, the previous one, and when it was scored.
#[derive(Clone, Debug, PartialEq)]
pub struct DomainScore {
    pub domain: LifeDomain,
    pub latest: u8,
    pub previous: Option<u8>,
    pub on: NaiveDate,
}

impl DomainScore {
    /// Which way it moved.
    pub fn trend(&self) -> Trend {
        Scored {
            now: self.latest,
            before: self.previous,
        }
        .trend()
    }
}

/// Every scored domain's latest score against the previous one (assessments oldest first).
pub fn domain_scores(history: &[Assessment]) -> Vec<DomainScore> {
    <LifeDomain as super::codes::Code>::all()
        .iter()
        .filter_map(|d| {
            let mut scored = history.iter().rev().filter_map(|a| {
                a.scores
                    .iter()
                    .find(|(x, _)| x == d)
                    .map(|(_, s)| (*s, a.assessed_on))
            });
            let (latest, on) = scored.next()?;
            Some(DomainScore {
                domain: *d,
                latest,
                previous: scored.next().map(|(s, _)| s),
                on,
            })
        })
        .collect()
}

/// The latest rung and the one before it.
pub fn rung_trend(history: &[Assessment]) -> Option<(Rung, Option<Rung>)> {
    let mut rungs = history.iter().rev().filter_map(|a| a.rung);
    let latest = rungs.next()?;
    Some((latest, rungs.next()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::AssessmentKind;

    fn a(day: u32, rung: Option<Rung>, scores: &[(LifeDomain, u8)]) -> Assessment {
        Assessment {
            id: 0,
            episode_id: 1,
            assessed_on: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
            kind: AssessmentKind::Reassessment,
            rung,
            scores: scores.to_vec(),
        }
    }

    #[test]
    fn latest_against_previous() {
        let h = vec![
            a(
                1,
                Some(Rung::Isolated),
                &[(LifeDomain::Finances, 2), (LifeDomain::Housing, 4)],
            ),
            a(2, None, &[(LifeDomain::Finances, 3)]),
            a(
                3,
                Some(Rung::SocialContacts),
                &[(LifeDomain::Housing, 3), (LifeDomain::Justice, 5)],
            ),
        ];
        let s = domain_scores(&h);
        let get = |d| s.iter().find(|x| x.domain == d).unwrap().clone();
        assert_eq!(get(LifeDomain::Finances).trend(), Trend::Up);
        assert_eq!(get(LifeDomain::Housing).trend(), Trend::Down);
        assert_eq!(get(LifeDomain::Justice).trend(), Trend::First);
        assert_eq!(s.len(), 3);
        assert_eq!(
            rung_trend(&h),
            Some((Rung::SocialContacts, Some(Rung::Isolated)))
        );
        assert_eq!(
            Scored {
                now: 3,
                before: Some(3)
            }
            .trend(),
            Trend::Same
        );
    }
}
