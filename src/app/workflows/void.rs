//! Voiding a record entered in error (`d` on it in the client file): a trajectory (a wrong
//! instrument picked) or a contact note. With a reason, it goes from the file, the agenda
//! and every report, unlike a stopped trajectory; the client's history keeps it with the
//! reason, and `u` brings it back.

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::domain::display;
use crate::domain::model::Id;
use crate::domain::trajectory::instrument_label;
use crate::form::key::{Info, Text};
use crate::form::{Form, Key, check};
use crate::i18n::tf;
use crate::store::{Store, Tx};

const WHAT: Key<Info> = Key::new("what");
const REASON: Key<Text> = Key::new("reason");

/// Voiding one record of the client.
pub struct VoidFlow {
    kind: FormKind,
    client_id: Id,
    /// The trajectory's or the note's id.
    id: Id,
    /// What it is, in a few words (the status line says it).
    label: String,
}

/// The form on the record of the start: what it is, and why it was entered in error.
pub fn open(kind: FormKind, start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| read_failed(e, lang);
    let client_id = start.client(lang)?;
    let id = start.item.ok_or_else(|| l(lang, "void.which"))?;
    let (title, what, label) = if kind == FormKind::VoidNote {
        let (note, _) = store
            .note_with_agreements(id)
            .map_err(read)?
            .ok_or_else(|| l(lang, "void.gone"))?;
        let first = note.summary.lines().next().unwrap_or_default();
        let summary = display::fit(&display::line(first), 50).into_owned();
        let what = tf(
            lang,
            "void.describe_note",
            &[
                ("date", &fmt_date(note.noted_on)),
                ("channel", &note.channel.label(lang)),
                ("summary", &summary),
            ],
        );
        let label = tf(
            lang,
            "void.note_label",
            &[("date", &fmt_date(note.noted_on))],
        );
        (l(lang, "void.title_note"), what, label)
    } else {
        let t = store
            .trajectory(id)
            .map_err(read)?
            .ok_or_else(|| l(lang, "void.gone"))?;
        let label = instrument_label(&t, &cx.assets.catalog, lang);
        let what = tf(
            lang,
            "void.describe",
            &[
                ("instrument", &label),
                ("status", &t.status.label(lang)),
                ("date", &fmt_date(t.referred_on)),
            ],
        );
        (l(lang, "void.title"), what, label)
    };
    let fields = vec![
        WHAT.field(l(lang, "void.what"), 0),
        REASON.field(l(lang, "void.reason"), 0).required(),
    ];
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.set_note(WHAT, Some(what));
    form.focus_on(REASON);
    Ok(Opened {
        form,
        flow: Box::new(VoidFlow {
            kind,
            client_id,
            id,
            label,
        }),
    })
}

impl Workflow for VoidFlow {
    fn kind(&self) -> FormKind {
        self.kind
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        check::basics(form, cx.lang);
    }

    /// Voids the record, the reason kept in the change log.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let reason = form.get(REASON);
        if self.kind == FormKind::VoidNote {
            tx.void_note(self.id, reason.trim())?;
        } else {
            tx.void_trajectory(self.id, reason.trim())?;
        }
        let message = tf(cx.lang, "void.done", &[("instrument", &self.label)]);
        Ok(Committed::new(self.client_id, message))
    }
}
