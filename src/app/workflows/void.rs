//! Voiding a trajectory entered in error (`d` on it in the client file): with a reason, it
//! goes from the file, the agenda and every report, unlike a stopped one; the client's
//! history keeps it with the reason, and `u` brings it back.

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, Trajectory};
use crate::domain::trajectory::instrument_label;
use crate::form::key::{Info, Text};
use crate::form::{Form, Key, check};
use crate::i18n::tf;
use crate::store::{Store, Tx};

const WHAT: Key<Info> = Key::new("what");
const REASON: Key<Text> = Key::new("reason");

/// Voiding one trajectory of the client.
pub struct VoidFlow {
    client_id: Id,
    trajectory: Trajectory,
    label: String,
}

/// The form on the trajectory of the start: what it is, and why it was entered in error.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let id = start.item.ok_or_else(|| l(lang, "void.which"))?;
    let trajectory = store
        .trajectory(id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| l(lang, "void.gone"))?;
    let label = instrument_label(&trajectory, &cx.assets.catalog, lang);
    let fields = vec![
        WHAT.field(l(lang, "void.what"), 0),
        REASON.field(l(lang, "void.reason"), 0).required(),
    ];
    let title = l(lang, "void.title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    let what = tf(
        lang,
        "void.describe",
        &[
            ("instrument", &label),
            ("status", &trajectory.status.label(lang)),
            ("date", &fmt_date(trajectory.referred_on)),
        ],
    );
    form.set_note(WHAT, Some(what));
    form.focus_on(REASON);
    Ok(Opened {
        form,
        flow: Box::new(VoidFlow {
            client_id,
            trajectory,
            label,
        }),
    })
}

impl Workflow for VoidFlow {
    fn kind(&self) -> FormKind {
        FormKind::VoidTrajectory
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        check::basics(form, cx.lang);
    }

    /// Voids the trajectory, the reason kept in the change log.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let reason = form.get(REASON);
        tx.void_trajectory(self.trajectory.id, reason.trim())?;
        let message = tf(cx.lang, "void.done", &[("instrument", &self.label)]);
        Ok(Committed::new(self.client_id, message))
    }
}
