//! Correcting a saved trajectory (`Enter` on it in the client file): provider, dates, planned
//! end, goal, cost and funding, prefilled, with the checks of its assignment. Moving the
//! planned end of a running trajectory later asks why (the lock-in decision), which is kept
//! as a review. A wrong instrument is not corrected here: the trajectory is voided (`d`).

use super::fields::{check_cost_field, l};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, Trajectory};
use crate::domain::money::{fmt_euro_input, parse_euro};
use crate::domain::trajectory::{instrument_label, is_running};
use crate::form::key::{Date, Info, Notes};
use crate::form::{Form, Key, check};
use crate::i18n::tf;
use crate::store::{Store, TrajectoryFix, Tx};

use super::trajectory::{COST, FUNDING, GOAL, PLANNED_END, PROVIDER, REFERRED_ON, START_DATE};

const WHAT: Key<Info> = Key::new("what");
const ENDED_ON: Key<Date> = Key::new("ended_on");
const WHY_EXTEND: Key<Notes> = Key::new("why_extend");

/// Correcting one trajectory.
pub struct EditFlow {
    client_id: Id,
    saved: Trajectory,
}

/// The form on the trajectory of the start, prefilled.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let id = start.item.ok_or_else(|| l(lang, "trajectory.which_edit"))?;
    let saved = store
        .trajectory(id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| l(lang, "void.gone"))?;
    let providers = store.providers().map_err(|e| read_failed(e, lang))?;
    let what = format!(
        "{} · {}",
        instrument_label(&saved, &cx.assets.catalog, lang),
        saved.status.label(lang).to_lowercase()
    );
    let mut fields = vec![
        WHAT.field(l(lang, "trajectory.instrument"), 0),
        PROVIDER
            .field(l(lang, "trajectory.provider"), 0)
            .suggest(providers),
        REFERRED_ON
            .field(l(lang, "trajectory.referred_on"), 0)
            .required(),
    ];
    // A start or an end comes with its status (`T`), so only a date there is corrected.
    fields.extend([
        START_DATE.field(l(lang, "trajectory.start_date"), 0),
        PLANNED_END.field(l(lang, "trajectory.planned_end"), 0),
        WHY_EXTEND.field(l(lang, "trajectory.why_extend"), 0),
        ENDED_ON.field(l(lang, "trajectory.ended_on"), 0),
    ]);
    fields.extend([
        GOAL.field(l(lang, "trajectory.goal"), 0),
        COST.field(l(lang, "trajectory.cost"), 0)
            .placeholder("1.250,00"),
        FUNDING.field(l(lang, "trajectory.funding"), 0),
    ]);
    let title = l(lang, "trajectory.title_edit");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.set_note(WHAT, Some(what));
    form.put(PROVIDER, saved.provider.clone());
    form.put(REFERRED_ON, Some(saved.referred_on));
    form.put(START_DATE, saved.start_date);
    form.put(PLANNED_END, saved.planned_end);
    form.put(ENDED_ON, saved.ended_on);
    form.put(GOAL, saved.goal.clone());
    form.put(
        COST,
        saved.cost_cents.map(fmt_euro_input).unwrap_or_default(),
    );
    form.put(FUNDING, saved.funding.clone());
    form.show(WHY_EXTEND, false);
    for (key, has) in [
        (START_DATE, saved.start_date.is_some()),
        (ENDED_ON, saved.ended_on.is_some()),
    ] {
        form.show(key, has);
        form.require(key, has);
    }
    form.focus_on(PROVIDER);
    let client_id = start.client(lang)?;
    Ok(Opened {
        form,
        flow: Box::new(EditFlow { client_id, saved }),
    })
}

impl EditFlow {
    /// The correction as typed.
    fn fix(&self, form: &Form) -> TrajectoryFix {
        TrajectoryFix {
            provider: form.get(PROVIDER),
            referred_on: form.get(REFERRED_ON).unwrap_or(self.saved.referred_on),
            start_date: form.get(START_DATE),
            planned_end: form.get(PLANNED_END),
            ended_on: form.get(ENDED_ON),
            goal: form.get(GOAL),
            cost_cents: parse_euro(&form.get(COST)),
            funding: form.get(FUNDING),
        }
    }
}

impl Workflow for EditFlow {
    fn kind(&self) -> FormKind {
        FormKind::TrajectoryEdit
    }

    /// The draft is the trajectory's.
    fn subject(&self) -> Id {
        self.saved.id
    }

    /// The checks of an assignment; moving a running trajectory's planned end later asks
    /// why.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        let fix = self.fix(form);
        let extends = is_running(self.saved.status) && fix.extends(&self.saved);
        form.show(WHY_EXTEND, extends);
        form.require(WHY_EXTEND, extends);
        if extends && let Some(was) = self.saved.planned_end {
            let note = tf(
                lang,
                "trajectory.why_extend_note",
                &[("was", &fmt_date(was))],
            );
            form.set_note(WHY_EXTEND, Some(note));
        }
        check::basics(form, lang);
        // The lock-in decision, said as such rather than "required".
        if extends && form.get(WHY_EXTEND).trim().is_empty() {
            form.set_error(WHY_EXTEND, Some(l(lang, "trajectory.err.why_extend")));
        }
        match fix.problem(&self.saved) {
            Some(key @ "trajectory.err.start_before_referral") => {
                form.fail(START_DATE, l(lang, key))
            }
            Some(key @ "trajectory.err.end_before_start") => form.fail(PLANNED_END, l(lang, key)),
            Some(key @ "trajectory.err.ended_before_start") => form.fail(ENDED_ON, l(lang, key)),
            _ => {}
        }
        check_cost_field(form, COST, lang);
    }

    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let lang = cx.lang;
        let why = form.get(WHY_EXTEND);
        tx.correct_trajectory(self.saved.id, &self.fix(form), Some(&why), cx.today, lang)?;
        let name = instrument_label(&self.saved, &cx.assets.catalog, lang);
        Ok(Committed::new(
            self.client_id,
            tf(lang, "trajectory.corrected", &[("name", &name)]),
        ))
    }
}
