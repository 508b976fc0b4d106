//! What the keys do to the item under the client file's cursor: `Enter` opens its form (to
//! correct it, or its next step), `Space` marks a goal or agreement done, `d` voids it.

use super::effect::{Done, Effect, Op};
use super::screens::caseload::FileItem;
use super::state::State;
use super::workflows::{FormKind, Start};
use crate::domain::codes::ContactStatus;
use crate::domain::premium_pay::InstalmentState;
use crate::i18n::t;
use chrono::NaiveDate;

impl State {
    /// `Enter` on the item under the file's cursor.
    pub(super) fn open_item(&mut self) -> Vec<Effect> {
        let c = &self.caseload;
        let (Some(file), Some(item)) = (&c.file, c.item()) else {
            return Vec::new();
        };
        let client = file.client.id;
        let aftercare = file.aftercare.as_ref();
        let record = |i: usize| file.timeline.get(i).map(|e| e.record_id());
        let (kind, on) = match item {
            FileItem::Contact(i) => match aftercare.and_then(|a| a.contacts.get(i)) {
                Some(k) if k.status == ContactStatus::Planned => (FormKind::CheckIn, Some(k.id)),
                Some(k) if k.status == ContactStatus::Cancelled => {
                    self.error(t(self.lang, "file.contact_cancelled"));
                    return Vec::new();
                }
                Some(k) => (FormKind::CheckInEdit, Some(k.id)),
                None => return Vec::new(),
            },
            FileItem::Instalment(i) => {
                let Some(inst) = aftercare.and_then(|a| a.instalments.get(i)).cloned() else {
                    return Vec::new();
                };
                match inst.state() {
                    InstalmentState::Open => (FormKind::PremiumPay, Some(inst.id)),
                    // Paid or forfeited: taken back, after asking (then paid again on the
                    // right date).
                    InstalmentState::Paid(_) | InstalmentState::Forfeited(..) => {
                        self.ask_take_back(client, &[inst]);
                        return Vec::new();
                    }
                    InstalmentState::Cancelled(_) => {
                        self.error(t(self.lang, "file.instalment_cancelled"));
                        return Vec::new();
                    }
                }
            }
            // On a goal or an agreement: the plan of action they are part of, on the
            // agreement.
            FileItem::Agreement(i) => (FormKind::Plan, file.agreements.get(i).map(|a| a.id)),
            FileItem::Goal(_) => (FormKind::Plan, None),
            FileItem::Trajectory(i) => (
                FormKind::TrajectoryEdit,
                file.trajectories.get(i).map(|t| t.id),
            ),
            FileItem::Note(i) => (FormKind::NoteEdit, record(i)),
            FileItem::Assessment(i) => (FormKind::AssessmentEdit, record(i)),
            FileItem::Exit(i) => (FormKind::ExitEdit, record(i)),
        };
        vec![Effect::OpenForm(Start::new(kind, Some(client)).on(on))]
    }

    /// `d` on the item under the file's cursor: a trajectory or a note voided, an exit
    /// withdrawn (after a reason is given).
    pub(super) fn void_item(&mut self) -> Vec<Effect> {
        let c = &self.caseload;
        let (Some(file), Some(item)) = (&c.file, c.item()) else {
            return Vec::new();
        };
        let record = |i: usize| file.timeline.get(i).map(|e| e.record_id());
        let (kind, on) = match item {
            FileItem::Trajectory(i) => (
                FormKind::VoidTrajectory,
                file.trajectories.get(i).map(|t| t.id),
            ),
            FileItem::Note(i) => (FormKind::VoidNote, record(i)),
            FileItem::Exit(i) => (FormKind::ExitWithdraw, record(i)),
            _ => return Vec::new(),
        };
        let start = Start::new(kind, Some(file.client.id));
        vec![Effect::OpenForm(start.on(on))]
    }

    /// `Space`: marks the goal or agreement under the file's cursor done today, or open
    /// again.
    pub(super) fn toggle_done(&mut self) -> Vec<Effect> {
        let (Some(file), Some(item)) = (&self.caseload.file, self.caseload.item()) else {
            return Vec::new();
        };
        let today = self.today;
        let on = |done: Option<NaiveDate>| done.is_none().then_some(today);
        let item = match item {
            FileItem::Goal(i) => file.goals.get(i).map(|g| Done::Goal(g.id, on(g.done_on))),
            FileItem::Agreement(i) => file
                .agreements
                .get(i)
                .map(|a| Done::Agreement(a.id, on(a.done_on))),
            _ => None,
        };
        item.map(|item| {
            vec![Effect::Op(Op::SetDone {
                item,
                client: file.client.id,
            })]
        })
        .unwrap_or_default()
    }

    /// The record under the file's cursor that a form opened by its key is about: the
    /// trajectory for its status or review, the planned contact for a check-in, the open
    /// instalment for a payment (`None`: the form chooses).
    pub(super) fn item_for(&self, kind: FormKind) -> Option<crate::domain::model::Id> {
        let c = &self.caseload;
        let (file, item) = (c.file.as_ref()?, c.item()?);
        let aftercare = file.aftercare.as_ref();
        match (kind, item) {
            (FormKind::TrajectoryStatus | FormKind::Review, FileItem::Trajectory(i)) => {
                file.trajectories.get(i).map(|t| t.id)
            }
            (FormKind::CheckIn, FileItem::Contact(i)) => aftercare?
                .contacts
                .get(i)
                .filter(|k| k.status == ContactStatus::Planned)
                .map(|k| k.id),
            (FormKind::PremiumPay, FileItem::Instalment(i)) => aftercare?
                .instalments
                .get(i)
                .filter(|x| x.is_open())
                .map(|x| x.id),
            _ => None,
        }
    }

    /// What `Enter` does on the item under the file's cursor, as the key's description
    /// (an i18n key): record, correct, pay, take back, open the plan.
    pub fn open_item_desc(&self) -> Option<&'static str> {
        let c = &self.caseload;
        let (file, item) = (c.file.as_ref()?, c.item()?);
        let aftercare = file.aftercare.as_ref();
        Some(match item {
            FileItem::Contact(i) => match aftercare?.contacts.get(i)?.status {
                ContactStatus::Planned => "key.item.record",
                ContactStatus::Cancelled => return None,
                _ => "key.item.correct",
            },
            FileItem::Instalment(i) => match aftercare?.instalments.get(i)?.state() {
                InstalmentState::Open => "key.item.pay",
                InstalmentState::Cancelled(_) => return None,
                _ => "key.item.take_back",
            },
            FileItem::Goal(_) | FileItem::Agreement(_) => "key.item.plan",
            _ => "key.item.correct",
        })
    }

    /// Whether `Space` applies to the item: a goal or an agreement.
    pub fn can_mark_done(item: FileItem) -> bool {
        matches!(item, FileItem::Goal(_) | FileItem::Agreement(_))
    }

    /// Whether `d` applies to the item: a trajectory, a note, an exit.
    pub fn can_void(item: FileItem) -> bool {
        matches!(
            item,
            FileItem::Trajectory(_) | FileItem::Note(_) | FileItem::Exit(_)
        )
    }
}
