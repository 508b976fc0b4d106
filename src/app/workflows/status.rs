//! Moving a trajectory's status: start, complete (with a result) or stop (with a reason).

use super::fields::l;
use super::trajectory::{chosen, preselect, running, which};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow};
use crate::domain::codes::{Code, TrajectoryResult, TrajectoryStatus};
use crate::domain::model::{Id, Trajectory};
use crate::domain::trajectory::{
    StatusChange, instrument_label, legal_moves, planned_end_on_start,
};
use crate::form::key::{Choice, Date, One, Text};
use crate::form::{Form, Key, Opt, check};
use crate::i18n::tf;
use crate::store::{Store, StoreError, Tx};

const TRAJECTORY: Key<Choice> = Key::new("trajectory");
const TO: Key<One<TrajectoryStatus>> = Key::new("to");
const ON: Key<Date> = Key::new("on");
const RESULT: Key<One<TrajectoryResult>> = Key::new("result");
const REASON: Key<Text> = Key::new("reason");
const PLANNED_END: Key<Date> = Key::new("planned_end");

/// Moving the status of one of the client's running trajectories.
pub struct StatusFlow {
    client_id: Id,
    list: Vec<Trajectory>,
}

/// The form on the trajectory of the start (from the agenda), else the only running one.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let list = running(store, start, lang)?;
    let fields = vec![
        which(TRAJECTORY, &list, cx),
        TO.field_of(Vec::new(), l(lang, "trajectory.to"), 0)
            .required(),
        ON.field(l(lang, "trajectory.on"), 0).required(),
        RESULT
            .field(lang, l(lang, "trajectory.result"), 0)
            .required(),
        REASON.field(l(lang, "trajectory.reason"), 0).required(),
        PLANNED_END.field(l(lang, "trajectory.planned_end"), 0),
    ];
    let title = l(lang, "trajectory.title_status");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(ON, Some(cx.today));
    preselect(&mut form, TRAJECTORY, start, &list);
    Ok(Opened {
        form,
        flow: Box::new(StatusFlow { client_id, list }),
    })
}

impl Workflow for StatusFlow {
    fn kind(&self) -> FormKind {
        FormKind::TrajectoryStatus
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// Offers the legal moves of the chosen trajectory; shows result, reason or end as needed.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        let t = chosen(form, TRAJECTORY, &self.list);
        let moves = t
            .as_ref()
            .map(|t| legal_moves(t.status))
            .unwrap_or_default();
        form.set_options(
            TO,
            moves
                .iter()
                .map(|s| Opt::new(s.code(), s.label(lang)))
                .collect(),
        );
        let to = form.get(TO);
        form.show(RESULT, to == Some(TrajectoryStatus::Completed));
        form.show(REASON, to == Some(TrajectoryStatus::Stopped));
        form.show(PLANNED_END, to == Some(TrajectoryStatus::Started));
        if let (Some(t), Some(TrajectoryStatus::Started), Some(on)) = (&t, to, form.get(ON))
            && form.is_empty(PLANNED_END)
            && let Some(end) = planned_end_on_start(t, on)
        {
            form.put(PLANNED_END, Some(end));
        }
        check::basics(form, lang);
        if let (Some(t), Some(on)) = (&t, form.get(ON))
            && on < t.start_date.unwrap_or(t.referred_on)
        {
            form.fail(ON, l(lang, "trajectory.err.before_start"));
        }
    }

    /// Writes the status change and its event.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let lang = cx.lang;
        let required = StoreError::Invalid("form.required");
        let t = chosen(form, TRAJECTORY, &self.list).ok_or(required)?;
        let to = form.get(TO).ok_or(StoreError::Invalid("form.required"))?;
        let change = StatusChange {
            to,
            on: form.get(ON).unwrap_or(cx.today),
            result: form
                .get(RESULT)
                .filter(|_| to == TrajectoryStatus::Completed),
            reason: if to == TrajectoryStatus::Stopped {
                form.get(REASON)
            } else {
                String::new()
            },
            planned_end: form
                .get(PLANNED_END)
                .filter(|_| to == TrajectoryStatus::Started),
        };
        tx.change_trajectory_status(t.id, &change)?;
        let msg = tf(
            lang,
            "trajectory.status_saved",
            &[
                ("name", &instrument_label(&t, &cx.assets.catalog, lang)),
                ("status", &to.label(lang)),
            ],
        );
        Ok(Committed::new(self.client_id, msg))
    }
}
