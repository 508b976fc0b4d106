//! Where a client stands in the journey, derived from the data (never stored).

use super::codes::code_enum;

code_enum!(
/// The phase of a client: intake → plan → trajectory → aftercare → closed.
Phase, "phase", [
    /// On benefit, intake not yet followed by an agreed plan of action.
    Intake,
    /// On benefit with an agreed plan, no trajectory running.
    Plan,
    /// On benefit with at least one trajectory referred or started.
    Trajectory,
    /// Left benefit, aftercare plan running.
    Aftercare,
    /// Left benefit, no aftercare running.
    Closed,
]);

/// The facts about a client's latest episode that decide the phase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PhaseFacts {
    /// The latest episode has no exit.
    pub on_benefit: bool,
    /// The plan of action was agreed with the client.
    pub plan_agreed: bool,
    /// A trajectory is referred or started.
    pub trajectory_running: bool,
    /// An aftercare plan is active.
    pub aftercare_running: bool,
}

impl Phase {
    /// Derives the phase from the facts.
    pub fn derive(f: PhaseFacts) -> Phase {
        match (
            f.on_benefit,
            f.trajectory_running,
            f.plan_agreed,
            f.aftercare_running,
        ) {
            (true, true, _, _) => Phase::Trajectory,
            (true, false, true, _) => Phase::Plan,
            (true, false, false, _) => Phase::Intake,
            (false, _, _, true) => Phase::Aftercare,
            (false, _, _, false) => Phase::Closed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phase_from_its_facts() {
        let on = PhaseFacts {
            on_benefit: true,
            ..Default::default()
        };
        assert_eq!(Phase::derive(on), Phase::Intake);
        assert_eq!(
            Phase::derive(PhaseFacts {
                plan_agreed: true,
                ..on
            }),
            Phase::Plan
        );
        assert_eq!(
            Phase::derive(PhaseFacts {
                plan_agreed: true,
                trajectory_running: true,
                ..on
            }),
            Phase::Trajectory
        );
        assert_eq!(
            Phase::derive(PhaseFacts {
                trajectory_running: true,
                ..on
            }),
            Phase::Trajectory
        );
        let off = PhaseFacts::default();
        assert_eq!(Phase::derive(off), Phase::Closed);
        assert_eq!(
            Phase::derive(PhaseFacts {
                aftercare_running: true,
                ..off
            }),
            Phase::Aftercare
        );
    }
}
