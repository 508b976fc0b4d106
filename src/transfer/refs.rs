//! References between records of one client without row ids: the path of the record
//! within the client, `episodes[1].assessments[0]` (a review's assessment) or
//! `episodes[0].trajectories[2]` (the trajectory a job was found through).
//!
//! A review's assessment may lie in another benefit period than the review: a trajectory
//! that is still running at a re-entry moves on to the new period, its earlier reviews'
//! assessments stay in the old one.

use crate::domain::model::Id;
use crate::domain::record::ClientRecord;
use std::collections::HashMap;

/// The kinds of records a reference points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Assessments,
    Trajectories,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Assessments => "assessments",
            Kind::Trajectories => "trajectories",
        }
    }
}

/// The reference text for the record at (episode, index).
pub fn format(kind: Kind, episode: usize, index: usize) -> String {
    format!("episodes[{episode}].{}[{index}]", kind.name())
}

/// The (episode, index) a reference text names, if it is well-formed.
pub fn parse(kind: Kind, text: &str) -> Option<(usize, usize)> {
    let rest = text.strip_prefix("episodes[")?;
    let (episode, rest) = rest.split_once(']')?;
    let rest = rest.strip_prefix('.')?.strip_prefix(kind.name())?;
    let index = rest.strip_prefix('[')?.strip_suffix(']')?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    Some((number(episode)?, number(index)?))
}

/// The provisional id an imported record gets from its position: unique within the
/// client, and all the store needs to connect references to the rows it writes.
pub fn provisional_id(episode: usize, index: usize) -> Id {
    ((episode as Id) << 32) + index as Id + 1
}

/// Where each assessment and trajectory of a client stands in the export.
pub struct Positions {
    assessments: HashMap<Id, (usize, usize)>,
    trajectories: HashMap<Id, (usize, usize)>,
}

impl Positions {
    /// The positions in a client's record.
    pub fn of(record: &ClientRecord) -> Positions {
        let mut assessments = HashMap::new();
        let mut trajectories = HashMap::new();
        for (e, ep) in record.episodes.iter().enumerate() {
            for (i, a) in ep.assessments.iter().enumerate() {
                assessments.insert(a.id, (e, i));
            }
            for (i, t) in ep.trajectories.iter().enumerate() {
                trajectories.insert(t.trajectory.id, (e, i));
            }
        }
        Positions {
            assessments,
            trajectories,
        }
    }

    /// The reference text for a record id, if the client has that record.
    pub fn reference(&self, kind: Kind, id: Option<Id>) -> Option<String> {
        let map = match kind {
            Kind::Assessments => &self.assessments,
            Kind::Trajectories => &self.trajectories,
        };
        id.and_then(|id| map.get(&id))
            .map(|&(e, i)| format(kind, e, i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_back_and_refuse_other_shapes() {
        let text = format(Kind::Assessments, 1, 12);
        assert_eq!(text, "episodes[1].assessments[12]");
        assert_eq!(parse(Kind::Assessments, &text), Some((1, 12)));
        for bad in [
            "episodes[1].trajectories[12]",
            "episodes[1].assessments[12].x",
            "episodes[].assessments[0]",
            "episodes[-1].assessments[0]",
            "episodes[0]assessments[0]",
            "episodes[99999999999].assessments[0]",
            "",
        ] {
            assert_eq!(parse(Kind::Assessments, bad), None, "{bad}");
        }
        assert_ne!(provisional_id(0, 1), provisional_id(1, 0));
    }
}
