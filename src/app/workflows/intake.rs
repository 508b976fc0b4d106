//! The intake: person, assessment and plan of action, in three steps; also its edit and a
//! new benefit period of a known client. Saving is in [`super::intake_commit`].

use super::fields::{GOAL_TERM, GOAL_TEXT, agreement_row, assessment_fields, goal_row, l, rung};
pub(super) use super::intake_values::record;
pub use super::intake_values::{person, prefill_from, typed_name};
use super::{
    Answer, Committed, Cx, Facts, FormKind, KnownClient, Opened, Prompt, Query, Start, Workflow,
    read_failed,
};
use crate::domain::Bsn;
use crate::domain::codes::*;
use crate::domain::contradictions;
use crate::domain::date::{add_months, age_on, fmt_date};
use crate::domain::model::{Episode, Id};
use crate::domain::period_start::{self, StartProblem};
use crate::form::key::{Date, Many, Notes, Number, One, Text, YesNo};
use crate::form::paste::NAME_MAX;
use crate::form::{Form, Group, Key, check};
use crate::i18n::{Lang, t, tf};
use crate::store::{Store, Tx};
use chrono::NaiveDate;

pub(super) const BSN: Key<Text> = Key::new("bsn");
pub(super) const FIRST_NAME: Key<Text> = Key::new("first_name");
pub(super) const PREFIX: Key<Text> = Key::new("prefix");
pub(super) const LAST_NAME: Key<Text> = Key::new("last_name");
pub(super) const BIRTH_DATE: Key<Date> = Key::new("birth_date");
pub(super) const PHONE: Key<Text> = Key::new("phone");
pub(super) const EMAIL: Key<Text> = Key::new("email");
pub(super) const ADDRESS: Key<Text> = Key::new("address");
pub(super) const HOUSEHOLD: Key<One<Household>> = Key::new("household");
pub(super) const YOUNGEST_CHILD_AGE: Key<Number> = Key::new("youngest_child_age");
pub(super) const STATUSHOUDER: Key<YesNo> = Key::new("statushouder");
pub(super) const DRIVING_LICENCE: Key<YesNo> = Key::new("driving_licence");
pub(super) const LANGUAGE_LEVEL: Key<One<LanguageLevel>> = Key::new("language_level");
pub(super) const EDUCATION: Key<One<Education>> = Key::new("education");
pub(super) const WORK_EXPERIENCE: Key<Text> = Key::new("work_experience");
pub(super) const BENEFIT_START: Key<Date> = Key::new("benefit_start");
pub(super) const BENEFIT_TYPE: Key<One<BenefitType>> = Key::new("benefit_type");
pub(super) const INTAKE_DATE: Key<Date> = Key::new("intake_date");
pub(super) const DISTANCE: Key<One<Distance>> = Key::new("distance");
pub(super) const BARRIERS: Key<Many<Barrier>> = Key::new("barriers");
pub(super) const MOTIVATION: Key<Notes> = Key::new("motivation");
pub(super) const WHY_NOT_WORKING: Key<Notes> = Key::new("why_not_working");
pub(super) const STRENGTHS: Key<Notes> = Key::new("strengths");
pub(super) const PITFALLS: Key<Notes> = Key::new("pitfalls");
pub(super) const PLAN_AGREED_ON: Key<Date> = Key::new("plan_agreed_on");
/// The plan step's goals and agreements.
pub(super) const GOALS: Group = Group::new("goal", 3);
pub(super) const AGREEMENTS: Group = Group::new("agreement", 4);

/// Which intake this is.
#[derive(Clone, Debug, PartialEq)]
pub enum IntakeMode {
    /// A new client.
    New,
    /// A known client back on benefit: a new episode after the last exit.
    NewEpisode { client_id: Id, bsn: String },
    /// Correcting the intake of a client's current episode.
    Edit { client_id: Id, episode_id: Id },
}

/// The intake workflow.
pub struct IntakeFlow {
    pub(super) mode: IntakeMode,
    /// A question for the host (a known BSN), taken once.
    prompt: Option<Prompt>,
    /// The BSN last asked about, so the question comes once per BSN.
    asked_bsn: Option<String>,
    /// The client's benefit periods so far (none for a new client): a new period starts
    /// on or after the last exit, an ended one keeps its start, and a study exit stays one
    /// of a client under 27.
    periods: Vec<Episode>,
}

/// Opens the intake: new (no client), a new benefit period (a client who has left), or
/// the edit of the current one.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| read_failed(e, lang);
    let Some(client_id) = start.client else {
        let mut form = form(&IntakeMode::New, cx);
        if let Some((values, _, _)) = &start.carry {
            form.restore_draft(values);
        }
        return Ok(opened(form, IntakeMode::New, Vec::new()));
    };
    let client = store
        .client(client_id)
        .map_err(read)?
        .ok_or_else(|| l(lang, "form.no_client"))?;
    let periods = store.episodes_of(client_id).map_err(read)?;
    let latest = periods
        .last()
        .cloned()
        .ok_or_else(|| l(lang, "form.no_client"))?;
    if start.kind == FormKind::IntakeEdit {
        let mode = IntakeMode::Edit {
            client_id,
            episode_id: latest.id,
        };
        let mut form = form(&mode, cx);
        let intake = store.intake(latest.id).map_err(read)?;
        prefill_from(&mut form, &client.person, intake.as_ref());
        if let Some(i) = &intake {
            form.put(INTAKE_DATE, i.intake_date);
            form.put(PLAN_AGREED_ON, i.plan_agreed_on);
        }
        form.put(BENEFIT_START, Some(latest.benefit_start));
        form.put(BENEFIT_TYPE, Some(latest.benefit_type));
        return Ok(opened(form, mode, periods));
    }
    if latest.exit_date.is_none() {
        return Err(l(lang, "intake.err.still_on_benefit"));
    }
    let mode = IntakeMode::NewEpisode {
        client_id,
        bsn: client.person.bsn.as_str().to_owned(),
    };
    let mut form = form(&mode, cx);
    let previous = store.intake(latest.id).map_err(read)?;
    prefill_from(&mut form, &client.person, previous.as_ref());
    // What was typed in the intake it replaces stays.
    if let Some((values, _, _)) = &start.carry {
        form.restore_draft(values);
    }
    Ok(opened(form, mode, periods))
}

fn opened(form: Form, mode: IntakeMode, periods: Vec<Episode>) -> Opened {
    Opened {
        form,
        flow: Box::new(IntakeFlow {
            mode,
            prompt: None,
            asked_bsn: None,
            periods,
        }),
    }
}

/// The form for a mode, with its steps and fields.
fn form(mode: &IntakeMode, cx: &Cx) -> Form {
    let lang = cx.lang;
    let title = match mode {
        IntakeMode::New => l(lang, "intake.title_new"),
        IntakeMode::NewEpisode { .. } => l(lang, "intake.title_episode"),
        IntakeMode::Edit { .. } => l(lang, "intake.title_edit"),
    };
    let edit = matches!(mode, IntakeMode::Edit { .. });
    let date_hint = l(lang, "form.date_hint");
    let mut fields = vec![
        BSN.field(l(lang, "intake.bsn"), 0)
            .required()
            .placeholder("123456782"),
        FIRST_NAME
            .field(l(lang, "intake.first_name"), 0)
            .required()
            .max_chars(NAME_MAX),
        PREFIX
            .field(l(lang, "intake.prefix"), 0)
            .placeholder("van der")
            .max_chars(NAME_MAX),
        LAST_NAME
            .field(l(lang, "intake.last_name"), 0)
            .required()
            .max_chars(NAME_MAX),
        BIRTH_DATE
            .field(l(lang, "intake.birth_date"), 0)
            .required()
            .placeholder(date_hint.clone()),
        PHONE.field(l(lang, "intake.phone"), 0),
        EMAIL.field(l(lang, "intake.email"), 0),
        ADDRESS.field(l(lang, "intake.address"), 0),
        HOUSEHOLD
            .field(lang, l(lang, "intake.household"), 0)
            .required(),
        YOUNGEST_CHILD_AGE.field(l(lang, "intake.youngest_child_age"), 0, 25, 0),
        STATUSHOUDER.field(l(lang, "intake.statushouder"), 0),
        DRIVING_LICENCE.field(l(lang, "intake.driving_licence"), 0),
        LANGUAGE_LEVEL.field(lang, l(lang, "intake.language_level"), 0),
        EDUCATION.field(lang, l(lang, "intake.education"), 0),
        WORK_EXPERIENCE.field(l(lang, "intake.work_experience"), 0),
        BENEFIT_START
            .field(l(lang, "intake.benefit_start"), 0)
            .required()
            .placeholder(date_hint),
        BENEFIT_TYPE
            .field(lang, l(lang, "intake.benefit_type"), 0)
            .required(),
        INTAKE_DATE
            .field(l(lang, "intake.intake_date"), 1)
            .required(),
        DISTANCE
            .field(lang, l(lang, "intake.distance"), 1)
            .required(),
    ];
    if !edit {
        fields.extend(assessment_fields(lang, 1, true));
    }
    fields.extend([
        BARRIERS.field(lang, l(lang, "intake.barriers"), 1),
        MOTIVATION.field(l(lang, "intake.motivation"), 1),
        WHY_NOT_WORKING.field(l(lang, "intake.why_not_working"), 1),
        STRENGTHS.field(l(lang, "intake.strengths"), 1),
        PITFALLS.field(l(lang, "intake.pitfalls"), 1),
    ]);
    if !edit {
        for n in GOALS.numbers() {
            let label = tf(lang, "intake.goal", &[("n", &n)]);
            fields.extend(goal_row(lang, GOALS, n, label, 2));
        }
        for n in AGREEMENTS.numbers() {
            let label = tf(lang, "intake.agreement", &[("n", &n)]);
            fields.extend(agreement_row(lang, AGREEMENTS, n, label, 2));
        }
    }
    fields.push(PLAN_AGREED_ON.field(l(lang, "intake.plan_agreed_on"), 2));
    let steps = vec![
        l(lang, "intake.step_person"),
        l(lang, "intake.step_assessment"),
        l(lang, "intake.step_plan"),
    ];
    let mut form = Form::new(title, steps, fields, cx.today);
    form.put(BENEFIT_TYPE, Some(BenefitType::Participatiewet));
    form.put(INTAKE_DATE, Some(cx.today));
    form
}

impl IntakeFlow {
    /// The BSN typed, when it is a valid one (with its leading zero).
    fn typed_bsn(form: &Form) -> Option<Bsn> {
        Bsn::parse(&form.get(BSN)).ok()
    }

    /// Checks the BSN: valid, shown as stored once left, and not another client's (from
    /// the store's answer, asked once the field is left).
    fn check_bsn(&mut self, form: &mut Form, facts: &Facts, lang: Lang) {
        let typed = form.get(BSN);
        if typed.is_empty() {
            return;
        }
        let bsn = match Bsn::parse(&typed) {
            Ok(b) => b,
            Err(e) => return form.set_error(BSN, Some(t(lang, e.key()).to_owned())),
        };
        // Shown as stored once left: nine digits (an 8-digit number gets its leading zero).
        if !form.is_focused(BSN) && typed != bsn.as_str() {
            form.put(BSN, bsn.as_str().to_owned());
        }
        let known = match facts.get(&Query::ClientByBsn(bsn.as_str().to_owned())) {
            Some(Answer::Client(c)) => c.clone(),
            None => None,
        };
        match (&self.mode, known) {
            (IntakeMode::New, Some(c)) => {
                let number = crate::domain::model::client_number(c.id);
                let msg = tf(
                    lang,
                    "intake.err.known",
                    &[("name", &c.name), ("number", &number)],
                );
                form.set_error(BSN, Some(msg));
                if self.asked_bsn.as_deref() != Some(bsn.as_str()) {
                    self.asked_bsn = Some(bsn.as_str().to_owned());
                    self.prompt = Some(Prompt::KnownClient(c));
                }
            }
            (IntakeMode::NewEpisode { bsn: own, .. }, _) if own != bsn.as_str() => {
                form.set_error(BSN, Some(l(lang, "intake.err.bsn_locked")));
            }
            (IntakeMode::Edit { client_id, .. }, Some(c)) if c.id != *client_id => {
                form.set_error(BSN, Some(l(lang, "intake.err.bsn_taken")));
            }
            _ => {}
        }
    }

    /// The benefit start against the last exit (a new period) or the period's own exit (an
    /// edit); the day of the last exit itself gets its note: an immediate re-application.
    fn check_start(&self, form: &mut Form, start: NaiveDate, lang: Lang) {
        let periods = &self.periods;
        let own = match &self.mode {
            IntakeMode::Edit { episode_id, .. } => periods.iter().find(|e| e.id == *episode_id),
            _ => None,
        };
        let previous_exit = match (&self.mode, own) {
            (IntakeMode::NewEpisode { .. }, _) => periods.iter().filter_map(|e| e.exit_date).max(),
            (_, Some(own)) => period_start::previous_exit(periods, own),
            _ => None,
        };
        let problem = match own {
            Some(own) => period_start::move_problem(start, own, periods),
            None => period_start::problem(start, previous_exit),
        };
        let exit = previous_exit.map(fmt_date).unwrap_or_default();
        match problem {
            Some(StartProblem::BeforePreviousExit) => {
                let msg = tf(lang, "intake.err.before_exit", &[("date", &exit)]);
                form.fail(BENEFIT_START, msg);
            }
            Some(p) => form.fail(BENEFIT_START, l(lang, p.key())),
            None => {}
        }
        let same_day = period_start::is_same_day(previous_exit, start);
        form.set_note(
            BENEFIT_START,
            same_day.then(|| tf(lang, "edge.reentry_same_day", &[("date", &exit)])),
        );
    }

    /// The rules of the dates: birth, benefit start, plan agreed, the child's age.
    fn check_dates(&self, form: &mut Form, today: NaiveDate, lang: Lang) {
        let birth = form.get(BIRTH_DATE);
        // The age beside a date of birth that can be one (a future date is refused below).
        form.set_note(
            BIRTH_DATE,
            birth
                .filter(|b| *b <= today)
                .map(|b| tf(lang, "intake.age_note", &[("age", &age_on(b, today))])),
        );
        if let Some(c) = contradictions::birth_date(birth, &self.periods) {
            form.fail(BIRTH_DATE, l(lang, c.key_at_birth()));
        }
        if let Some(b) = birth {
            if b > today {
                form.fail(BIRTH_DATE, l(lang, "intake.err.birth_future"));
            } else if age_on(b, today) > 110 || age_on(b, today) < 15 {
                form.fail(BIRTH_DATE, l(lang, "intake.err.birth_implausible"));
            }
        }
        if let Some(start) = form.get(BENEFIT_START) {
            if birth.is_some_and(|b| start <= b) {
                form.fail(BENEFIT_START, l(lang, "intake.err.benefit_before_birth"));
            } else if start > add_months(today, 12) {
                form.fail(BENEFIT_START, l(lang, "intake.err.benefit_far"));
            }
            self.check_start(form, start, lang);
        }
        if form.get(PLAN_AGREED_ON).is_some_and(|on| on > today) {
            form.fail(PLAN_AGREED_ON, l(lang, "intake.err.future"));
        }
        if let (Some(age), Some(b)) = (form.get(YOUNGEST_CHILD_AGE), birth)
            && age > i64::from(age_on(b, today)) - 12
        {
            form.fail(YOUNGEST_CHILD_AGE, l(lang, "intake.err.child_age"));
        }
    }
}

impl Workflow for IntakeFlow {
    fn kind(&self) -> FormKind {
        match self.mode {
            IntakeMode::Edit { .. } => FormKind::IntakeEdit,
            _ => FormKind::Intake,
        }
    }

    fn subject(&self) -> Id {
        match &self.mode {
            IntakeMode::New => 0,
            IntakeMode::NewEpisode { client_id, .. } | IntakeMode::Edit { client_id, .. } => {
                *client_id
            }
        }
    }

    /// Re-runs the intake's rules.
    fn check(&mut self, form: &mut Form, facts: &Facts, cx: &Cx) {
        let (lang, today) = (cx.lang, cx.today);
        let with_children = matches!(
            form.get(HOUSEHOLD),
            Some(Household::SingleWithChildren | Household::CoupleWithChildren)
        );
        form.show(YOUNGEST_CHILD_AGE, with_children);
        if !matches!(self.mode, IntakeMode::Edit { .. }) {
            for n in GOALS.numbers() {
                let filled = !form.get(GOALS.at(n, GOAL_TEXT)).is_empty();
                form.require(GOALS.at(n, GOAL_TERM), filled);
            }
        }
        check::basics(form, lang);
        self.check_bsn(form, facts, lang);
        self.check_dates(form, today, lang);
        if let Some(c) = contradictions::phone(&form.get(PHONE)) {
            form.fail(PHONE, l(lang, c.key()));
        }
        if let Some(c) = contradictions::email(&form.get(EMAIL)) {
            form.fail(EMAIL, l(lang, c.key()));
        }
        if !matches!(self.mode, IntakeMode::Edit { .. }) {
            let r = rung(form);
            form.set_note(
                super::fields::RUNG,
                r.map(|r| tf(lang, "intake.rung_note", &[("n", &r.number())])),
            );
        }
    }

    /// Who has the BSN typed, once it is valid and left.
    fn queries(&self, form: &Form) -> Vec<Query> {
        match Self::typed_bsn(form) {
            Some(b) if !form.is_focused(BSN) => vec![Query::ClientByBsn(b.as_str().to_owned())],
            _ => Vec::new(),
        }
    }

    fn prompt(&mut self) -> Option<Prompt> {
        self.prompt.take()
    }

    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        super::intake_commit::commit(self, form, tx, cx)
    }
}

/// The answer to [`Query::ClientByBsn`], from the store.
pub fn known_client(store: &Store, bsn: &str) -> crate::store::Result<Option<KnownClient>> {
    let Ok(bsn) = Bsn::parse(bsn) else {
        return Ok(None);
    };
    let Some(id) = store.client_id_by_bsn(&bsn)? else {
        return Ok(None);
    };
    let name = store
        .client(id)?
        .map(|c| c.person.full_name())
        .unwrap_or_default();
    let on_benefit = !matches!(
        store.phase(id)?,
        crate::domain::Phase::Aftercare | crate::domain::Phase::Closed
    );
    let handed_to = match store.is_handed_over(id)? {
        true => store
            .handovers_of(id)?
            .last()
            .map(|h| crate::domain::display::line(&h.person).into_owned()),
        false => None,
    };
    Ok(Some(KnownClient {
        id,
        name,
        on_benefit,
        handed_to,
    }))
}
