//! The exit interview: the end of the benefit, the reason, the job, the checklist, the
//! aftercare offer and the premium (rule by rule) — saved in one transaction.

use super::fields::{l, opts};
use super::{Cx, Saved};
use crate::domain::codes::*;
use crate::domain::contradictions;
use crate::domain::date::fmt_date;
use crate::domain::exit::{ExitContext, ExitInput, JobSource, WorkInput, closings, has_end};
use crate::domain::hours::Hours;
use crate::domain::model::{ChecklistEntry, Id};
use crate::domain::money::fmt_euro;
use crate::domain::premium::{Evaluation, Rule, Scheme, evaluate};
use crate::domain::trajectory::instrument_label;
use crate::form::{Field, Form, FormId, Kind, Opt, check};
use crate::i18n::{Lang, t, tf};
use crate::store::Store;
use chrono::NaiveDate;
use serde_json::json;

/// Holding the exit interview for the client's open episode.
pub struct ExitFlow {
    pub client_id: Id,
    ctx: ExitContext,
}

/// The reasons as options, each labelled with its category ("Work · Job, income above the
/// norm"); excluded reasons say they are not counted.
fn reason_opts(lang: Lang) -> Vec<Opt> {
    ExitReason::all()
        .iter()
        .map(|r| {
            let label = format!("{} · {}", r.category().label(lang), r.label(lang));
            let opt = Opt::new(r.code(), label);
            if r.counts_as_exit() {
                opt
            } else {
                opt.hint(t(lang, "exit.not_counted"))
            }
        })
        .collect()
}

/// A yes/no answer of a field on screen (a hidden one is not asked).
fn visible_yes_no(form: &Form, key: &str) -> Option<bool> {
    form.field(key)
        .filter(|f| f.visible)
        .and_then(|_| form.yes_no(key))
}

/// "Grant: Two instalments (€500 + €500)", with the uplifts that come on top.
fn grant_label(s: &Scheme, ev: &Evaluation, lang: Lang) -> String {
    let name = s.name(lang);
    let extra: i64 = ev
        .uplifts
        .iter()
        .filter(|u| u.applies())
        .map(|u| u.amount_cents)
        .sum();
    if extra > 0 {
        tf(
            lang,
            "premium_pay.grant_uplift",
            &[("name", &name), ("amount", &fmt_euro(extra, lang))],
        )
    } else {
        tf(lang, "exit.grant", &[("name", &name)])
    }
}

impl ExitFlow {
    /// The form, or `None` when the client is not on benefit.
    pub fn form(client_id: Id, cx: &Cx) -> Option<(Form, ExitFlow)> {
        let lang = cx.lang;
        let ctx = cx.store.exit_context(client_id).ok().flatten()?;
        let mut found = vec![Opt::new("own", t(lang, "found_via.own_effort"))];
        found.extend(ctx.trajectories.iter().map(|t| {
            Opt::new(
                t.id.to_string(),
                format!(
                    "{} · {}",
                    instrument_label(t, &cx.assets.catalog, lang),
                    t.status.label(lang)
                ),
            )
        }));
        let mut fields = vec![
            Field::new("held_on", l(lang, "exit.held_on"), Kind::Date, 0).required(),
            Field::new("exit_date", l(lang, "exit.exit_date"), Kind::Date, 0).required(),
            Field::new(
                "last_payment_date",
                l(lang, "exit.last_payment"),
                Kind::Date,
                0,
            ),
            Field::new(
                "reason",
                l(lang, "exit.reason"),
                Kind::Choice(reason_opts(lang)),
                0,
            )
            .required(),
            Field::new("employer", l(lang, "exit.employer"), Kind::Text, 0),
            Field::new("job_title", l(lang, "exit.job_title"), Kind::Text, 0),
            Field::new(
                "contract_type",
                l(lang, "exit.contract_type"),
                Kind::Choice(opts::<ContractType>(lang)),
                0,
            ),
            Field::new("contract_end", l(lang, "exit.contract_end"), Kind::Date, 0).required(),
            // Decimals allowed (15,5 or 15.5): checked in `refresh`.
            Field::new("hours_per_week", l(lang, "exit.hours"), Kind::Text, 0),
            Field::new(
                "independence",
                l(lang, "exit.independence"),
                Kind::Choice(opts::<Independence>(lang)),
                0,
            ),
            Field::new(
                "found_via",
                l(lang, "exit.found_via"),
                Kind::Choice(found),
                0,
            ),
            Field::new(
                "first_work_day",
                l(lang, "exit.first_work_day"),
                Kind::Date,
                0,
            ),
            Field::new("study_end", l(lang, "exit.study_end"), Kind::Date, 0),
            Field::new("closings", l(lang, "exit.closings"), Kind::Info, 0),
        ];
        for item in &cx.assets.checklist.items {
            fields.push(Field::new(
                format!("check_{}", item.key),
                item.text(lang),
                Kind::YesNo,
                1,
            ));
            fields.push(Field::new(
                format!("note_{}", item.key),
                l(lang, "exit.check_note"),
                Kind::Text,
                1,
            ));
        }
        fields.extend([
            Field::new(
                "aftercare",
                l(lang, "exit.aftercare"),
                Kind::Choice(opts::<AftercareMode>(lang)),
                2,
            )
            .required(),
            Field::new("consent", l(lang, "exit.consent"), Kind::YesNo, 2),
            Field::new(
                "job_agreement",
                l(lang, "premium_pay.job_agreement"),
                Kind::YesNo,
                2,
            ),
            Field::new(
                "sanction_24_months",
                l(lang, "premium_pay.sanction_24_months"),
                Kind::YesNo,
                2,
            ),
            Field::new(
                "premium_rules",
                l(lang, "exit.premium_rules"),
                Kind::Info,
                2,
            ),
            Field::new(
                "premium",
                l(lang, "exit.premium"),
                Kind::Choice(Vec::new()),
                2,
            ),
        ]);
        let steps = vec![
            l(lang, "exit.step_exit"),
            l(lang, "exit.step_checklist"),
            l(lang, "exit.step_aftercare"),
        ];
        let mut form = Form::new(
            FormId {
                kind: "exit",
                subject: client_id,
            },
            l(lang, "exit.title"),
            steps,
            fields,
        );
        form.prefill("held_on", json!(fmt_date(cx.today)));
        form.prefill("exit_date", json!(fmt_date(cx.today)));
        Some((form, ExitFlow { client_id, ctx }))
    }

    /// The input as typed so far (what the rules and the premium look at).
    fn input(&self, form: &Form, today: NaiveDate) -> Option<ExitInput> {
        let reason = form
            .choice("reason")
            .and_then(|c| ExitReason::from_code(&c))?;
        let date = |k: &str| check::date(form, k, today);
        let work = (reason.category() == ExitCategory::Work).then(|| WorkInput {
            employer: form.text("employer"),
            job_title: form.text("job_title"),
            contract_type: form
                .choice("contract_type")
                .and_then(|c| ContractType::from_code(&c)),
            contract_end: date("contract_end")
                .filter(|_| form.field("contract_end").is_some_and(|f| f.visible)),
            hours_per_week: Hours::parse(&form.text("hours_per_week")).ok(),
            independence: form
                .choice("independence")
                .and_then(|c| Independence::from_code(&c)),
            found_via: form.choice("found_via").map(|c| match c.parse() {
                Ok(id) => JobSource::Trajectory(id),
                Err(_) => JobSource::OwnEffort,
            }),
            first_work_day: date("first_work_day"),
            job_agreement: visible_yes_no(form, "job_agreement"),
            sanction_24_months: visible_yes_no(form, "sanction_24_months"),
        });
        let work =
            work.filter(|w| reason != ExitReason::WorkPartnerIncome || w.contract_type.is_some());
        Some(ExitInput {
            client_id: self.client_id,
            held_on: date("held_on").unwrap_or(today),
            exit_date: date("exit_date")?,
            last_payment_date: date("last_payment_date"),
            reason,
            work,
            study_end: date("study_end").filter(|_| reason == ExitReason::Study),
            checklist: Vec::new(),
            aftercare: form
                .choice("aftercare")
                .and_then(|c| AftercareMode::from_code(&c))
                .unwrap_or(AftercareMode::Declined),
            consent: form.yes_no("consent").unwrap_or(false),
            premium: form.choice("premium").filter(|p| p != "none"),
        })
    }

    /// Shows the fields the reason asks for, the trajectories the exit closes and the
    /// premium rule by rule; puts the rules' problems under their fields.
    pub fn refresh(&mut self, form: &mut Form, cx: &Cx) {
        let (lang, today) = (cx.lang, cx.today);
        let reason = form
            .choice("reason")
            .and_then(|c| ExitReason::from_code(&c));
        let work = reason.is_some_and(|r| r.category() == ExitCategory::Work);
        for key in [
            "employer",
            "job_title",
            "contract_type",
            "hours_per_week",
            "independence",
            "found_via",
            "first_work_day",
        ] {
            form.set_visible(key, work);
        }
        // Facts only premium rules look at: asked when a rule in use needs them.
        let rules = &cx.assets.premium;
        form.set_visible(
            "job_agreement",
            work && rules.uses(|r| *r == Rule::JobAgreement),
        );
        form.set_visible(
            "sanction_24_months",
            work && rules.uses(|r| *r == Rule::NoSanction24Months),
        );
        let contract = form
            .choice("contract_type")
            .and_then(|c| ContractType::from_code(&c));
        form.set_visible("contract_end", work && contract.is_some_and(has_end));
        form.set_visible("study_end", reason == Some(ExitReason::Study));
        let offered = reason.is_some_and(|r| {
            r.counts_as_exit() && matches!(r.category(), ExitCategory::Work | ExitCategory::Study)
        });
        if !offered && form.choice("aftercare").as_deref() != Some("declined") && reason.is_some() {
            form.prefill("aftercare", json!("declined"));
        }
        let declined = form.choice("aftercare").as_deref() != Some("active")
            && form.choice("aftercare").as_deref() != Some("passive");
        form.set_visible("consent", !declined);
        check::basics(form, lang, today);
        let hours = form.text("hours_per_week");
        if !hours.trim().is_empty()
            && let Err(e) = Hours::parse(&hours)
        {
            check::fail(form, "hours_per_week", l(lang, e.key()));
        }
        let input = self.input(form, today);
        // The trajectories the save will close, shown before saving.
        let found = input.as_ref().and_then(|i| i.found_via_trajectory());
        let closing = closings(&self.ctx.trajectories, found);
        let text = if closing.is_empty() {
            l(lang, "exit.closings_none")
        } else {
            closing
                .iter()
                .map(|c| {
                    format!(
                        "{} → {}",
                        instrument_label(&c.trajectory, &cx.assets.catalog, lang),
                        c.becomes.label(lang)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        form.set_note("closings", Some(text));
        // The premium, rule by rule, for every scheme.
        let mut lines = Vec::new();
        let mut options = vec![Opt::new("none", t(lang, "exit.no_premium"))];
        if let Some(i) = &input {
            let facts = i.premium_facts(&self.ctx);
            for s in &cx.assets.premium.schemes {
                let ev = evaluate(s, &facts);
                lines.extend(ev.lines(s, lang));
                if ev.eligible() {
                    options.push(Opt::new(&s.key, grant_label(s, &ev, lang)));
                }
            }
        }
        form.set_note("premium_rules", Some(lines.join("\n")));
        form.set_options("premium", options);
        if let Some(i) = &input {
            for p in i.problems(&self.ctx, &cx.assets.checklist) {
                let field = match p.field {
                    "work" | "checklist" => "reason",
                    f => f,
                };
                check::fail(form, field, l(lang, p.key));
            }
            for (field, c) in contradictions::exit(i, &self.ctx) {
                check::fail(form, field, l(lang, c.key()));
            }
        }
        if let Some(x) = check::date(form, "exit_date", today)
            && x < self.ctx.episode.benefit_start
        {
            check::fail(form, "exit_date", l(lang, "exit_rule.exit_before_start"));
        }
    }

    /// Records the exit (one transaction, the draft removed in it).
    pub fn save(
        &self,
        form: &Form,
        store: &mut Store,
        lang: Lang,
        today: NaiveDate,
        assets: &crate::assets::Assets,
    ) -> Result<Saved, String> {
        let mut input = self
            .input(form, today)
            .ok_or_else(|| l(lang, "form.required"))?;
        input.checklist = assets
            .checklist
            .items
            .iter()
            .map(|item| ChecklistEntry {
                item: item.key.clone(),
                discussed: form.yes_no(&format!("check_{}", item.key)).unwrap_or(false),
                note: form.text(&format!("note_{}", item.key)),
            })
            .collect();
        let id = form.id.clone();
        let result = store.write(|tx| {
            let saved = tx.record_exit(&input, assets)?;
            tx.delete_draft(id.kind, id.subject)?;
            Ok(saved)
        });
        let message = match &result {
            Ok(s) if s.plan_id.is_some() => {
                tf(lang, "exit.saved_aftercare", &[("n", &s.contact_ids.len())])
            }
            _ => l(lang, "exit.saved"),
        };
        Saved::from_write(result, self.client_id, message, lang)
    }
}
