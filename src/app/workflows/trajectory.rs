//! Assigning a trajectory: an instrument picked from the catalogue, a provider, dates, goal,
//! cost and funding. Moving its status is in [`super::status`], reviewing it in
//! [`super::review`].

use super::fields::{check_cost_field, l};
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, latest_episode, read_failed};
use crate::domain::assignment::Assignment;
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, Trajectory};
use crate::domain::money::parse_euro;
use crate::domain::trajectory::{default_planned_end, instrument_label, is_running};
use crate::form::key::{Choice, Date, Text};
use crate::form::{Form, Key, Opt, check};
use crate::i18n::{Lang, tf, tn};
use crate::store::{Store, StoreError, Tx};

const INSTRUMENT: Key<Choice> = Key::new("instrument");
// The fields an assignment and its correction share.
pub(super) const PROVIDER: Key<Text> = Key::new("provider");
pub(super) const REFERRED_ON: Key<Date> = Key::new("referred_on");
pub(super) const START_DATE: Key<Date> = Key::new("start_date");
pub(super) const PLANNED_END: Key<Date> = Key::new("planned_end");
pub(super) const GOAL: Key<Text> = Key::new("goal");
pub(super) const COST: Key<Text> = Key::new("cost");
pub(super) const FUNDING: Key<Text> = Key::new("funding");

/// "Jobhunter · started 01-10-2026 · Jobhunters Noord" for a choice of trajectories.
pub(super) fn trajectory_opt(t: &Trajectory, cx: &Cx) -> Opt {
    let lang = cx.lang;
    let since = t.start_date.unwrap_or(t.referred_on);
    let mut label = format!(
        "{} · {} {}",
        instrument_label(t, &cx.assets.catalog, lang),
        t.status.label(lang).to_lowercase(),
        fmt_date(since)
    );
    if !t.provider.is_empty() {
        label.push_str(&format!(" · {}", t.provider));
    }
    Opt::new(t.id.to_string(), label)
}

/// The running trajectories of a client's latest episode, or why there are none.
pub(super) fn running(store: &Store, start: &Start, lang: Lang) -> Result<Vec<Trajectory>, String> {
    let episode = latest_episode(store, start.client(lang)?, lang)?;
    let list: Vec<Trajectory> = store
        .trajectories(episode.id)
        .map_err(|e| read_failed(e, lang))?
        .into_iter()
        .filter(|t| is_running(t.status))
        .collect();
    if list.is_empty() {
        return Err(l(lang, "trajectory.none_running"));
    }
    Ok(list)
}

/// The choice of one of the running trajectories `list`.
pub(super) fn which(key: Key<Choice>, list: &[Trajectory], cx: &Cx) -> crate::form::Field {
    key.field(
        list.iter().map(|t| trajectory_opt(t, cx)).collect(),
        l(cx.lang, "trajectory.which"),
        0,
    )
    .required()
}

/// Chooses the trajectory of the start (from the agenda), else the only one running, and
/// moves on to the next field.
pub(super) fn preselect(form: &mut Form, key: Key<Choice>, start: &Start, list: &[Trajectory]) {
    let pick = start
        .item
        .filter(|id| list.iter().any(|t| t.id == *id))
        .or((list.len() == 1).then(|| list[0].id));
    if let Some(id) = pick {
        form.put(key, Some(id.to_string()));
        form.next_field();
    }
}

/// The trajectory chosen in a choice of trajectories.
pub(super) fn chosen(form: &Form, key: Key<Choice>, list: &[Trajectory]) -> Option<Trajectory> {
    let id: Id = form.get(key)?.parse().ok()?;
    list.iter().find(|t| t.id == id).cloned()
}

/// Assigning a trajectory to the client's current episode.
pub struct AssignFlow {
    client_id: Id,
    episode_id: Id,
    /// The planned end the form filled in itself (replaced while it is untouched).
    auto_end: Option<chrono::NaiveDate>,
}

/// The form: instrument, provider, dates, goal, cost and funding.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let episode = latest_episode(store, client_id, lang)?;
    let instruments = cx
        .assets
        .catalog
        .instruments
        .iter()
        .map(|i| {
            let hint = tn(
                lang,
                "trajectory.instrument_hint",
                i.duration_months,
                &[("what", &i.description(lang))],
            );
            Opt::new(
                &i.key,
                format!("{}  ({})", i.name(lang), i.category().label(lang)),
            )
            .hint(hint)
        })
        .collect();
    let providers = store.providers().map_err(|e| read_failed(e, lang))?;
    let fields = vec![
        INSTRUMENT
            .field(instruments, l(lang, "trajectory.instrument"), 0)
            .required(),
        PROVIDER
            .field(l(lang, "trajectory.provider"), 0)
            .suggest(providers),
        REFERRED_ON
            .field(l(lang, "trajectory.referred_on"), 0)
            .required(),
        START_DATE
            .field(l(lang, "trajectory.start_date"), 0)
            .placeholder(l(lang, "trajectory.start_hint")),
        PLANNED_END.field(l(lang, "trajectory.planned_end"), 0),
        GOAL.field(l(lang, "trajectory.goal"), 0),
        COST.field(l(lang, "trajectory.cost"), 0)
            .placeholder("1.250,00"),
        FUNDING.field(l(lang, "trajectory.funding"), 0),
    ];
    let title = l(lang, "trajectory.title_assign");
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.put(REFERRED_ON, Some(cx.today));
    Ok(Opened {
        form,
        flow: Box::new(AssignFlow {
            client_id,
            episode_id: episode.id,
            auto_end: None,
        }),
    })
}

impl Workflow for AssignFlow {
    fn kind(&self) -> FormKind {
        FormKind::Trajectory
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    /// Fills the planned end from the instrument's typical duration while untouched.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        check::basics(form, lang);
        let inst = form
            .get(INSTRUMENT)
            .and_then(|k| cx.assets.catalog.get(&k).cloned());
        form.set_note(
            INSTRUMENT,
            inst.as_ref().map(|i| i.description(lang).to_owned()),
        );
        let referred = form.get(REFERRED_ON);
        let start = form.get(START_DATE);
        if let (Some(i), Some(base)) = (&inst, start.or(referred)) {
            let end = default_planned_end(base, i.duration_months);
            let untouched = form.is_empty(PLANNED_END)
                || (self.auto_end.is_some() && form.get(PLANNED_END) == self.auto_end);
            if untouched && !form.is_focused(PLANNED_END) {
                form.put(PLANNED_END, Some(end));
                self.auto_end = Some(end);
            }
            form.set_note(
                PLANNED_END,
                Some(tn(lang, "trajectory.typical", i.duration_months, &[])),
            );
        }
        if let (Some(r), Some(s)) = (referred, start)
            && s < r
        {
            form.fail(START_DATE, l(lang, "trajectory.err.start_before_referral"));
        }
        if let (Some(e), Some(b)) = (form.get(PLANNED_END), start.or(referred))
            && e < b
        {
            form.fail(PLANNED_END, l(lang, "trajectory.err.end_before_start"));
        }
        check_cost_field(form, COST, lang);
    }

    /// Assigns the trajectory (referred, or started when a start date is given).
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let lang = cx.lang;
        let key = form.get(INSTRUMENT).unwrap_or_default();
        let inst = cx
            .assets
            .catalog
            .get(&key)
            .ok_or(StoreError::Invalid("form.required"))?;
        let referred = form.get(REFERRED_ON).unwrap_or(cx.today);
        let mut a = Assignment::for_instrument(inst, lang, referred, form.get(START_DATE));
        a.provider = form.get(PROVIDER);
        a.planned_end = form.get(PLANNED_END).or(a.planned_end);
        a.goal = form.get(GOAL);
        a.cost_cents = parse_euro(&form.get(COST));
        a.funding = form.get(FUNDING);
        tx.assign_trajectory(self.episode_id, &a)?;
        Ok(Committed::new(
            self.client_id,
            tf(lang, "trajectory.assigned", &[("name", &a.instrument_name)]),
        ))
    }
}
