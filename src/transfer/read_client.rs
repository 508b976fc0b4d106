//! Reading a client and its benefit periods with the intake and the
//! plan of each period (assessments, goals, notes with their agreements, agreements).
//!
//! Each reader returns its record with stand-in values where the file was wrong; the
//! problems are noted on the way and, when there are any, no record is used.

use super::read_journey::{exit_record, trajectory};
use super::reader::{OPT, Obj, REQ, Reader};
use super::refs::provisional_id;
use super::rules;
use crate::domain::Bsn;
use crate::domain::codes::{BenefitType, Channel, ExitReason, Term, Who};
use crate::domain::model::{Agreement, Assessment, Client, Episode, Goal, Intake, Note, Person};
use crate::domain::notes::{AgreementInput, GoalInput, NoteInput};
use crate::domain::record::{ClientRecord, EpisodeRecord};
use chrono::NaiveDate;
use serde_json::Value;

/// How many assessments and trajectories each benefit period of a client has in the file,
/// for checking references before everything is read.
pub struct Shape {
    pub assessments: Vec<usize>,
    pub trajectories: Vec<usize>,
}

impl Shape {
    fn of(episodes: Option<&Value>) -> Shape {
        let count =
            |e: &Value, name: &str| e.get(name).and_then(Value::as_array).map_or(0, |a| a.len());
        let list = episodes.and_then(Value::as_array).map_or(&[][..], |a| a);
        Shape {
            assessments: list.iter().map(|e| count(e, "assessments")).collect(),
            trajectories: list.iter().map(|e| count(e, "trajectories")).collect(),
        }
    }
}

/// A client; `None` when the BSN is wrong (the rest is read for its problems all the same).
pub fn client(r: &mut Reader, mut o: Obj) -> Option<ClientRecord> {
    let bsn = r
        .string(&mut o, "bsn", REQ)
        .and_then(|s| match Bsn::parse(&s) {
            Ok(b) => Some(b),
            Err(e) => {
                r.fail(&mut o, "bsn", e.key());
                None
            }
        });
    let first_name = r.nonblank(&mut o, "first_name").unwrap_or_default();
    let prefix = r.text(&mut o, "prefix");
    let last_name = r.nonblank(&mut o, "last_name").unwrap_or_default();
    let birth_date = r.date(&mut o, "birth_date", OPT);
    let phone = r.text(&mut o, "phone");
    let email = r.text(&mut o, "email");
    rules::person(r, &mut o, &phone, &email);
    let address = r.text(&mut o, "address");
    let shape = Shape::of(o.peek("episodes"));
    let mut periods = Vec::new();
    let mut episodes = Vec::new();
    for (e, eo) in r.objects(&mut o, "episodes") {
        let (record, dates) = episode(r, eo, e, &shape, birth_date);
        periods.push(dates);
        episodes.push(record);
    }
    // Checked when every period's own dates read well.
    let dates: Option<Vec<_>> = periods.into_iter().collect();
    if let Some(dates) = dates {
        rules::periods(r, &o.path, &dates);
    }
    // A client's own copy holds their history: what it says stays with the copy.
    o.pass("history");
    r.finish(o);
    let person = Person {
        bsn: bsn?,
        first_name,
        prefix,
        last_name,
        birth_date,
        phone,
        email,
        address,
    };
    Some(ClientRecord {
        client: Client { id: 0, person },
        episodes,
        history: Vec::new(),
    })
}

type Period = Option<(NaiveDate, Option<NaiveDate>)>;

/// A benefit period, and its (start, exit) when both read well.
fn episode(
    r: &mut Reader,
    mut o: Obj,
    e: usize,
    shape: &Shape,
    birth: Option<NaiveDate>,
) -> (EpisodeRecord, Period) {
    let start = r.date(&mut o, "benefit_start", REQ);
    let episode = Episode {
        id: 0,
        client_id: 0,
        benefit_start: start.unwrap_or(NaiveDate::MIN),
        benefit_type: r
            .code(&mut o, "benefit_type", OPT)
            .unwrap_or(BenefitType::Participatiewet),
        exit_date: r.date(&mut o, "exit_date", OPT),
        last_payment_date: r.date(&mut o, "last_payment_date", OPT),
        exit_reason: r.code::<ExitReason>(&mut o, "exit_reason", OPT),
        previous_episode_id: None,
    };
    let own = !o.bad;
    let intake = r.child(&mut o, "intake").map(|io| intake(r, io));
    let assessments = r
        .objects(&mut o, "assessments")
        .into_iter()
        .map(|(i, ao)| assessment(r, ao, provisional_id(e, i)))
        .collect();
    let goals = r
        .objects(&mut o, "goals")
        .into_iter()
        .map(|(_, go)| goal(r, go))
        .collect();
    let notes = r
        .objects(&mut o, "notes")
        .into_iter()
        .map(|(_, no)| note(r, no))
        .collect();
    let agreements = r
        .objects(&mut o, "agreements")
        .into_iter()
        .map(|(_, ao)| agreement(r, ao, None))
        .collect();
    let trajectories = r
        .objects(&mut o, "trajectories")
        .into_iter()
        .map(|(i, to)| trajectory(r, to, provisional_id(e, i), shape))
        .collect();
    let before = r.problems.total;
    let exit = r
        .child(&mut o, "exit_interview")
        .map(|xo| exit_record(r, xo, shape));
    let exit_clean = r.problems.total == before;
    let record = EpisodeRecord {
        episode,
        intake,
        assessments,
        goals,
        notes,
        agreements,
        trajectories,
        exit,
    };
    if own {
        rules::episode(r, &o.path, &record, exit_clean, birth);
    }
    r.finish(o);
    let period = (own && start.is_some())
        .then_some((record.episode.benefit_start, record.episode.exit_date));
    (record, period)
}

fn intake(r: &mut Reader, mut o: Obj) -> Intake {
    let intake = Intake {
        episode_id: 0,
        intake_date: Some(r.date(&mut o, "intake_date", REQ).unwrap_or(NaiveDate::MIN)),
        household: r.code(&mut o, "household", OPT),
        youngest_child_age: r
            .int(&mut o, "youngest_child_age", 0..=25, OPT)
            .and_then(|n| u8::try_from(n).ok()),
        statushouder: r.boolean(&mut o, "statushouder").unwrap_or(false),
        driving_licence: r.boolean(&mut o, "driving_licence"),
        language_level: r.code(&mut o, "language_level", OPT),
        education: r.code(&mut o, "education", OPT),
        work_experience: r.text(&mut o, "work_experience"),
        distance: r.code(&mut o, "distance", OPT),
        barriers: r.codes(&mut o, "barriers"),
        motivation: r.notes(&mut o, "motivation"),
        why_not_working: r.notes(&mut o, "why_not_working"),
        strengths: r.notes(&mut o, "strengths"),
        pitfalls: r.notes(&mut o, "pitfalls"),
        plan_agreed_on: r.date(&mut o, "plan_agreed_on", OPT),
    };
    r.finish(o);
    intake
}

fn assessment(r: &mut Reader, mut o: Obj, id: i64) -> Assessment {
    let a = Assessment {
        id,
        episode_id: 0,
        assessed_on: r.date(&mut o, "assessed_on", REQ).unwrap_or(NaiveDate::MIN),
        kind: r
            .code(&mut o, "kind", REQ)
            .unwrap_or(crate::domain::codes::AssessmentKind::Intake),
        rung: r
            .int(&mut o, "rung", 1..=6, OPT)
            .and_then(crate::domain::codes::Rung::from_number),
        scores: r.scores(&mut o, "scores", 1..=5),
    };
    r.finish(o);
    a
}

fn goal(r: &mut Reader, mut o: Obj) -> Goal {
    let g = Goal {
        id: 0,
        episode_id: 0,
        term: r.code(&mut o, "term", REQ).unwrap_or(Term::Short),
        text: r.string(&mut o, "text", REQ).unwrap_or_default(),
        target_date: r.date(&mut o, "target_date", OPT),
        done_on: r.date(&mut o, "done_on", OPT),
    };
    let input = GoalInput {
        term: g.term,
        text: g.text.clone(),
        target_date: g.target_date,
    };
    if let (false, Err(e)) = (o.bad, input.check()) {
        r.fail(&mut o, "text", e.key());
    }
    r.finish(o);
    g
}

fn note(r: &mut Reader, mut o: Obj) -> (Note, Vec<Agreement>) {
    let n = Note {
        id: 0,
        episode_id: 0,
        noted_on: r.date(&mut o, "noted_on", REQ).unwrap_or(NaiveDate::MIN),
        channel: r.code(&mut o, "channel", REQ).unwrap_or(Channel::InPerson),
        summary: r.lines(&mut o, "summary", REQ).unwrap_or_default(),
        template: r.string(&mut o, "template", OPT),
    };
    let made_on = (!o.bad).then_some(n.noted_on);
    let input = NoteInput {
        noted_on: n.noted_on,
        channel: n.channel,
        summary: n.summary.clone(),
        template: None,
        agreements: Vec::new(),
    };
    if let (false, Err(e)) = (o.bad, input.check()) {
        r.fail(&mut o, "summary", e.key());
    }
    let agreements = r
        .objects(&mut o, "agreements")
        .into_iter()
        .map(|(_, ao)| agreement(r, ao, made_on))
        .collect();
    r.finish(o);
    (n, agreements)
}

/// An agreement, made in a note of `made_on` (its follow-up may not come before).
fn agreement(r: &mut Reader, mut o: Obj, made_on: Option<NaiveDate>) -> Agreement {
    let a = Agreement {
        id: 0,
        episode_id: 0,
        note_id: None,
        text: r.string(&mut o, "text", REQ).unwrap_or_default(),
        who: r.code(&mut o, "who", OPT).unwrap_or(Who::Client),
        follow_up: r.date(&mut o, "follow_up", OPT),
        done_on: r.date(&mut o, "done_on", OPT),
    };
    let input = AgreementInput::new(&a.text, a.who, a.follow_up);
    if let (false, Err(e)) = (o.bad, input.check(made_on)) {
        let field = match e {
            crate::domain::notes::PlanError::FollowUpBeforeNote => "follow_up",
            _ => "text",
        };
        r.fail(&mut o, field, e.key());
    }
    r.finish(o);
    a
}
