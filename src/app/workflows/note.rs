//! A contact note: date, channel, what was discussed, and agreements with follow-up dates.
//! A template prefills the text and can propose the follow-up, so the note and the
//! reminder are made in one step. The same form corrects a saved note (`Enter` on it in the
//! client file): prefilled, with the same checks; its agreements keep their done dates.

use super::fields::{AGREEMENT_FOLLOW_UP, AGREEMENT_TEXT, AGREEMENT_WHO, agreement_row, l};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::{Channel, Who};
use crate::domain::model::Id;
use crate::domain::notes::{AgreementInput, NoteInput};
use crate::form::key::{Choice, Date, Notes, One};
use crate::form::{Form, Group, Key, Opt, check};
use crate::i18n::tf;
use crate::store::{Store, Tx};

const TEMPLATE: Key<Choice> = Key::new("template");
const NOTED_ON: Key<Date> = Key::new("noted_on");
const CHANNEL: Key<One<Channel>> = Key::new("channel");
const SUMMARY: Key<Notes> = Key::new("summary");
/// The agreements a note offers.
const AGREEMENTS: Group = Group::new("agreement", 3);

/// Writing a contact note for the client's current episode, or correcting a saved one.
pub struct NoteFlow {
    client_id: Id,
    episode_id: Id,
    /// The template last applied, and the text it put in (replaced while untouched).
    applied: Option<(String, String)>,
    /// A correction: the note, and the ids of its agreements by row.
    editing: Option<(Id, Vec<Id>)>,
}

/// The form: template, date, channel, summary, agreements. A correction (`NoteEdit`, on
/// the note of the start) is prefilled with the note; its draft is kept under the note.
pub fn open(kind: FormKind, start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| read_failed(e, lang);
    let saved = match (kind, start.item) {
        (FormKind::NoteEdit, Some(id)) => Some(
            store
                .note_with_agreements(id)
                .map_err(read)?
                .ok_or_else(|| l(lang, "void.gone"))?,
        ),
        (FormKind::NoteEdit, None) => return Err(l(lang, "note.which")),
        _ => None,
    };
    if saved
        .as_ref()
        .is_some_and(|(_, a)| a.len() > AGREEMENTS.numbers().count())
    {
        return Err(l(lang, "note.too_many_agreements"));
    }
    let episode = match &saved {
        Some((note, _)) => store.episode(note.episode_id).map_err(read)?,
        None => store.latest_episode(start.client(lang)?).map_err(read)?,
    }
    .ok_or_else(|| l(lang, "form.no_client"))?;
    let client_id = episode.client_id;
    let templates = cx
        .assets
        .templates
        .templates
        .iter()
        .map(|t| Opt::new(&t.key, t.name(lang)))
        .collect();
    let mut fields = vec![
        TEMPLATE.field(templates, l(lang, "note.template"), 0),
        NOTED_ON.field(l(lang, "note.date"), 0).required(),
        CHANNEL.field(lang, l(lang, "note.channel"), 0).required(),
        SUMMARY.field(l(lang, "note.summary"), 0).required(),
    ];
    for n in AGREEMENTS.numbers() {
        let label = tf(lang, "intake.agreement", &[("n", &n)]);
        fields.extend(agreement_row(lang, AGREEMENTS, n, label, 0));
    }
    let title = match saved {
        Some(_) => l(lang, "note.title_edit"),
        None => l(lang, "note.title"),
    };
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(NOTED_ON, Some(cx.today));
    let mut editing = None;
    if let Some((note, agreements)) = saved {
        form.put(NOTED_ON, Some(note.noted_on));
        form.put(CHANNEL, Some(note.channel));
        form.put(SUMMARY, note.summary.clone());
        for (a, n) in agreements.iter().zip(AGREEMENTS.numbers()) {
            form.put(AGREEMENTS.at(n, AGREEMENT_TEXT), a.text.clone());
            form.put(AGREEMENTS.at(n, AGREEMENT_WHO), Some(a.who));
            form.put(AGREEMENTS.at(n, AGREEMENT_FOLLOW_UP), a.follow_up);
        }
        form.focus_on(SUMMARY);
        editing = Some((note.id, agreements.iter().map(|a| a.id).collect()));
    }
    Ok(Opened {
        form,
        flow: Box::new(NoteFlow {
            client_id,
            episode_id: episode.id,
            applied: None,
            editing,
        }),
    })
}

impl NoteFlow {
    /// Applies a newly chosen template (its text while the summary is untouched, its
    /// channel, its first agreement while none was typed).
    fn apply_template(&mut self, form: &mut Form, cx: &Cx) {
        let key = form.get(TEMPLATE);
        if key.as_deref() == self.applied.as_ref().map(|(k, _)| k.as_str()) {
            return;
        }
        let Some((k, tpl)) = key
            .as_ref()
            .and_then(|k| cx.assets.templates.get(k).map(|t| (k, t)))
        else {
            return;
        };
        let on = form.get(NOTED_ON).unwrap_or(cx.today);
        let input = tpl.prefill(cx.lang, on);
        let summary = form.get(SUMMARY);
        let untouched = summary.is_empty()
            || self
                .applied
                .as_ref()
                .is_some_and(|(_, text)| text.trim() == summary);
        if untouched {
            form.put(SUMMARY, input.summary.clone());
            if let Some(f) = form.field_mut(SUMMARY) {
                f.cursor_to_first_blank();
            }
        }
        form.put(CHANNEL, Some(input.channel));
        if let Some(a) = input.agreements.first()
            && form.get(AGREEMENTS.at(1, AGREEMENT_TEXT)).is_empty()
        {
            form.put(AGREEMENTS.at(1, AGREEMENT_TEXT), a.text.clone());
            form.put(AGREEMENTS.at(1, AGREEMENT_WHO), Some(a.who));
            form.put(AGREEMENTS.at(1, AGREEMENT_FOLLOW_UP), a.follow_up);
        }
        self.applied = Some((k.clone(), input.summary));
    }
}

impl Workflow for NoteFlow {
    fn kind(&self) -> FormKind {
        match self.editing {
            Some(_) => FormKind::NoteEdit,
            None => FormKind::Note,
        }
    }

    /// A new note's draft is the client's; a correction's is the note's.
    fn subject(&self) -> Id {
        match &self.editing {
            Some((note, _)) => *note,
            None => self.client_id,
        }
    }

    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        self.apply_template(form, cx);
        check::basics(form, lang);
        let on = form.get(NOTED_ON);
        if on.is_some_and(|d| d > cx.today) {
            form.fail(NOTED_ON, l(lang, "intake.err.future"));
        }
        for n in AGREEMENTS.numbers() {
            let key = AGREEMENTS.at(n, AGREEMENT_FOLLOW_UP);
            if let (Some(f), Some(on)) = (form.get(key), on)
                && f < on
            {
                form.fail(key, l(lang, "note.err.follow_up_before"));
            }
        }
    }

    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let ids = self.editing.as_ref().map(|(_, ids)| ids.as_slice());
        let agreements = AGREEMENTS
            .numbers()
            .filter(|n| !form.get(AGREEMENTS.at(*n, AGREEMENT_TEXT)).is_empty())
            .map(|n| AgreementInput {
                // A row that held an agreement changes it (its done date kept).
                id: ids.and_then(|ids| ids.get(n - 1).copied()),
                ..AgreementInput::new(
                    &form.get(AGREEMENTS.at(n, AGREEMENT_TEXT)),
                    form.get(AGREEMENTS.at(n, AGREEMENT_WHO))
                        .unwrap_or(Who::Client),
                    form.get(AGREEMENTS.at(n, AGREEMENT_FOLLOW_UP)),
                )
            })
            .collect();
        let input = NoteInput {
            noted_on: form.get(NOTED_ON).unwrap_or(cx.today),
            channel: form.get(CHANNEL).unwrap_or(Channel::InPerson),
            summary: form.get(SUMMARY),
            template: form.get(TEMPLATE),
            agreements,
        };
        if let Some((note, _)) = &self.editing {
            tx.update_note(*note, &input)?;
            return Ok(Committed::new(self.client_id, l(cx.lang, "note.corrected")));
        }
        tx.add_note(self.episode_id, &input)?;
        Ok(Committed::new(self.client_id, l(cx.lang, "note.saved")))
    }
}
