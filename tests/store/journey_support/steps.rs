//! The operations of a journey, each as its form commits it (the same store calls, in one
//! transaction where the form has one), with dates a caseworker would type: today, or a
//! few days back where the form allows it.

use super::{Skip, Step, World, ok, pick};
use caseload::app::workflows::fields::AGREEMENT_FOLLOW_UP;
use caseload::app::workflows::{Cx, Facts, FormKind, Start};
use caseload::domain::codes::*;
use caseload::domain::date::{add_days, add_months};
use caseload::domain::model::*;
use caseload::domain::notes::{AgreementInput, GoalInput, NoteInput};
use caseload::domain::premium::evaluate;
use caseload::domain::trajectory::{Assignment, ReviewInput, StatusChange, is_running};
use caseload::form::Group;
use caseload::i18n::Lang;
use chrono::NaiveDate;

/// The operations a caseworker does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum Op {
    NewClient,
    EditIntake,
    Note,
    Goal,
    Agreement,
    AgreementDone,
    PlanAgreed,
    EditPlan,
    Reassess,
    Assign,
    Start,
    Complete,
    Stop,
    Review,
    Exit,
    CheckIn,
    Pay,
    Extend,
    EndAftercare,
    ReEnter,
    CorrectExit,
    WithdrawExit,
}

/// Does one step; its name when it happened.
pub fn apply(w: &mut World, s: &Step) -> Result<&'static str, Skip> {
    if w.clients.is_empty() || s.op == Op::NewClient {
        new_client(w, s)?;
        return Ok("new_client");
    }
    let (client, ep) = w.client(s.a).ok_or(Skip::Refused)?;
    let open = ep.exit_date.is_none();
    let today = w.today;
    match s.op {
        Op::NewClient => unreachable!(),
        Op::EditIntake => edit_intake(w, s, client, &ep).map(|_| "edit_intake"),
        Op::Note => {
            let n = NoteInput {
                noted_on: back(today, s.b % 3),
                channel: pick(Channel::all(), s.c),
                summary: "Gesproken over de week.".into(),
                template: None,
                agreements: (0..s.c % 3)
                    .map(|i| {
                        let follow = i
                            .is_multiple_of(2)
                            .then(|| add_days(today, 7 + i64::from(i)));
                        AgreementInput::new("Bellen", pick(Who::all(), s.b + i), follow)
                    })
                    .collect(),
            };
            ok(w.store.add_note(ep.id, &n)).map(|_| "note")
        }
        Op::Goal if open => {
            let g = GoalInput {
                term: pick(Term::all(), s.b),
                text: "Betaald werk".into(),
                target_date: s.c.is_multiple_of(2).then(|| add_months(today, 6)),
            };
            ok(w.store.add_goal(ep.id, &g)).map(|_| "goal")
        }
        Op::Agreement if open => {
            let a = AgreementInput::new("Cv sturen", Who::Client, Some(add_days(today, 14)));
            ok(w.store.add_agreement(ep.id, &a)).map(|_| "agreement")
        }
        Op::AgreementDone if open => {
            let list = w.store.agreements(ep.id).expect("read");
            let open: Vec<&Agreement> = list.iter().filter(|a| a.done_on.is_none()).collect();
            let a = open
                .get(s.b as usize % open.len().max(1))
                .ok_or(Skip::Refused)?;
            ok(w.store.set_agreement_done(a.id, Some(today))).map(|_| "agreement_done")
        }
        Op::PlanAgreed if open => ok(w
            .store
            .write(|tx| tx.set_plan_agreed(ep.id, Some(back(today, s.b % 5)))))
        .map(|_| "plan_agreed"),
        Op::EditPlan if open => edit_plan(w, s, client, &ep).map(|_| "edit_plan"),
        Op::Reassess if open => {
            let a = assessment(ep.id, back(today, s.b % 3), AssessmentKind::Reassessment, s);
            ok(w.store.write(|tx| tx.insert_assessment(&a))).map(|_| "reassess")
        }
        Op::Assign => assign(w, s, &ep).map(|_| "assign"),
        Op::Start | Op::Complete | Op::Stop | Op::Review => trajectory_step(w, s, &ep),
        Op::Exit if open => super::exit::exit(w, s, client, &ep).map(|_| "exit"),
        Op::CheckIn => super::exit::check_in(w, s, &ep).map(|_| "check_in"),
        Op::Pay => super::exit::pay(w, s, &ep).map(|_| "pay"),
        Op::Extend => {
            let plan = running_plan(w, &ep)?;
            ok(w.store.extend_aftercare(plan.id, &w.assets.aftercare)).map(|_| "extend")
        }
        Op::EndAftercare => {
            let plan = running_plan(w, &ep)?;
            let on = back(today, s.c % 4).max(plan.starts_on);
            if on > today {
                return Err(Skip::Refused);
            }
            let reason = pick(AftercareEndReason::all(), s.b);
            ok(w.store.end_aftercare(plan.id, reason, on)).map(|_| "end_aftercare")
        }
        Op::ReEnter if !open => re_enter(w, s, client, &ep).map(|_| "re_enter"),
        Op::CorrectExit if !open => super::exit::correct(w, s, client, &ep).map(|_| "correct_exit"),
        Op::WithdrawExit if !open => ok(w
            .store
            .write(|tx| tx.withdraw_exit(ep.id, "Per vergissing vastgelegd")))
        .map(|_| "withdraw_exit"),
        _ => Err(Skip::Refused),
    }
}

/// `days` before `d`.
pub fn back(d: NaiveDate, days: u32) -> NaiveDate {
    add_days(d, -i64::from(days))
}

fn assessment(episode_id: Id, on: NaiveDate, kind: AssessmentKind, s: &Step) -> Assessment {
    Assessment {
        id: 0,
        episode_id,
        assessed_on: on,
        kind,
        rung: Rung::from_number(i64::from(s.b % 6 + 1)),
        scores: LifeDomain::all()
            .iter()
            .take((s.c % 4) as usize)
            .map(|d| (*d, (s.a % 5 + 1) as u8))
            .collect(),
    }
}

fn intake(episode_id: Id, today: NaiveDate, s: &Step) -> Intake {
    let household = pick(Household::all(), s.b);
    let children = matches!(
        household,
        Household::SingleWithChildren | Household::CoupleWithChildren
    );
    Intake {
        episode_id,
        intake_date: Some(today),
        household: Some(household),
        youngest_child_age: children.then_some((s.c % 4) as u8),
        statushouder: s.c.is_multiple_of(5),
        distance: Some(pick(Distance::all(), s.c)),
        barriers: Barrier::all()
            .iter()
            .take((s.b % 3) as usize)
            .copied()
            .collect(),
        motivation: "Wil aan het werk.".into(),
        plan_agreed_on: s.c.is_multiple_of(2).then_some(today),
        ..Intake::default()
    }
}

/// A new client at intake: person, benefit period, intake, assessment, goal, agreement.
fn new_client(w: &mut World, s: &Step) -> Result<(), Skip> {
    let today = w.today;
    // Ages from 18 to 60, many close to 27 (the study exit's limit).
    let years = if s.a.is_multiple_of(3) {
        25 + s.b % 4
    } else {
        18 + s.b % 43
    };
    let birth = back(add_months(today, 0), years * 365 + s.c % 365);
    let person = Person {
        bsn: w.bsn(),
        first_name: "Sam".into(),
        prefix: if s.c.is_multiple_of(2) {
            "van".into()
        } else {
            String::new()
        },
        last_name: "Jansen".into(),
        birth_date: Some(birth),
        phone: if s.b.is_multiple_of(2) {
            "06-12345678".into()
        } else {
            String::new()
        },
        email: if s.c.is_multiple_of(3) {
            "sam@example.nl".into()
        } else {
            String::new()
        },
        address: String::new(),
    };
    // The benefit started up to three years ago, or starts within a month.
    let start = match s.c % 7 {
        0 => add_days(today, i64::from(s.b % 30)),
        1..=3 => back(today, 700 + s.b % 600),
        _ => back(today, s.b % 365),
    };
    let benefit_type = pick(BenefitType::all(), s.a / 7);
    let id = ok(w.store.write(|tx| {
        let c = tx.insert_client(&person)?;
        let e = tx.insert_episode(&Episode::open(c, start, benefit_type, None))?;
        tx.save_intake(&intake(e, today, s))?;
        tx.insert_assessment(&assessment(e, today, AssessmentKind::Intake, s))?;
        if s.b.is_multiple_of(2) {
            tx.insert_goal(&Goal {
                id: 0,
                episode_id: e,
                term: Term::Long,
                text: "Werk in de zorg".into(),
                target_date: None,
                done_on: None,
            })?;
        }
        Ok(c)
    }))?;
    w.clients.push(id);
    Ok(())
}

/// Editing the intake of the latest period: the start moved a little, or the date of birth
/// corrected by a few years.
fn edit_intake(w: &mut World, s: &Step, client: Id, ep: &Episode) -> Result<(), Skip> {
    let today = w.today;
    let mut person = w
        .store
        .client(client)
        .expect("read")
        .expect("client")
        .person;
    if s.a.is_multiple_of(3) {
        let years = i64::from(s.c % 9) - 4;
        person.birth_date = person.birth_date.map(|b| add_days(b, years * 365));
    }
    let start = match s.b % 4 {
        0 => add_days(ep.benefit_start, i64::from(s.c % 20) - 10),
        _ => ep.benefit_start,
    };
    if person.birth_date.is_some_and(|b| start <= b) || start > add_months(today, 12) {
        return Err(Skip::Refused);
    }
    let mut i = w.store.intake(ep.id).expect("read").unwrap_or_default();
    i.episode_id = ep.id;
    i.motivation = "Wil werken, liefst in de buurt.".into();
    ok(w.store.write(|tx| {
        tx.correct_person(client, &person)?;
        tx.move_episode_start(&Episode {
            id: ep.id,
            ..Episode::open(client, start, ep.benefit_type, None)
        })?;
        tx.save_intake(&i)
    }))
}

/// The plan of action's form itself (its workflow, as the app opens it): an agreement's
/// follow-up moved (earlier or later) and saved when the form shows no error, as `Ctrl-S`
/// does, in one transaction.
fn edit_plan(w: &mut World, s: &Step, client: Id, ep: &Episode) -> Result<(), Skip> {
    let n = w.store.agreements(ep.id).expect("read").len();
    if n == 0 {
        return Err(Skip::Refused);
    }
    let cx = Cx {
        lang: Lang::En,
        today: w.today,
        assets: &w.assets,
    };
    let start = Start::new(FormKind::Plan, Some(client));
    let opened = FormKind::Plan
        .open(&start, &w.store, &cx)
        .expect("the plan opens");
    let (mut form, mut flow) = (opened.form, opened.flow);
    let key = Group::new("a", n).at(1 + s.b as usize % n, AGREEMENT_FOLLOW_UP);
    assert!(form.field(key).is_some(), "the plan has a field {key:?}");
    let moved = add_days(w.today, i64::from(s.c % 60) - 40);
    form.put(key, Some(moved));
    form.changed();
    flow.check(&mut form, &Facts::default(), &cx);
    if form.error_count() > 0 {
        return Err(Skip::Refused);
    }
    let saved = w.store.write(|tx| flow.commit(&form, tx, &cx));
    saved.map(|_| ()).map_err(|_| Skip::Refused)
}

/// A trajectory on the current period, or (a jobhunter) during running aftercare.
fn assign(w: &mut World, s: &Step, ep: &Episode) -> Result<Id, Skip> {
    let today = w.today;
    let list = &w.assets.catalog.instruments;
    let inst = if ep.exit_date.is_some() {
        w.assets.catalog.get("jobhunter").expect("jobhunter")
    } else {
        &list[s.b as usize % list.len()]
    };
    let referred = back(today, s.c % 10);
    let start = match s.b % 3 {
        0 => None,
        1 => Some(referred),
        _ => Some(add_days(referred, i64::from(s.c % 7))),
    };
    let mut a = Assignment::for_instrument(inst, Lang::Nl, referred, start);
    a.provider = "Werkbedrijf".into();
    a.cost_cents = s.a.is_multiple_of(2).then_some(i64::from(s.a % 100_000));
    ok(w.store.assign_trajectory(ep.id, &a))
}

/// Start, complete or stop a running trajectory of the period, or review it.
fn trajectory_step(w: &mut World, s: &Step, ep: &Episode) -> Result<&'static str, Skip> {
    let running: Vec<Trajectory> = w
        .store
        .trajectories(ep.id)
        .expect("read")
        .into_iter()
        .filter(|t| is_running(t.status))
        .collect();
    let t = running
        .get(s.b as usize % running.len().max(1))
        .ok_or(Skip::Refused)?;
    let on = back(w.today, s.c % 3);
    let (change, name) = match s.op {
        Op::Start => (StatusChange::start(on), "start"),
        Op::Complete => (
            StatusChange::complete(on, pick(TrajectoryResult::all(), s.c)),
            "complete",
        ),
        Op::Stop => (StatusChange::stop(on, "Past niet meer."), "stop"),
        _ => {
            let mut r = ReviewInput::new(t, on);
            r.progress = "Gaat vooruit.".into();
            r.new_rung = s.c.is_multiple_of(2).then(|| pick(Rung::all(), s.a));
            return ok(w.store.record_review(t.id, &r)).map(|_| "review");
        }
    };
    ok(w.store.change_trajectory_status(t.id, &change)).map(|_| name)
}

/// The running aftercare plan of a period.
pub fn running_plan(w: &World, ep: &Episode) -> Result<AftercarePlan, Skip> {
    w.store
        .aftercare_plan(ep.id)
        .expect("read")
        .filter(|p| p.status == PlanStatus::Active)
        .ok_or(Skip::Refused)
}

/// Back on benefit, as the intake of a new period saves it: on the exit day, or later.
fn re_enter(w: &mut World, s: &Step, client: Id, ep: &Episode) -> Result<(), Skip> {
    let today = w.today;
    let exit = ep.exit_date.ok_or(Skip::Refused)?;
    let start = match s.b % 3 {
        0 => exit,
        _ => add_days(exit, i64::from(1 + s.c % 200)),
    };
    if start > add_months(today, 12) {
        return Err(Skip::Refused);
    }
    let person = w
        .store
        .client(client)
        .expect("read")
        .expect("client")
        .person;
    let ended = ok(w.store.write(|tx| {
        tx.correct_person(client, &person)?;
        let (e, _, ended) = tx.re_enter(client, start, Some(ep.benefit_type))?;
        tx.save_intake(&intake(e, today, s))?;
        tx.insert_assessment(&assessment(e, today, AssessmentKind::Intake, s))?;
        Ok(ended)
    }))?;
    if start == exit {
        w.saw("re-entry on the exit day");
    }
    if !ended.premium.is_empty() {
        w.saw("premium cancelled");
    }
    if ended.aftercare.is_some() {
        w.saw("aftercare ended by re-entry");
    }
    Ok(())
}

/// Whether a scheme may be granted for an exit (as the form offers it).
pub fn eligible(w: &World, input: &caseload::domain::exit::ExitInput, key: &str) -> bool {
    let Some(ctx) = w.store.exit_context(input.client_id).expect("read") else {
        return false;
    };
    w.assets
        .premium
        .scheme(key)
        .is_some_and(|sc| evaluate(sc, &input.premium_facts(&ctx)).eligible())
}
