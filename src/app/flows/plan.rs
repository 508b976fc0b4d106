//! The plan of action as a living document: every goal and agreement of the current
//! benefit period can be edited or marked done, and new ones added.

use super::fields::opts;
use super::{Cx, Saved};
use crate::domain::codes::{Code, Term, Who};
use crate::domain::date::fmt_date;
use crate::domain::model::{Agreement, Goal, Id};
use crate::domain::notes::AgreementInput;
use crate::form::{Field, Form, FormId, Kind, check};
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

/// Empty rows offered for new goals and agreements.
const NEW_GOALS: usize = 2;
const NEW_AGREEMENTS: usize = 3;

/// Editing the plan of a client's current episode.
pub struct PlanFlow {
    pub client_id: Id,
    pub episode_id: Id,
    goals: Vec<Goal>,
    agreements: Vec<Agreement>,
    /// Per agreement, the date of the note it was made in (its follow-up may not precede it).
    made_on: Vec<Option<NaiveDate>>,
}

impl PlanFlow {
    /// The form: the existing goals and agreements, then empty rows for new ones.
    /// The plan's form; with `focus`, the cursor starts on that agreement (opened from the
    /// agenda's follow-up).
    pub fn form(
        client_id: Id,
        episode_id: Id,
        store: &Store,
        lang: Lang,
        focus: Option<Id>,
    ) -> (Form, PlanFlow) {
        let goals = store.goals(episode_id).unwrap_or_default();
        let agreements = store.agreements(episode_id).unwrap_or_default();
        let mut fields = Vec::new();
        let mut prefill = Vec::new();
        for (n, g) in goals.iter().enumerate().map(|(i, g)| (i + 1, g)) {
            goal_fields(
                &mut fields,
                lang,
                &format!("g{n}"),
                tf(lang, "intake.goal", &[("n", &n)]),
                true,
            );
            prefill.push((format!("g{n}_text"), json!(g.text)));
            prefill.push((format!("g{n}_term"), json!(g.term.code())));
            prefill.push((
                format!("g{n}_date"),
                json!(g.target_date.map(fmt_date).unwrap_or_default()),
            ));
            prefill.push((format!("g{n}_done"), json!(g.done_on.is_some())));
        }
        for n in goals.len() + 1..=goals.len() + NEW_GOALS {
            goal_fields(
                &mut fields,
                lang,
                &format!("g{n}"),
                tf(lang, "plan.new_goal", &[("n", &n)]),
                false,
            );
        }
        for (n, a) in agreements.iter().enumerate().map(|(i, a)| (i + 1, a)) {
            agreement_fields(
                &mut fields,
                lang,
                &format!("a{n}"),
                tf(lang, "intake.agreement", &[("n", &n)]),
                true,
            );
            prefill.push((format!("a{n}_text"), json!(a.text)));
            prefill.push((format!("a{n}_who"), json!(a.who.code())));
            prefill.push((
                format!("a{n}_follow_up"),
                json!(a.follow_up.map(fmt_date).unwrap_or_default()),
            ));
            prefill.push((format!("a{n}_done"), json!(a.done_on.is_some())));
        }
        for n in agreements.len() + 1..=agreements.len() + NEW_AGREEMENTS {
            agreement_fields(
                &mut fields,
                lang,
                &format!("a{n}"),
                tf(lang, "plan.new_agreement", &[("n", &n)]),
                false,
            );
        }
        fields.push(Field::new(
            "plan_agreed_on",
            t(lang, "intake.plan_agreed_on"),
            Kind::Date,
            0,
        ));
        let title = t(lang, "plan.title").to_owned();
        let mut form = Form::new(
            FormId {
                kind: "plan",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        for (k, v) in prefill {
            form.prefill(&k, v);
        }
        if let Ok(Some(i)) = store.intake(episode_id) {
            form.prefill(
                "plan_agreed_on",
                json!(i.plan_agreed_on.map(fmt_date).unwrap_or_default()),
            );
        }
        if let Some(n) = agreements.iter().position(|a| Some(a.id) == focus) {
            form.focus_on(&format!("a{}_text", n + 1));
        }
        let notes = store.notes(episode_id).unwrap_or_default();
        let made_on = agreements
            .iter()
            .map(|a| {
                let note = notes.iter().find(|n| Some(n.id) == a.note_id);
                note.map(|n| n.noted_on)
            })
            .collect();
        (
            form,
            PlanFlow {
                client_id,
                episode_id,
                goals,
                agreements,
                made_on,
            },
        )
    }

    /// Terms are required for goals with a text; dates parse; agreed date not ahead.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let keys: Vec<String> = form
            .fields
            .iter()
            .filter(|f| f.key.ends_with("_term"))
            .map(|f| f.key.clone())
            .collect();
        for key in keys {
            let text = form.text(&key.replace("_term", "_text"));
            if let Some(f) = form.field_mut(&key) {
                f.required = !text.is_empty();
            }
        }
        check::basics(form, cx.lang, cx.today);
        // An agreement made in a note keeps its follow-up on or after the note's day.
        for (i, made_on) in self.made_on.iter().enumerate() {
            let key = format!("a{}_follow_up", i + 1);
            let input = AgreementInput::new("-", Who::Client, check::date(form, &key, cx.today));
            if let Err(e) = input.check(*made_on) {
                check::fail(form, &key, t(cx.lang, e.key()).to_owned());
            }
        }
        if let Some(on) = check::date(form, "plan_agreed_on", cx.today)
            && on > cx.today
        {
            check::fail(
                form,
                "plan_agreed_on",
                t(cx.lang, "intake.err.future").to_owned(),
            );
        }
    }

    /// Writes what changed and adds what is new, in one transaction.
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
    ) -> Result<Saved, String> {
        let date = |k: &str| check::date(form, k, today);
        let done = |k: &str, before: Option<NaiveDate>| match form.yes_no(k) {
            Some(true) => before.or(Some(today)),
            _ => None,
        };
        let mut goal_updates = Vec::new();
        let mut goal_inserts = Vec::new();
        for n in 1..=self.goals.len() + NEW_GOALS {
            let text = form.text(&format!("g{n}_text"));
            let term = form
                .choice(&format!("g{n}_term"))
                .and_then(|c| Term::from_code(&c))
                .unwrap_or(Term::Short);
            let target = date(&format!("g{n}_date"));
            match self.goals.get(n - 1) {
                Some(g) => {
                    let new = Goal {
                        text: if text.is_empty() {
                            g.text.clone()
                        } else {
                            text
                        },
                        term,
                        target_date: target,
                        done_on: done(&format!("g{n}_done"), g.done_on),
                        ..g.clone()
                    };
                    if &new != g {
                        goal_updates.push(new);
                    }
                }
                None if !text.is_empty() => goal_inserts.push(Goal {
                    id: 0,
                    episode_id: self.episode_id,
                    term,
                    text,
                    target_date: target,
                    done_on: None,
                }),
                None => {}
            }
        }
        let mut agr_updates = Vec::new();
        let mut agr_inserts = Vec::new();
        for n in 1..=self.agreements.len() + NEW_AGREEMENTS {
            let text = form.text(&format!("a{n}_text"));
            let who = form
                .choice(&format!("a{n}_who"))
                .and_then(|c| Who::from_code(&c))
                .unwrap_or(Who::Client);
            let follow = date(&format!("a{n}_follow_up"));
            match self.agreements.get(n - 1) {
                Some(a) => {
                    let new = Agreement {
                        text: if text.is_empty() {
                            a.text.clone()
                        } else {
                            text
                        },
                        who,
                        follow_up: follow,
                        done_on: done(&format!("a{n}_done"), a.done_on),
                        ..a.clone()
                    };
                    if &new != a {
                        agr_updates.push(new);
                    }
                }
                None if !text.is_empty() => agr_inserts.push(Agreement {
                    id: 0,
                    episode_id: self.episode_id,
                    note_id: None,
                    text,
                    who,
                    follow_up: follow,
                    done_on: None,
                }),
                None => {}
            }
        }
        let agreed = date("plan_agreed_on");
        let id = form.id.clone();
        let episode_id = self.episode_id;
        let result = store.write(|tx| {
            for g in &goal_updates {
                tx.update_goal(g)?;
            }
            for g in &goal_inserts {
                tx.insert_goal(g)?;
            }
            for a in &agr_updates {
                let input = AgreementInput {
                    id: Some(a.id),
                    ..AgreementInput::new(&a.text, a.who, a.follow_up)
                };
                tx.edit_agreement(a.id, &input)?;
                tx.set_agreement_done(a.id, a.done_on)?;
            }
            for a in &agr_inserts {
                tx.insert_agreement(a)?;
            }
            tx.set_plan_agreed(episode_id, agreed)?;
            tx.delete_draft(id.kind, id.subject)
        });
        Saved::from_write(
            result,
            self.client_id,
            t(lang, "plan.saved").to_owned(),
            lang,
        )
    }
}

fn goal_fields(fields: &mut Vec<Field>, lang: Lang, p: &str, label: String, existing: bool) {
    fields.push(Field::new(format!("{p}_text"), label, Kind::Text, 0));
    fields.push(Field::new(
        format!("{p}_term"),
        t(lang, "intake.goal_term"),
        Kind::Choice(opts::<Term>(lang)),
        0,
    ));
    fields.push(Field::new(
        format!("{p}_date"),
        t(lang, "intake.goal_date"),
        Kind::Date,
        0,
    ));
    if existing {
        fields.push(Field::new(
            format!("{p}_done"),
            t(lang, "plan.done"),
            Kind::YesNo,
            0,
        ));
    }
}

fn agreement_fields(fields: &mut Vec<Field>, lang: Lang, p: &str, label: String, existing: bool) {
    fields.push(Field::new(format!("{p}_text"), label, Kind::Text, 0));
    fields.push(Field::new(
        format!("{p}_who"),
        t(lang, "intake.agreement_who"),
        Kind::Choice(opts::<Who>(lang)),
        0,
    ));
    fields.push(Field::new(
        format!("{p}_follow_up"),
        t(lang, "intake.agreement_follow_up"),
        Kind::Date,
        0,
    ));
    if existing {
        fields.push(Field::new(
            format!("{p}_done"),
            t(lang, "plan.done"),
            Kind::YesNo,
            0,
        ));
    }
}
