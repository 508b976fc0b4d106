//! A contact note: date, channel, what was discussed, and agreements with follow-up dates.
//! A template prefills the text and can propose the follow-up, so the note and the
//! reminder are made in one step.

use super::fields::{l, opts};
use super::{Cx, Saved};
use crate::domain::codes::{Channel, Code, Who};
use crate::domain::date::fmt_date;
use crate::domain::model::Id;
use crate::domain::notes::{AgreementInput, NoteInput};
use crate::form::{Field, Form, FormId, Kind, Opt, check};
use crate::i18n::{Lang, tf};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

/// Agreements a note offers.
const AGREEMENTS: usize = 3;

/// Writing a contact note for the client's current episode.
pub struct NoteFlow {
    pub client_id: Id,
    pub episode_id: Id,
    /// The template last applied, and the text it put in (replaced while untouched).
    applied: Option<(String, String)>,
}

impl NoteFlow {
    /// The form: template, date, channel, summary, agreements.
    pub fn form(client_id: Id, episode_id: Id, cx: &Cx) -> (Form, NoteFlow) {
        let lang = cx.lang;
        let templates = cx
            .assets
            .templates
            .templates
            .iter()
            .map(|t| Opt::new(&t.key, t.name(lang)))
            .collect();
        let mut fields = vec![
            Field::new(
                "template",
                l(lang, "note.template"),
                Kind::Choice(templates),
                0,
            ),
            Field::new("noted_on", l(lang, "note.date"), Kind::Date, 0).required(),
            Field::new(
                "channel",
                l(lang, "note.channel"),
                Kind::Choice(opts::<Channel>(lang)),
                0,
            )
            .required(),
            Field::new("summary", l(lang, "note.summary"), Kind::Notes, 0).required(),
        ];
        for n in 1..=AGREEMENTS {
            fields.push(Field::new(
                format!("agreement{n}_text"),
                tf(lang, "intake.agreement", &[("n", &n)]),
                Kind::Text,
                0,
            ));
            fields.push(Field::new(
                format!("agreement{n}_who"),
                l(lang, "intake.agreement_who"),
                Kind::Choice(opts::<Who>(lang)),
                0,
            ));
            fields.push(Field::new(
                format!("agreement{n}_follow_up"),
                l(lang, "intake.agreement_follow_up"),
                Kind::Date,
                0,
            ));
        }
        let title = l(lang, "note.title");
        let mut form = Form::new(
            FormId {
                kind: "note",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("noted_on", json!(fmt_date(cx.today)));
        (
            form,
            NoteFlow {
                client_id,
                episode_id,
                applied: None,
            },
        )
    }

    /// Applies a newly chosen template; checks the follow-ups.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let (lang, today) = (cx.lang, cx.today);
        let key = form.choice("template");
        if key.as_deref() != self.applied.as_ref().map(|(k, _)| k.as_str())
            && let Some(k) = &key
            && let Some(tpl) = cx.assets.templates.get(k)
        {
            let on = check::date(form, "noted_on", today).unwrap_or(today);
            let input = tpl.prefill(lang, on);
            let summary = form.text("summary");
            let untouched = summary.is_empty()
                || self
                    .applied
                    .as_ref()
                    .is_some_and(|(_, text)| text.trim() == summary);
            if untouched {
                form.prefill("summary", json!(input.summary));
                if let Some(f) = form.field_mut("summary") {
                    f.cursor_to_first_blank();
                }
            }
            form.prefill("channel", json!(input.channel.code()));
            if let Some(a) = input.agreements.first()
                && form.text("agreement1_text").is_empty()
            {
                form.prefill("agreement1_text", json!(a.text));
                form.prefill("agreement1_who", json!(a.who.code()));
                form.prefill(
                    "agreement1_follow_up",
                    json!(a.follow_up.map(fmt_date).unwrap_or_default()),
                );
            }
            self.applied = Some((k.clone(), input.summary));
        }
        check::basics(form, lang, today);
        let on = check::date(form, "noted_on", today);
        if on.is_some_and(|d| d > today) {
            check::fail(form, "noted_on", l(lang, "intake.err.future"));
        }
        for n in 1..=AGREEMENTS {
            let key = format!("agreement{n}_follow_up");
            if let (Some(f), Some(on)) = (check::date(form, &key, today), on)
                && f < on
            {
                check::fail(form, &key, l(lang, "note.err.follow_up_before"));
            }
        }
    }

    /// Saves the note with its agreements in one transaction.
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Saved, String> {
        let agreements = (1..=AGREEMENTS)
            .filter(|n| !form.text(&format!("agreement{n}_text")).is_empty())
            .map(|n| {
                AgreementInput::new(
                    &form.text(&format!("agreement{n}_text")),
                    form.choice(&format!("agreement{n}_who"))
                        .and_then(|c| Who::from_code(&c))
                        .unwrap_or(Who::Client),
                    check::date(form, &format!("agreement{n}_follow_up"), today),
                )
            })
            .collect();
        let input = NoteInput {
            noted_on: check::date(form, "noted_on", today).unwrap_or(today),
            channel: form
                .choice("channel")
                .and_then(|c| Channel::from_code(&c))
                .unwrap_or(Channel::InPerson),
            summary: form.text("summary"),
            template: form.choice("template"),
            agreements,
        };
        let id = form.id.clone();
        let episode_id = self.episode_id;
        let result = store.write(|tx| {
            tx.add_note(episode_id, &input)?;
            tx.delete_draft(id.kind, id.subject)
        });
        Saved::from_write(result, self.client_id, l(lang, "note.saved"), lang)
    }
}
