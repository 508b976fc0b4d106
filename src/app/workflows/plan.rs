//! The plan of action as a living document: every goal and agreement of the current
//! benefit period can be edited or marked done, and new ones added.

use super::fields::{
    AGREEMENT_FOLLOW_UP, AGREEMENT_TEXT, AGREEMENT_WHO, GOAL_DATE, GOAL_TERM, GOAL_TEXT,
    agreement_row, goal_row, l,
};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, latest_episode, read_failed};
use crate::domain::codes::{Term, Who};
use crate::domain::model::{Agreement, Goal, Id};
use crate::domain::notes::AgreementInput;
use crate::form::key::{Date, YesNo};
use crate::form::{Col, Field, Form, Group, Key, check};
use crate::i18n::{Lang, tf};
use crate::store::{Store, Tx};
use chrono::NaiveDate;

/// Empty rows offered for new goals and agreements.
const NEW_GOALS: usize = 2;
const NEW_AGREEMENTS: usize = 3;

/// Whether an existing goal or agreement is done.
const DONE: Col<YesNo> = Col::new("done");
const PLAN_AGREED_ON: Key<Date> = Key::new("plan_agreed_on");

/// Editing the plan of a client's current episode.
pub struct PlanFlow {
    client_id: Id,
    episode_id: Id,
    goals: Vec<Goal>,
    agreements: Vec<Agreement>,
    /// Per agreement, the date of the note it was made in (its follow-up may not precede it).
    made_on: Vec<Option<NaiveDate>>,
}

impl PlanFlow {
    /// The goal rows: the existing ones, then empty rows for new ones.
    fn goal_rows(&self) -> Group {
        Group::new("g", self.goals.len() + NEW_GOALS)
    }

    /// The agreement rows: the existing ones, then empty rows for new ones.
    fn agreement_rows(&self) -> Group {
        Group::new("a", self.agreements.len() + NEW_AGREEMENTS)
    }
}

/// The plan's form: the existing goals and agreements, then empty rows for new ones; on
/// an agreement when the start names one (opened from the agenda's follow-up).
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let episode = latest_episode(store, client_id, lang)?;
    let read = |e| read_failed(e, lang);
    let agreements = store.agreements(episode.id).map_err(read)?;
    let notes = store.notes(episode.id).map_err(read)?;
    let made_on = agreements
        .iter()
        .map(|a| {
            let note = notes.iter().find(|n| Some(n.id) == a.note_id);
            note.map(|n| n.noted_on)
        })
        .collect();
    let flow = PlanFlow {
        client_id,
        episode_id: episode.id,
        goals: store.goals(episode.id).map_err(read)?,
        agreements,
        made_on,
    };
    let (goals, agreements) = (flow.goal_rows(), flow.agreement_rows());
    let mut fields = Vec::new();
    for n in goals.numbers() {
        let existing = n <= flow.goals.len();
        let label = if existing {
            "intake.goal"
        } else {
            "plan.new_goal"
        };
        goal_fields(
            &mut fields,
            lang,
            goals,
            n,
            tf(lang, label, &[("n", &n)]),
            existing,
        );
    }
    for n in agreements.numbers() {
        let existing = n <= flow.agreements.len();
        let label = if existing {
            "intake.agreement"
        } else {
            "plan.new_agreement"
        };
        let label = tf(lang, label, &[("n", &n)]);
        agreement_fields(&mut fields, lang, agreements, n, label, existing);
    }
    fields.push(PLAN_AGREED_ON.field(l(lang, "intake.plan_agreed_on"), 0));
    let title = l(lang, "plan.title");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    for (i, g) in flow.goals.iter().enumerate() {
        let n = i + 1;
        form.put(goals.at(n, GOAL_TEXT), g.text.clone());
        form.put(goals.at(n, GOAL_TERM), Some(g.term));
        form.put(goals.at(n, GOAL_DATE), g.target_date);
        form.put(goals.at(n, DONE), Some(g.done_on.is_some()));
    }
    for (i, a) in flow.agreements.iter().enumerate() {
        let n = i + 1;
        form.put(agreements.at(n, AGREEMENT_TEXT), a.text.clone());
        form.put(agreements.at(n, AGREEMENT_WHO), Some(a.who));
        form.put(agreements.at(n, AGREEMENT_FOLLOW_UP), a.follow_up);
        form.put(agreements.at(n, DONE), Some(a.done_on.is_some()));
    }
    let intake = store.intake(episode.id).map_err(read)?;
    form.put(PLAN_AGREED_ON, intake.and_then(|i| i.plan_agreed_on));
    if let Some(n) = flow
        .agreements
        .iter()
        .position(|a| Some(a.id) == start.item)
    {
        form.focus_on(agreements.at(n + 1, AGREEMENT_TEXT));
    }
    Ok(Opened {
        form,
        flow: Box::new(flow),
    })
}

/// Whether a done field says done: keeps the day it was done, else today.
fn done_on(
    form: &Form,
    key: Key<YesNo>,
    before: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<NaiveDate> {
    match form.get(key) {
        Some(true) => before.or(Some(today)),
        _ => None,
    }
}

impl Workflow for PlanFlow {
    fn kind(&self) -> FormKind {
        FormKind::Plan
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// Terms are required for goals with a text; dates parse; agreed date not ahead.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let goals = self.goal_rows();
        for n in goals.numbers() {
            let filled = !form.get(goals.at(n, GOAL_TEXT)).is_empty();
            form.require(goals.at(n, GOAL_TERM), filled);
        }
        check::basics(form, cx.lang);
        // An agreement made in a note keeps its follow-up on or after the note's day.
        let agreements = self.agreement_rows();
        for (i, made_on) in self.made_on.iter().enumerate() {
            let key = agreements.at(i + 1, AGREEMENT_FOLLOW_UP);
            let input = AgreementInput::new("-", Who::Client, form.get(key));
            if let Err(e) = input.check(*made_on) {
                form.fail(key, l(cx.lang, e.key()));
            }
        }
        if form.get(PLAN_AGREED_ON).is_some_and(|on| on > cx.today) {
            form.fail(PLAN_AGREED_ON, l(cx.lang, "intake.err.future"));
        }
    }

    /// Writes what changed and adds what is new.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let today = cx.today;
        let goals = self.goal_rows();
        for n in goals.numbers() {
            let text = form.get(goals.at(n, GOAL_TEXT));
            let term = form.get(goals.at(n, GOAL_TERM)).unwrap_or(Term::Short);
            let target_date = form.get(goals.at(n, GOAL_DATE));
            match self.goals.get(n - 1) {
                Some(g) => {
                    let new = Goal {
                        text: if text.is_empty() {
                            g.text.clone()
                        } else {
                            text
                        },
                        term,
                        target_date,
                        done_on: done_on(form, goals.at(n, DONE), g.done_on, today),
                        ..g.clone()
                    };
                    if &new != g {
                        tx.update_goal(&new)?;
                    }
                }
                None if !text.is_empty() => {
                    tx.insert_goal(&Goal {
                        id: 0,
                        episode_id: self.episode_id,
                        term,
                        text,
                        target_date,
                        done_on: None,
                    })?;
                }
                None => {}
            }
        }
        let agreements = self.agreement_rows();
        for n in agreements.numbers() {
            let text = form.get(agreements.at(n, AGREEMENT_TEXT));
            let who = form
                .get(agreements.at(n, AGREEMENT_WHO))
                .unwrap_or(Who::Client);
            let follow_up = form.get(agreements.at(n, AGREEMENT_FOLLOW_UP));
            match self.agreements.get(n - 1) {
                Some(a) => {
                    let new = Agreement {
                        text: if text.is_empty() {
                            a.text.clone()
                        } else {
                            text
                        },
                        who,
                        follow_up,
                        done_on: done_on(form, agreements.at(n, DONE), a.done_on, today),
                        ..a.clone()
                    };
                    if &new != a {
                        // Through the checked edit: an agreement made in a note keeps
                        // its follow-up on or after the note's day.
                        let input = AgreementInput {
                            id: Some(a.id),
                            ..AgreementInput::new(&new.text, new.who, new.follow_up)
                        };
                        tx.edit_agreement(a.id, &input)?;
                        tx.set_agreement_done(a.id, new.done_on)?;
                    }
                }
                None if !text.is_empty() => {
                    tx.insert_agreement(&Agreement {
                        id: 0,
                        episode_id: self.episode_id,
                        note_id: None,
                        text,
                        who,
                        follow_up,
                        done_on: None,
                    })?;
                }
                None => {}
            }
        }
        tx.set_plan_agreed(self.episode_id, form.get(PLAN_AGREED_ON))?;
        Ok(Committed::new(self.client_id, l(cx.lang, "plan.saved")))
    }
}

fn goal_fields(
    fields: &mut Vec<Field>,
    lang: Lang,
    g: Group,
    n: usize,
    label: String,
    existing: bool,
) {
    fields.extend(goal_row(lang, g, n, label, 0));
    if existing {
        fields.push(g.at(n, DONE).field(l(lang, "plan.done"), 0));
    }
}

fn agreement_fields(
    fields: &mut Vec<Field>,
    lang: Lang,
    a: Group,
    n: usize,
    label: String,
    existing: bool,
) {
    fields.extend(agreement_row(lang, a, n, label, 0));
    if existing {
        fields.push(a.at(n, DONE).field(l(lang, "plan.done"), 0));
    }
}
