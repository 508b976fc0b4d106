//! Trajectories: assigning one (an instrument picked from the catalogue) and moving its
//! status; each is one form and one transaction. Reviewing one is in [`super::review`].

use super::fields::{l, opts};
use super::{Cx, Saved};
use crate::domain::assignment::Assignment;
use crate::domain::assignment::check_cost;
use crate::domain::catalog::Catalog;
use crate::domain::codes::{Code, TrajectoryResult, TrajectoryStatus};
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, Trajectory};
use crate::domain::money::parse_euro;
use crate::domain::trajectory::{
    StatusChange, default_planned_end, instrument_label, is_running, legal_moves,
    planned_end_on_start,
};
use crate::form::{Field, Form, FormId, Kind, Opt, check};
use crate::i18n::{Lang, tf, tn};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

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

/// The running trajectories of an episode as options.
pub(super) fn running(store: &Store, episode_id: Id) -> Vec<Trajectory> {
    store
        .trajectories(episode_id)
        .unwrap_or_default()
        .into_iter()
        .filter(|t| is_running(t.status))
        .collect()
}

pub(super) fn chosen(form: &Form, list: &[Trajectory]) -> Option<Trajectory> {
    let id: Id = form.choice("trajectory")?.parse().ok()?;
    list.iter().find(|t| t.id == id).cloned()
}

/// Assigning a trajectory to the client's current episode.
pub struct AssignFlow {
    pub client_id: Id,
    pub episode_id: Id,
    /// The planned end the form filled in itself (replaced while it is untouched).
    auto_end: String,
}

impl AssignFlow {
    /// The form: instrument, provider, dates, goal, cost and funding.
    pub fn form(client_id: Id, episode_id: Id, cx: &Cx) -> (Form, AssignFlow) {
        let lang = cx.lang;
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
        let providers = cx.store.providers().unwrap_or_default();
        let fields = vec![
            Field::new(
                "instrument",
                l(lang, "trajectory.instrument"),
                Kind::Choice(instruments),
                0,
            )
            .required(),
            Field::new("provider", l(lang, "trajectory.provider"), Kind::Text, 0)
                .suggest(providers),
            Field::new(
                "referred_on",
                l(lang, "trajectory.referred_on"),
                Kind::Date,
                0,
            )
            .required(),
            Field::new(
                "start_date",
                l(lang, "trajectory.start_date"),
                Kind::Date,
                0,
            )
            .placeholder(l(lang, "trajectory.start_hint")),
            Field::new(
                "planned_end",
                l(lang, "trajectory.planned_end"),
                Kind::Date,
                0,
            ),
            Field::new("goal", l(lang, "trajectory.goal"), Kind::Text, 0),
            Field::new("cost", l(lang, "trajectory.cost"), Kind::Text, 0).placeholder("1.250,00"),
            Field::new("funding", l(lang, "trajectory.funding"), Kind::Text, 0),
        ];
        let title = l(lang, "trajectory.title_assign");
        let mut form = Form::new(
            FormId {
                kind: "trajectory",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("referred_on", json!(fmt_date(cx.today)));
        (
            form,
            AssignFlow {
                client_id,
                episode_id,
                auto_end: String::new(),
            },
        )
    }

    /// Fills the planned end from the instrument's typical duration while untouched.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let (lang, today) = (cx.lang, cx.today);
        check::basics(form, lang, today);
        let inst = form
            .choice("instrument")
            .and_then(|k| cx.assets.catalog.get(&k).cloned());
        form.set_note(
            "instrument",
            inst.as_ref().map(|i| i.description(lang).to_owned()),
        );
        let referred = check::date(form, "referred_on", today);
        let start = check::date(form, "start_date", today);
        if let (Some(i), Some(base)) = (&inst, start.or(referred)) {
            let end = fmt_date(default_planned_end(base, i.duration_months));
            let current = form.text("planned_end");
            if (current.is_empty() || current == self.auto_end)
                && form.focused().key != "planned_end"
            {
                form.set_text("planned_end", &end);
                self.auto_end = end;
            }
            form.set_note(
                "planned_end",
                Some(tn(lang, "trajectory.typical", i.duration_months, &[])),
            );
        }
        if let (Some(r), Some(s)) = (referred, start)
            && s < r
        {
            check::fail(
                form,
                "start_date",
                l(lang, "trajectory.err.start_before_referral"),
            );
        }
        if let (Some(e), Some(b)) = (check::date(form, "planned_end", today), start.or(referred))
            && e < b
        {
            check::fail(
                form,
                "planned_end",
                l(lang, "trajectory.err.end_before_start"),
            );
        }
        let cost = form.text("cost");
        match parse_euro(&cost) {
            None if !cost.is_empty() => check::fail(form, "cost", l(lang, "trajectory.err.cost")),
            Some(cents) => {
                if let Err(e) = check_cost(Some(cents)) {
                    check::fail(form, "cost", e.message(lang));
                }
            }
            None => {}
        }
    }

    /// Assigns the trajectory (referred, or started when a start date is given).
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
        cx_catalog: &Catalog,
    ) -> Result<Saved, String> {
        let key = form.choice("instrument").unwrap_or_default();
        let inst = cx_catalog
            .get(&key)
            .ok_or_else(|| l(lang, "form.required"))?;
        let referred = check::date(form, "referred_on", today).unwrap_or(today);
        let mut a = Assignment::for_instrument(
            inst,
            lang,
            referred,
            check::date(form, "start_date", today),
        );
        a.provider = form.text("provider");
        a.planned_end = check::date(form, "planned_end", today).or(a.planned_end);
        a.goal = form.text("goal");
        a.cost_cents = parse_euro(&form.text("cost"));
        a.funding = form.text("funding");
        let id = form.id.clone();
        let episode_id = self.episode_id;
        let result = store.write(|tx| {
            tx.assign_trajectory(episode_id, &a)?;
            tx.delete_draft(id.kind, id.subject)
        });
        Saved::from_write(
            result,
            self.client_id,
            tf(lang, "trajectory.assigned", &[("name", &a.instrument_name)]),
            lang,
        )
    }
}

/// Moving a trajectory's status: start, complete (with a result) or stop (with a reason).
pub struct StatusFlow {
    pub client_id: Id,
    list: Vec<Trajectory>,
}

impl StatusFlow {
    /// The form; `preselect` picks the trajectory (from the agenda), else the only running one.
    pub fn form(
        client_id: Id,
        episode_id: Id,
        preselect: Option<Id>,
        cx: &Cx,
    ) -> Option<(Form, StatusFlow)> {
        let lang = cx.lang;
        let list = running(cx.store, episode_id);
        if list.is_empty() {
            return None;
        }
        let fields = vec![
            Field::new(
                "trajectory",
                l(lang, "trajectory.which"),
                Kind::Choice(list.iter().map(|t| trajectory_opt(t, cx)).collect()),
                0,
            )
            .required(),
            Field::new("to", l(lang, "trajectory.to"), Kind::Choice(Vec::new()), 0).required(),
            Field::new("on", l(lang, "trajectory.on"), Kind::Date, 0).required(),
            Field::new(
                "result",
                l(lang, "trajectory.result"),
                Kind::Choice(opts::<TrajectoryResult>(lang)),
                0,
            )
            .required(),
            Field::new("reason", l(lang, "trajectory.reason"), Kind::Text, 0).required(),
            Field::new(
                "planned_end",
                l(lang, "trajectory.planned_end"),
                Kind::Date,
                0,
            ),
        ];
        let title = l(lang, "trajectory.title_status");
        let mut form = Form::new(
            FormId {
                kind: "trajectory_status",
                subject: client_id,
            },
            title.clone(),
            vec![title],
            fields,
        );
        form.prefill("on", json!(fmt_date(cx.today)));
        let pick = preselect
            .filter(|id| list.iter().any(|t| t.id == *id))
            .or((list.len() == 1).then(|| list[0].id));
        if let Some(id) = pick {
            form.prefill("trajectory", json!(id.to_string()));
            form.next_field();
        }
        Some((form, StatusFlow { client_id, list }))
    }

    /// Offers the legal moves of the chosen trajectory; shows result, reason or end as needed.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let lang = cx.lang;
        let t = chosen(form, &self.list);
        let moves = t
            .as_ref()
            .map(|t| legal_moves(t.status))
            .unwrap_or_default();
        form.set_options(
            "to",
            moves
                .iter()
                .map(|s| Opt::new(s.code(), s.label(lang)))
                .collect(),
        );
        let to = form
            .choice("to")
            .and_then(|c| TrajectoryStatus::from_code(&c));
        form.set_visible("result", to == Some(TrajectoryStatus::Completed));
        form.set_visible("reason", to == Some(TrajectoryStatus::Stopped));
        form.set_visible("planned_end", to == Some(TrajectoryStatus::Started));
        if let (Some(t), Some(TrajectoryStatus::Started), Some(on)) =
            (&t, to, check::date(form, "on", cx.today))
            && form.text("planned_end").is_empty()
            && let Some(end) = planned_end_on_start(t, on)
        {
            form.set_text("planned_end", &fmt_date(end));
        }
        check::basics(form, lang, cx.today);
        if let (Some(t), Some(on)) = (&t, check::date(form, "on", cx.today))
            && on < t.start_date.unwrap_or(t.referred_on)
        {
            check::fail(form, "on", l(lang, "trajectory.err.before_start"));
        }
    }

    /// Writes the status change and its event.
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
        catalog: &Catalog,
    ) -> Result<Saved, String> {
        let t = chosen(form, &self.list).ok_or_else(|| l(lang, "form.required"))?;
        let to = form
            .choice("to")
            .and_then(|c| TrajectoryStatus::from_code(&c))
            .ok_or_else(|| l(lang, "form.required"))?;
        let change = StatusChange {
            to,
            on: check::date(form, "on", today).unwrap_or(today),
            result: form
                .choice("result")
                .and_then(|c| TrajectoryResult::from_code(&c))
                .filter(|_| to == TrajectoryStatus::Completed),
            reason: if to == TrajectoryStatus::Stopped {
                form.text("reason")
            } else {
                String::new()
            },
            planned_end: check::date(form, "planned_end", today)
                .filter(|_| to == TrajectoryStatus::Started),
        };
        let id = form.id.clone();
        let result = store.write(|tx| {
            tx.change_trajectory_status(t.id, &change)?;
            tx.delete_draft(id.kind, id.subject)
        });
        let msg = tf(
            lang,
            "trajectory.status_saved",
            &[
                ("name", &instrument_label(&t, catalog, lang)),
                ("status", &to.label(lang)),
            ],
        );
        Saved::from_write(result, self.client_id, msg, lang)
    }
}
