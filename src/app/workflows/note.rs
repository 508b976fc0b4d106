//! A contact note: date, channel, what was discussed, and agreements with follow-up dates.
//! A template prefills the text and can propose the follow-up, so the note and the
//! reminder are made in one step.

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

/// Writing a contact note for the client's current episode.
pub struct NoteFlow {
    client_id: Id,
    episode_id: Id,
    /// The template last applied, and the text it put in (replaced while untouched).
    applied: Option<(String, String)>,
}

/// The form: template, date, channel, summary, agreements.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let episode = store
        .latest_episode(client_id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| l(lang, "form.no_client"))?;
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
    let title = l(lang, "note.title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(NOTED_ON, Some(cx.today));
    Ok(Opened {
        form,
        flow: Box::new(NoteFlow {
            client_id,
            episode_id: episode.id,
            applied: None,
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
        FormKind::Note
    }

    fn subject(&self) -> Id {
        self.client_id
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
        let agreements = AGREEMENTS
            .numbers()
            .filter(|n| !form.get(AGREEMENTS.at(*n, AGREEMENT_TEXT)).is_empty())
            .map(|n| {
                AgreementInput::new(
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
        tx.add_note(self.episode_id, &input)?;
        Ok(Committed::new(self.client_id, l(cx.lang, "note.saved")))
    }
}
