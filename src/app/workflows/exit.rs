//! The exit interview: the end of the benefit, the reason, the job, the checklist, the
//! aftercare offer and the premium (rule by rule), saved in one transaction.

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::*;
use crate::domain::contradictions;
use crate::domain::exit::{ExitContext, ExitInput, JobSource, WorkInput, closings, has_end};
use crate::domain::hours::Hours;
use crate::domain::model::{ChecklistEntry, Id};
use crate::domain::premium::Rule;
use crate::domain::trajectory::instrument_label;
use crate::form::key::{Choice, Date, Info, One, Text, YesNo};
use crate::form::{Col, Form, Group, Key, Opt, check};
use crate::i18n::{Lang, t, tn};
use crate::store::{Store, StoreError, Tx};

pub(super) const HELD_ON: Key<Date> = Key::new("held_on");
pub(super) const EXIT_DATE: Key<Date> = Key::new("exit_date");
pub(super) const LAST_PAYMENT: Key<Date> = Key::new("last_payment_date");
pub(super) const REASON: Key<One<ExitReason>> = Key::new("reason");
pub(super) const EMPLOYER: Key<Text> = Key::new("employer");
pub(super) const JOB_TITLE: Key<Text> = Key::new("job_title");
pub(super) const CONTRACT_TYPE: Key<One<ContractType>> = Key::new("contract_type");
pub(super) const CONTRACT_END: Key<Date> = Key::new("contract_end");
/// Hours a week, with decimals (`15,5` or `15.5`): checked in `check`.
pub(super) const HOURS: Key<Text> = Key::new("hours_per_week");
pub(super) const INDEPENDENCE: Key<One<Independence>> = Key::new("independence");
/// `own`, or the id of the trajectory the job came through.
pub(super) const FOUND_VIA: Key<Choice> = Key::new("found_via");
pub(super) const FIRST_WORK_DAY: Key<Date> = Key::new("first_work_day");
pub(super) const STUDY_END: Key<Date> = Key::new("study_end");
pub(super) const CLOSINGS: Key<Info> = Key::new("closings");
pub(super) const AFTERCARE: Key<One<AftercareMode>> = Key::new("aftercare");
pub(super) const CONSENT: Key<YesNo> = Key::new("consent");
/// The employer's contact person, only with the client's consent to contact the employer.
pub(super) const EMPLOYER_CONSENT: Key<YesNo> = Key::new("employer_contact_consent");
pub(super) const EMPLOYER_NAME: Key<Text> = Key::new("employer_contact_name");
pub(super) const EMPLOYER_PHONE: Key<Text> = Key::new("employer_contact_phone");
/// Moving to another municipality: consent to what may travel going there.
pub(super) const MOVE_CONSENT: Key<YesNo> = Key::new("move_consent");
/// Facts only premium rules look at, asked when a rule in use needs them.
pub(super) const JOB_AGREEMENT: Key<YesNo> = Key::new("job_agreement");
pub(super) const SANCTION_24_MONTHS: Key<YesNo> = Key::new("sanction_24_months");
pub(super) const PREMIUM_RULES: Key<Info> = Key::new("premium_rules");
/// `none`, or the key of the scheme granted.
pub(super) const PREMIUM: Key<Choice> = Key::new("premium");
/// A correction: the payments and check-ins it keeps.
pub(super) const KEPT: Key<Info> = Key::new("kept");
/// Per item of the checklist: discussed, and a note.
pub(super) const DISCUSSED: Col<YesNo> = Col::new("discussed");
pub(super) const CHECK_NOTE: Col<Text> = Col::new("note");

/// Holding the exit interview for the client's open episode.
pub struct ExitFlow {
    client_id: Id,
    ctx: ExitContext,
    /// The checklist's rows, one per item of `exit_checklist.toml`.
    pub(super) checklist: Group,
    /// A correction of a saved exit (`FormKind::ExitEdit`).
    pub(super) edit: Option<super::exit_edit::Edit>,
    /// What the risk of re-entry looks at, for a new exit: weighed with the contract and
    /// reason typed, it advises active aftercare when high.
    risk: Option<crate::domain::risk::RiskFacts>,
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

/// The form, on the client's open benefit period.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let client_id = start.client(lang)?;
    let ctx = store
        .exit_context(client_id)
        .map_err(|e| read_failed(e, lang))?
        .ok_or_else(|| l(lang, "reassess.closed"))?;
    let (mut form, mut flow) = build(client_id, ctx, l(lang, "exit.title"), cx);
    // Without the facts the form still works; only the advice is missing.
    flow.risk = store.risk_facts_now(client_id).ok().flatten();
    form.put(HELD_ON, Some(cx.today));
    form.put(EXIT_DATE, Some(cx.today));
    Ok(Opened {
        form,
        flow: Box::new(flow),
    })
}

/// The form's fields and its workflow on a period's context (a new exit, or a correction).
pub(super) fn build(client_id: Id, ctx: ExitContext, title: String, cx: &Cx) -> (Form, ExitFlow) {
    let lang = cx.lang;
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
        HELD_ON.field(l(lang, "exit.held_on"), 0).required(),
        EXIT_DATE.field(l(lang, "exit.exit_date"), 0).required(),
        LAST_PAYMENT.field(l(lang, "exit.last_payment"), 0),
        REASON
            .field_of(reason_opts(lang), l(lang, "exit.reason"), 0)
            .required(),
        EMPLOYER.field(l(lang, "exit.employer"), 0),
        JOB_TITLE.field(l(lang, "exit.job_title"), 0),
        CONTRACT_TYPE.field(lang, l(lang, "exit.contract_type"), 0),
        CONTRACT_END
            .field(l(lang, "exit.contract_end"), 0)
            .required(),
        HOURS.field(l(lang, "exit.hours"), 0),
        INDEPENDENCE.field(lang, l(lang, "exit.independence"), 0),
        FOUND_VIA.field(found, l(lang, "exit.found_via"), 0),
        FIRST_WORK_DAY.field(l(lang, "exit.first_work_day"), 0),
        STUDY_END.field(l(lang, "exit.study_end"), 0),
        MOVE_CONSENT.field(l(lang, "exit.move_consent"), 0),
        CLOSINGS.field(l(lang, "exit.closings"), 0),
    ];
    let items = &cx.assets.checklist.items;
    let checklist = Group::new("check", items.len());
    for (i, item) in items.iter().enumerate() {
        fields.push(
            checklist
                .at(i + 1, DISCUSSED)
                .field(item.text(lang).to_owned(), 1),
        );
        fields.push(
            checklist
                .at(i + 1, CHECK_NOTE)
                .field(l(lang, "exit.check_note"), 1),
        );
    }
    fields.extend([
        AFTERCARE
            .field(lang, l(lang, "exit.aftercare"), 2)
            .required(),
        CONSENT.field(l(lang, "exit.consent"), 2),
        EMPLOYER_CONSENT.field(l(lang, "exit.employer_contact_consent"), 2),
        EMPLOYER_NAME.field(l(lang, "exit.employer_contact_name"), 2),
        EMPLOYER_PHONE.field(l(lang, "exit.employer_contact_phone"), 2),
        JOB_AGREEMENT.field(l(lang, "premium_pay.job_agreement"), 2),
        SANCTION_24_MONTHS.field(l(lang, "premium_pay.sanction_24_months"), 2),
        PREMIUM_RULES.field(l(lang, "exit.premium_rules"), 2),
        PREMIUM.field(Vec::new(), l(lang, "exit.premium"), 2),
        KEPT.field(l(lang, "exit_edit.kept"), 2),
    ]);
    let steps = vec![
        l(lang, "exit.step_exit"),
        l(lang, "exit.step_checklist"),
        l(lang, "exit.step_aftercare"),
    ];
    let mut form = Form::new(title, steps, fields, cx.today);
    form.show(KEPT, false);
    let flow = ExitFlow {
        client_id,
        ctx,
        checklist,
        edit: None,
        risk: None,
    };
    (form, flow)
}

impl ExitFlow {
    /// The input as typed so far (what the rules and the premium look at).
    pub(super) fn input(&self, form: &Form, cx: &Cx) -> Option<ExitInput> {
        let reason = form.get(REASON)?;
        let work = (reason.category() == ExitCategory::Work).then(|| WorkInput {
            employer: form.get(EMPLOYER),
            job_title: form.get(JOB_TITLE),
            contract_type: form.get(CONTRACT_TYPE),
            contract_end: form
                .get(CONTRACT_END)
                .filter(|_| form.is_visible(CONTRACT_END)),
            hours_per_week: Hours::parse(&form.get(HOURS)).ok(),
            independence: form.get(INDEPENDENCE),
            found_via: form.get(FOUND_VIA).map(|c| match c.parse() {
                Ok(id) => JobSource::Trajectory(id),
                Err(_) => JobSource::OwnEffort,
            }),
            first_work_day: form.get(FIRST_WORK_DAY),
            job_agreement: form
                .get(JOB_AGREEMENT)
                .filter(|_| form.is_visible(JOB_AGREEMENT)),
            sanction_24_months: form
                .get(SANCTION_24_MONTHS)
                .filter(|_| form.is_visible(SANCTION_24_MONTHS)),
            employer_contact: crate::domain::model::EmployerContact {
                consent: form.get(EMPLOYER_CONSENT),
                name: form.get(EMPLOYER_NAME),
                phone: form.get(EMPLOYER_PHONE),
            }
            .kept(),
        });
        let work =
            work.filter(|w| reason != ExitReason::WorkPartnerIncome || w.contract_type.is_some());
        let checklist = cx
            .assets
            .checklist
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| ChecklistEntry {
                item: item.key.clone(),
                discussed: form
                    .get(self.checklist.at(i + 1, DISCUSSED))
                    .unwrap_or(false),
                note: form.get(self.checklist.at(i + 1, CHECK_NOTE)),
            })
            .collect();
        Some(ExitInput {
            client_id: self.client_id,
            held_on: form.get(HELD_ON).unwrap_or(cx.today),
            exit_date: form.get(EXIT_DATE)?,
            last_payment_date: form.get(LAST_PAYMENT),
            reason,
            work,
            study_end: form.get(STUDY_END).filter(|_| reason == ExitReason::Study),
            checklist,
            aftercare: form.get(AFTERCARE).unwrap_or(AftercareMode::Declined),
            consent: form.get(CONSENT).unwrap_or(false),
            premium: form.get(PREMIUM).filter(|p| p != "none"),
            move_consent: form
                .get(MOVE_CONSENT)
                .filter(|_| form.is_visible(MOVE_CONSENT)),
        })
    }

    /// Puts a problem the domain's rules found under the field it is about.
    fn fail_at(form: &mut Form, field: &str, msg: String) {
        match field {
            "exit_date" => form.fail(EXIT_DATE, msg),
            "contract_type" => form.fail(CONTRACT_TYPE, msg),
            "contract_end" => form.fail(CONTRACT_END, msg),
            "study_end" => form.fail(STUDY_END, msg),
            "aftercare" => form.fail(AFTERCARE, msg),
            "hours_per_week" => form.fail(HOURS, msg),
            "independence" => form.fail(INDEPENDENCE, msg),
            "found_via" => form.fail(FOUND_VIA, msg),
            "first_work_day" => form.fail(FIRST_WORK_DAY, msg),
            "premium" => form.fail(PREMIUM, msg),
            // The work as a whole, the checklist: the reason is where they start.
            _ => form.fail(REASON, msg),
        }
    }

    /// The risk of re-entry with the contract and reason typed: a word beside the aftercare
    /// offer when it is medium or high (high: active aftercare is advised), with its factors.
    fn risk_advice(&self, form: &Form, cx: &Cx) -> Option<String> {
        use crate::domain::codes::Risk;
        let mut facts = self.risk.clone()?;
        let reason = form.get(REASON);
        let work = reason.is_some_and(|r| r.category() == ExitCategory::Work);
        facts.contract = form.get(CONTRACT_TYPE).filter(|_| work);
        facts.study_exit = reason.is_some_and(|r| r.category() == ExitCategory::Study);
        let a = crate::domain::risk::assess(&facts, &cx.assets.risk);
        let key = match a.level {
            Risk::High => "exit.risk_high",
            Risk::Medium => "exit.risk_medium",
            Risk::Low => return None,
        };
        let args: [(&str, &dyn std::fmt::Display); 2] =
            [("factors", &a.factors.len()), ("score", &a.score)];
        Some(crate::i18n::tf(cx.lang, key, &args))
    }
}

impl Workflow for ExitFlow {
    fn kind(&self) -> FormKind {
        match self.edit {
            Some(_) => FormKind::ExitEdit,
            None => FormKind::Exit,
        }
    }

    /// A new exit's draft is the client's; a correction's is the period's.
    fn subject(&self) -> Id {
        match &self.edit {
            Some(e) => e.episode_id,
            None => self.client_id,
        }
    }

    /// Shows the fields the reason asks for, the trajectories the exit closes and the
    /// premium rule by rule; puts the rules' problems under their fields.
    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        let lang = cx.lang;
        let reason = form.get(REASON);
        let work = reason.is_some_and(|r| r.category() == ExitCategory::Work);
        form.show(EMPLOYER, work);
        form.show(JOB_TITLE, work);
        form.show(CONTRACT_TYPE, work);
        form.show(HOURS, work);
        form.show(INDEPENDENCE, work);
        form.show(FOUND_VIA, work);
        form.show(FIRST_WORK_DAY, work);
        form.show(EMPLOYER_CONSENT, work);
        form.show(MOVE_CONSENT, reason == Some(ExitReason::OtherMoved));
        let contact = work && form.get(EMPLOYER_CONSENT) == Some(true);
        form.show(EMPLOYER_NAME, contact);
        form.show(EMPLOYER_PHONE, contact);
        if contact && let Some(c) = contradictions::phone(&form.get(EMPLOYER_PHONE)) {
            form.fail(EMPLOYER_PHONE, l(lang, c.key()));
        }
        let rules = &cx.assets.premium;
        form.show(
            JOB_AGREEMENT,
            work && rules.uses(|r| *r == Rule::JobAgreement),
        );
        form.show(
            SANCTION_24_MONTHS,
            work && rules.uses(|r| *r == Rule::NoSanction24Months),
        );
        let contract = form.get(CONTRACT_TYPE);
        form.show(CONTRACT_END, work && contract.is_some_and(has_end));
        form.show(STUDY_END, reason == Some(ExitReason::Study));
        let offered = reason.is_some_and(|r| {
            r.counts_as_exit() && matches!(r.category(), ExitCategory::Work | ExitCategory::Study)
        });
        if !offered && reason.is_some() && form.get(AFTERCARE) != Some(AftercareMode::Declined) {
            form.put(AFTERCARE, Some(AftercareMode::Declined));
        }
        let declined = !matches!(
            form.get(AFTERCARE),
            Some(AftercareMode::Active | AftercareMode::Passive)
        );
        form.show(CONSENT, !declined);
        check::basics(form, lang);
        let hours = form.get(HOURS);
        if !hours.is_empty()
            && let Err(e) = Hours::parse(&hours)
        {
            form.fail(HOURS, l(lang, e.key()));
        }
        let input = self.input(form, cx);
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
        form.set_note(CLOSINGS, Some(text));
        super::exit_premium::show(form, input.as_ref(), &self.ctx, cx);
        form.set_note(AFTERCARE, self.risk_advice(form, cx));
        if let Some(i) = &input {
            for p in i.problems(&self.ctx, &cx.assets.checklist) {
                Self::fail_at(form, p.field, l(lang, p.key));
            }
            for (field, c) in contradictions::exit(i, &self.ctx) {
                Self::fail_at(form, field, l(lang, c.key()));
            }
        }
        if let Some(x) = form.get(EXIT_DATE)
            && x < self.ctx.episode.benefit_start
        {
            form.fail(EXIT_DATE, l(lang, "exit_rule.exit_before_start"));
        }
        if let Some(e) = &self.edit {
            e.check(form, cx);
        }
    }

    /// Records the exit.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        let input = self
            .input(form, cx)
            .ok_or(StoreError::Invalid("form.required"))?;
        if let Some(e) = &self.edit {
            tx.correct_exit(e.episode_id, &input, cx.assets)?;
            return Ok(Committed::new(
                self.client_id,
                l(cx.lang, "exit_edit.saved"),
            ));
        }
        let saved = tx.record_exit(&input, cx.assets)?;
        let message = match saved.plan_id {
            Some(_) => tn(
                cx.lang,
                "exit.saved_aftercare",
                saved.contact_ids.len() as u64,
                &[],
            ),
            None => l(cx.lang, "exit.saved"),
        };
        Ok(Committed::new(self.client_id, message))
    }
}
