//! Realistic, deterministic demo data: a caseload spread over every phase of the journey.
//!
//! Everything is written through the store's typed functions in one transaction.

use crate::domain::Bsn;
use crate::domain::catalog::Catalog;
use crate::domain::codes::*;
use crate::domain::date::{add_days, add_months};
use crate::domain::model::*;
use crate::store::{Result, Store, Tx};
use chrono::NaiveDate;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashSet;

const FIRST: &[&str] = &[
    "Jan", "Anna", "Mohammed", "Fatima", "Peter", "Sanne", "Ahmet", "Emma", "Kees", "Lisa",
    "Youssef", "Sophie", "Dennis", "Naima", "Ricardo", "Marloes", "Tom", "Aylin", "Henk", "Iris",
    "Bilal", "Esther", "Sander", "Samira", "Johan", "Linda", "Mehmet", "Priya", "Kevin", "Noor",
    "Willem", "Daphne", "Abdi", "Ingrid", "Jeroen", "Hanna", "Tarik", "Yvonne", "Gerrit", "Zeynep",
    "Marco", "Chantal", "Rachid", "Mirjam", "Stefan", "Amal", "Bas", "Nicole", "Hassan", "Petra",
];

const PREFIXES: &[&str] = &[
    "", "", "", "", "", "van", "de", "van der", "van den", "van de", "ter", "ten", "in 't", "el",
];

const LAST: &[&str] = &[
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Bos",
    "Mulder",
    "Dekker",
    "Dijk",
    "Berg",
    "Brink",
    "Vries",
    "Leeuwen",
    "Vliet",
    "Boer",
    "Hoek",
    "Wal",
    "Kaya",
    "Yilmaz",
    "Amrani",
    "Bouali",
    "Haddou",
    "Pinas",
    "Koster",
    "Veenstra",
    "Postma",
    "Kuipers",
    "Wijk",
    "Vermeulen",
    "Graaf",
    "Horst",
    "Maas",
    "Kok",
    "Hendriks",
    "Peters",
    "Willems",
    "Schouten",
    "Doorn",
    "Gerrits",
    "Martens",
    "Çelik",
    "Öztürk",
    "Idrissi",
    "Tahiri",
    "Biharie",
    "Ramdin",
    "Osei",
    "Mensah",
    "Nowak",
];

const STREETS: &[&str] = &[
    "Kerkstraat",
    "Dorpsstraat",
    "Molenweg",
    "Stationsweg",
    "Julianalaan",
    "Beatrixstraat",
    "Lindenlaan",
    "Schoolstraat",
    "Marktplein",
    "Parkweg",
];

const PROVIDERS: &[&str] = &[
    "Werkbedrijf Regio",
    "Re-integratiebureau Kompas",
    "ROC Midden",
    "Stichting Perspectief",
    "Jobhunters Noord",
    "Taalhuis",
    "Sociaal Wijkteam",
    "Kredietbank",
    "Vrijwilligerscentrale",
];

const EMPLOYERS: &[&str] = &[
    "Albert Heijn",
    "PostNL",
    "Zorggroep De Linde",
    "Schoonmaakbedrijf Hago",
    "Bouwbedrijf Jansen",
    "Gemeente",
    "Randstad",
    "Tempo-Team",
    "Bakkerij Bart",
    "Distributiecentrum Coolblue",
];

const JOBS: &[&str] = &[
    "vakkenvuller",
    "postbezorger",
    "helpende zorg",
    "schoonmaker",
    "timmerman",
    "administratief medewerker",
    "orderpicker",
    "kok",
    "chauffeur",
    "magazijnmedewerker",
];

const NOTES: &[&str] = &[
    "Gesprek over de voortgang. Klant is gemotiveerd en heeft twee sollicitaties verstuurd.",
    "Telefonisch contact: klant was ziek, afspraak verzet naar volgende week.",
    "Huisbezoek afgelegd. Woning op orde, klant zorgt voor moeder; mantelzorg kost veel tijd.",
    "Klant heeft schulden gemeld; aanmelding bij de Kredietbank besproken.",
    "Evaluatie traject: aanwezigheid goed, begeleider positief over inzet.",
    "Cv samen doorgenomen en aangepast. Klant zoekt werk in de logistiek.",
    "Klant mist structuur. Afgesproken: drie ochtenden per week vrijwilligerswerk.",
    "Taalniveau verbeterd naar A2. Klant wil doorstromen naar taaltraject werk.",
    "Klant is niet verschenen. Brief gestuurd met nieuwe uitnodiging.",
    "Gesprek met werkgever over proefplaatsing; start over twee weken mogelijk.",
];

const AGREEMENTS: &[&str] = &[
    "Cv bijwerken en mailen",
    "Drie sollicitaties per week",
    "Aanmelden bij de Kredietbank",
    "Huisarts bezoeken over slaapproblemen",
    "Inschrijven bij uitzendbureau",
    "Proefles taalcursus volgen",
    "Kinderopvang regelen",
    "Bewijsstukken inkomsten aanleveren",
];

const GOALS: &[(&str, Term)] = &[
    ("Binnen drie maanden een vaste dagstructuur", Term::Short),
    ("Schulden in beeld en een regeling getroffen", Term::Short),
    ("Taalniveau B1 halen", Term::Long),
    ("Betaald werk in de zorg", Term::Long),
    ("Vrijwilligerswerk twee dagdelen per week", Term::Short),
    ("Uitstroom naar werk van minstens 24 uur", Term::Long),
];

/// Which part of the journey a demo client is in.
#[derive(Clone, Copy)]
enum Scenario {
    Intake,
    Plan,
    Trajectory,
    Aftercare,
    Closed,
    ReEntry,
}

struct Gen<'a> {
    rng: ChaCha8Rng,
    today: NaiveDate,
    catalog: &'a Catalog,
    bsns: HashSet<String>,
}

/// Fills the store with `clients` demo clients, deterministically for `seed` and `today`.
pub fn generate(store: &mut Store, clients: usize, seed: u64, today: NaiveDate) -> Result<()> {
    let catalog = Catalog::builtin();
    let mut g = Gen {
        rng: ChaCha8Rng::seed_from_u64(seed),
        today,
        catalog: &catalog,
        bsns: HashSet::new(),
    };
    store.write(|tx| {
        for _ in 0..clients {
            g.client(tx)?;
        }
        Ok(())
    })
}

impl Gen<'_> {
    fn days_ago(&mut self, lo: i64, hi: i64) -> NaiveDate {
        let n = self.rng.random_range(lo..=hi);
        add_days(self.today, -n)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("non-empty list")
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p)
    }

    fn bsn(&mut self) -> Bsn {
        loop {
            let mut d = [0u32; 9];
            for x in d.iter_mut().take(8) {
                *x = self.rng.random_range(0..10);
            }
            let sum: u32 = (0..8).map(|i| (9 - i as u32) * d[i]).sum();
            let check = sum % 11;
            if check == 10 {
                continue;
            }
            d[8] = check;
            let s: String = d.iter().map(|x| char::from(b'0' + *x as u8)).collect();
            if let Ok(b) = Bsn::parse(&s)
                && self.bsns.insert(s)
            {
                return b;
            }
        }
    }

    fn person(&mut self) -> Person {
        let first = self.pick(FIRST);
        let prefix = self.pick(PREFIXES);
        let last = self.pick(LAST);
        let birth = self.days_ago(18 * 365, 64 * 365);
        let phone = format!("06-{:08}", self.rng.random_range(10_000_000..99_999_999u32));
        let email = format!(
            "{}.{}@example.nl",
            first.to_lowercase(),
            last.to_lowercase().replace(['ç', 'ö'], "o")
        );
        let address = if self.chance(0.8) {
            format!(
                "{} {}, {} {}",
                self.pick(STREETS),
                self.rng.random_range(1..200),
                1000 + self.rng.random_range(0..8999),
                "Zaanstad"
            )
        } else {
            String::new()
        };
        Person {
            bsn: self.bsn(),
            first_name: first.into(),
            prefix: prefix.into(),
            last_name: last.into(),
            birth_date: Some(birth),
            phone,
            email,
            address,
        }
    }

    fn client(&mut self, tx: &Tx) -> Result<()> {
        let scenario = match self.rng.random_range(0..100) {
            0..12 => Scenario::Intake,
            12..32 => Scenario::Plan,
            32..62 => Scenario::Trajectory,
            62..76 => Scenario::Aftercare,
            76..92 => Scenario::Closed,
            _ => Scenario::ReEntry,
        };
        let person = self.person();
        let client_id = tx.insert_client(&person)?;
        match scenario {
            Scenario::Intake => {
                let start = self.days_ago(3, 40);
                self.open_episode(tx, client_id, start, None, false, 0)?;
            }
            Scenario::Plan => {
                let start = self.days_ago(40, 700);
                self.open_episode(tx, client_id, start, None, true, 0)?;
            }
            Scenario::Trajectory => {
                let start = self.days_ago(60, 1100);
                let n = if self.chance(0.3) { 2 } else { 1 };
                self.open_episode(tx, client_id, start, None, true, n)?;
            }
            Scenario::Aftercare => {
                let exit = self.days_ago(1, 170);
                self.closed_episode(tx, client_id, exit, true)?;
            }
            Scenario::Closed => {
                let exit = self.days_ago(200, 1800);
                self.closed_episode(tx, client_id, exit, false)?;
            }
            Scenario::ReEntry => {
                let exit = self.days_ago(120, 900);
                let prev = self.closed_episode(tx, client_id, exit, false)?;
                let back = add_days(
                    exit,
                    self.rng
                        .random_range(20..100)
                        .min((self.today - exit).num_days() - 5),
                );
                let planned = self.chance(0.5);
                self.open_episode(tx, client_id, back, Some(prev), planned, 0)?;
            }
        }
        Ok(())
    }

    fn episode(
        &mut self,
        tx: &Tx,
        client_id: Id,
        start: NaiveDate,
        prev: Option<Id>,
    ) -> Result<Id> {
        let benefit_type = match self.rng.random_range(0..20) {
            0 => BenefitType::Ioaw,
            1 => BenefitType::Bbz,
            _ => BenefitType::Participatiewet,
        };
        tx.insert_episode(&Episode::open(client_id, start, benefit_type, prev))
    }

    /// An intake with an assessment, and a plan when `planned`.
    fn intake(&mut self, tx: &Tx, episode_id: Id, start: NaiveDate, planned: bool) -> Result<Rung> {
        let intake_date = add_days(start, self.rng.random_range(0..14)).min(self.today);
        let household = self.pick(Household::all());
        let mut barriers: Vec<Barrier> = Vec::new();
        for _ in 0..self.rng.random_range(0..4) {
            let b = self.pick(Barrier::all());
            if !barriers.contains(&b) {
                barriers.push(b);
            }
        }
        let plan_agreed_on =
            planned.then(|| add_days(intake_date, self.rng.random_range(7..21)).min(self.today));
        tx.save_intake(&Intake {
            episode_id,
            intake_date: Some(intake_date),
            household: Some(household),
            youngest_child_age: matches!(
                household,
                Household::SingleWithChildren | Household::CoupleWithChildren
            )
            .then(|| self.rng.random_range(0..17)),
            statushouder: self.chance(0.15),
            language_level: Some(self.pick(LanguageLevel::all())),
            education: Some(self.pick(Education::all())),
            work_experience: self
                .pick(&[
                    "",
                    "Schoonmaak, 3 jaar",
                    "Horeca, bijbaan",
                    "Magazijn, 5 jaar",
                    "Zorg, 2 jaar",
                ])
                .into(),
            distance: Some(if self.chance(0.45) {
                Distance::Short
            } else {
                Distance::Long
            }),
            barriers,
            motivation: "Wil graag weer aan het werk, liefst met mensen.".into(),
            why_not_working: "Lange tijd zorg voor familie; weinig recente werkervaring.".into(),
            strengths: "Betrouwbaar, handig, goed met mensen.".into(),
            pitfalls: "Weinig zelfvertrouwen bij sollicitaties.".into(),
            plan_agreed_on,
        })?;
        let rung = Rung::from_number(self.rng.random_range(1..=4)).unwrap_or(Rung::Isolated);
        let scores = LifeDomain::all()
            .iter()
            .map(|d| (*d, self.rng.random_range(1..=5u8)))
            .collect();
        tx.insert_assessment(&Assessment {
            id: 0,
            episode_id,
            assessed_on: intake_date,
            kind: AssessmentKind::Intake,
            rung: Some(rung),
            scores,
        })?;
        tx.insert_note(&Note {
            id: 0,
            episode_id,
            noted_on: intake_date,
            channel: Channel::InPerson,
            summary: "Intakegesprek gevoerd. Situatie op alle leefgebieden besproken.".into(),
            template: Some("intake".into()),
        })?;
        if planned {
            for _ in 0..self.rng.random_range(1..=3) {
                let (text, term) = self.pick(GOALS);
                tx.insert_goal(&Goal {
                    id: 0,
                    episode_id,
                    term,
                    text: text.into(),
                    target_date: Some(add_months(
                        intake_date,
                        if term == Term::Short { 3 } else { 12 },
                    )),
                    done_on: None,
                })?;
            }
        }
        Ok(rung)
    }

    fn agreements(&mut self, tx: &Tx, episode_id: Id, since: NaiveDate) -> Result<()> {
        for _ in 0..self.rng.random_range(1..=3) {
            let made = add_days(
                since,
                self.rng
                    .random_range(0..((self.today - since).num_days().max(1))),
            );
            let follow = add_days(self.today, self.rng.random_range(-12..40));
            let done = (follow < self.today && self.chance(0.6)).then_some(follow);
            tx.insert_agreement(&Agreement {
                id: 0,
                episode_id,
                note_id: None,
                text: self.pick(AGREEMENTS).into(),
                who: if self.chance(0.8) {
                    Who::Client
                } else {
                    Who::Caseworker
                },
                follow_up: Some(follow.max(made)),
                done_on: done,
            })?;
        }
        for _ in 0..self.rng.random_range(0..4) {
            let on = add_days(
                since,
                self.rng
                    .random_range(1..((self.today - since).num_days().max(2))),
            );
            tx.insert_note(&Note {
                id: 0,
                episode_id,
                noted_on: on,
                channel: self.pick(&[
                    Channel::InPerson,
                    Channel::Phone,
                    Channel::Phone,
                    Channel::Email,
                    Channel::HomeVisit,
                ]),
                summary: self.pick(NOTES).into(),
                template: None,
            })?;
        }
        Ok(())
    }

    fn open_episode(
        &mut self,
        tx: &Tx,
        client_id: Id,
        start: NaiveDate,
        prev: Option<Id>,
        planned: bool,
        trajectories: usize,
    ) -> Result<Id> {
        let ep = self.episode(tx, client_id, start, prev)?;
        let rung = self.intake(tx, ep, start, planned)?;
        if planned {
            self.agreements(tx, ep, start)?;
        } else if self.chance(0.6) {
            tx.insert_agreement(&Agreement {
                id: 0,
                episode_id: ep,
                note_id: None,
                text: "Plan van aanpak bespreken".into(),
                who: Who::Both,
                follow_up: Some(add_days(self.today, self.rng.random_range(-3..14))),
                done_on: None,
            })?;
        }
        for _ in 0..trajectories {
            self.running_trajectory(tx, ep, start, rung)?;
        }
        Ok(ep)
    }

    fn running_trajectory(&mut self, tx: &Tx, ep: Id, start: NaiveDate, rung: Rung) -> Result<Id> {
        let inst = self
            .pick(&self.catalog.instruments.iter().collect::<Vec<_>>())
            .clone();
        // Most running trajectories are within their planned duration; a few overrun.
        let span = i64::from(inst.duration_months) * 30 + if self.chance(0.1) { 60 } else { 0 };
        let started = self.chance(0.8);
        // A referral waits a few weeks at most before the trajectory starts.
        let span = if started { span.max(2) } else { 30 };
        let referred = add_days(self.today, -self.rng.random_range(1..=span))
            .max(add_days(start, 14))
            .min(self.today);
        let start_date =
            started.then(|| add_days(referred, self.rng.random_range(7..30)).min(self.today));
        let base = start_date.unwrap_or(referred);
        let planned_end = add_months(base, inst.duration_months);
        let mut next_review = add_months(base, inst.review_months);
        let mut reviews = Vec::new();
        // Reviews held on time; now and then the latest one is a few weeks overdue.
        let overdue_ok = add_days(self.today, -self.rng.random_range(0..30));
        while started && next_review < overdue_ok && reviews.len() < 12 {
            reviews.push(next_review);
            next_review = add_months(next_review, inst.review_months);
        }
        let id = tx.insert_trajectory(&Trajectory {
            id: 0,
            episode_id: ep,
            instrument: inst.key.clone(),
            instrument_name: inst.name_nl.clone(),
            provider: self.pick(PROVIDERS).into(),
            status: if started {
                TrajectoryStatus::Started
            } else {
                TrajectoryStatus::Referred
            },
            referred_on: referred,
            start_date,
            planned_end: Some(planned_end),
            ended_on: None,
            goal: "Stap richting werk".into(),
            cost_cents: self
                .chance(0.6)
                .then(|| i64::from(self.rng.random_range(5..60u32)) * 10_000),
            funding: if self.chance(0.5) {
                "Participatiebudget".into()
            } else {
                String::new()
            },
            review_interval_months: inst.review_months,
            next_review: Some(next_review),
            result: None,
            stop_reason: None,
        })?;
        tx.insert_trajectory_event(&TrajectoryEvent {
            id: 0,
            trajectory_id: id,
            on_date: referred,
            status: TrajectoryStatus::Referred,
            note: String::new(),
        })?;
        if let Some(s) = start_date {
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: id,
                on_date: s,
                status: TrajectoryStatus::Started,
                note: String::new(),
            })?;
        }
        let mut current = rung;
        for (i, on) in reviews.iter().enumerate() {
            let assessment_id = if self.chance(0.5) && current < Rung::PaidWork {
                current = Rung::from_number(i64::from(current.number()) + 1).unwrap_or(current);
                Some(tx.insert_assessment(&Assessment {
                    id: 0,
                    episode_id: ep,
                    assessed_on: *on,
                    kind: AssessmentKind::Review,
                    rung: Some(current),
                    scores: Vec::new(),
                })?)
            } else {
                None
            };
            let next = reviews.get(i + 1).copied().unwrap_or(next_review);
            tx.insert_review(&Review {
                id: 0,
                trajectory_id: id,
                reviewed_on: *on,
                progress: "Voortgang besproken met klant en aanbieder.".into(),
                assessment_id,
                next_review: Some(next),
            })?;
        }
        Ok(id)
    }

    /// An episode that ended; `recent` exits are to work with aftercare running.
    fn closed_episode(
        &mut self,
        tx: &Tx,
        client_id: Id,
        exit: NaiveDate,
        recent: bool,
    ) -> Result<Id> {
        let start = add_days(exit, -self.rng.random_range(90..1500));
        let ep = self.episode(tx, client_id, start, None)?;
        let rung = self.intake(tx, ep, start, true)?;
        // A trajectory that led somewhere.
        let inst = self
            .pick(&self.catalog.instruments.iter().collect::<Vec<_>>())
            .clone();
        let t_start = add_days(start, 30).min(exit);
        let t_end = add_months(t_start, inst.duration_months).min(exit);
        let reason = if recent {
            self.pick(&[
                ExitReason::WorkEmployment,
                ExitReason::WorkEmployment,
                ExitReason::WorkWageSubsidy,
                ExitReason::WorkSelfEmployed,
            ])
        } else {
            self.pick(&[
                ExitReason::WorkEmployment,
                ExitReason::WorkEmployment,
                ExitReason::WorkEmployment,
                ExitReason::Study,
                ExitReason::OtherMoved,
                ExitReason::OtherOtherBenefit,
                ExitReason::OtherEnforcement,
                ExitReason::OtherUnknown,
                ExitReason::ExcludedStatePension,
                ExitReason::WorkPartnerIncome,
            ])
        };
        let to_work = reason.category() == ExitCategory::Work;
        let result = if to_work {
            TrajectoryResult::Work
        } else {
            TrajectoryResult::NoResult
        };
        let tid = tx.insert_trajectory(&Trajectory {
            id: 0,
            episode_id: ep,
            instrument: inst.key.clone(),
            instrument_name: inst.name_nl.clone(),
            provider: self.pick(PROVIDERS).into(),
            status: TrajectoryStatus::Completed,
            referred_on: t_start,
            start_date: Some(t_start),
            planned_end: Some(add_months(t_start, inst.duration_months)),
            ended_on: Some(t_end),
            goal: "Uitstroom naar werk".into(),
            cost_cents: None,
            funding: String::new(),
            review_interval_months: inst.review_months,
            next_review: None,
            result: Some(result),
            stop_reason: None,
        })?;
        for (on, st) in [
            (t_start, TrajectoryStatus::Referred),
            (t_start, TrajectoryStatus::Started),
            (t_end, TrajectoryStatus::Completed),
        ] {
            tx.insert_trajectory_event(&TrajectoryEvent {
                id: 0,
                trajectory_id: tid,
                on_date: on,
                status: st,
                note: String::new(),
            })?;
        }
        if to_work && rung < Rung::PaidWork {
            tx.insert_assessment(&Assessment {
                id: 0,
                episode_id: ep,
                assessed_on: exit,
                kind: AssessmentKind::Review,
                rung: Some(Rung::PaidWork),
                scores: Vec::new(),
            })?;
        }
        let last_payment = add_days(exit, self.rng.random_range(0..60));
        tx.close_episode(&Episode {
            id: ep,
            client_id,
            benefit_start: start,
            benefit_type: BenefitType::Participatiewet,
            exit_date: Some(exit),
            last_payment_date: Some(last_payment),
            exit_reason: Some(reason),
            previous_episode_id: None,
        })?;
        if !reason.counts_as_exit() {
            return Ok(ep);
        }
        let contract = if to_work {
            Some(self.pick(&[
                ContractType::Permanent,
                ContractType::Temporary,
                ContractType::Temporary,
                ContractType::Agency,
                ContractType::OnCall,
            ]))
        } else {
            None
        };
        let contract = if reason == ExitReason::WorkSelfEmployed {
            Some(ContractType::SelfEmployed)
        } else {
            contract
        };
        let contract_end = contract
            .filter(|c| {
                matches!(
                    c,
                    ContractType::Temporary | ContractType::Agency | ContractType::OnCall
                )
            })
            .map(|_| add_months(exit, self.pick(&[6, 7, 12])));
        let mode = if to_work {
            self.pick(&[
                AftercareMode::Active,
                AftercareMode::Active,
                AftercareMode::Passive,
                AftercareMode::Declined,
            ])
        } else {
            AftercareMode::Declined
        };
        let mode = if recent && mode == AftercareMode::Declined {
            AftercareMode::Active
        } else {
            mode
        };
        let months_on = crate::domain::date::months_between(start, exit);
        let premium = to_work && months_on > 24 && self.chance(0.7);
        let checklist = [
            "congratulate",
            "finances",
            "benefit_end",
            "allowances",
            "provisions",
            "reapply",
            "contact",
            "aftercare",
            "premium",
            "leaflet",
        ]
        .iter()
        .map(|k| ChecklistEntry {
            item: (*k).into(),
            discussed: to_work,
            note: String::new(),
        })
        .collect();
        tx.insert_exit_interview(&ExitInterview {
            episode_id: ep,
            held_on: exit,
            employer: if to_work {
                self.pick(EMPLOYERS).into()
            } else {
                String::new()
            },
            job_title: if to_work {
                self.pick(JOBS).into()
            } else {
                String::new()
            },
            contract_type: contract,
            contract_end,
            hours_per_week: to_work.then(|| self.pick(&[16u8, 24, 32, 36, 38, 40])),
            independence: to_work.then_some(Independence::Full),
            found_via: to_work.then_some(FoundVia::Trajectory),
            found_via_trajectory_id: to_work.then_some(tid),
            first_work_day: to_work.then(|| add_days(exit, 1)),
            study_end: (reason == ExitReason::Study).then(|| add_months(exit, 24)),
            aftercare_offer: mode,
            aftercare_consent: mode != AftercareMode::Declined,
            premium_scheme: premium.then(|| "two_instalments".into()),
            premium_granted: premium,
            checklist,
        })?;
        if premium {
            for seq in 1..=2u32 {
                let due = add_months(exit, (seq - 1) * 6);
                tx.insert_instalment(&PremiumInstalment {
                    id: 0,
                    episode_id: ep,
                    scheme: "two_instalments".into(),
                    seq,
                    due_on: due,
                    amount_cents: 50_000,
                    paid_on: (due <= self.today).then_some(due),
                    cancelled_on: None,
                })?;
            }
        }
        if mode == AftercareMode::Declined {
            return Ok(ep);
        }
        let ends = add_months(exit, 6);
        let finished = ends <= self.today;
        let plan_id = tx.insert_aftercare_plan(&AftercarePlan {
            id: 0,
            episode_id: ep,
            mode,
            consent: true,
            starts_on: exit,
            ends_on: ends,
            status: if finished {
                PlanStatus::Completed
            } else {
                PlanStatus::Active
            },
            end_reason: None,
            ended_on: finished.then_some(ends),
            extended: false,
            flagged: false,
        })?;
        let schedule: Vec<(NaiveDate, ContactKind)> = match mode {
            AftercareMode::Active => vec![
                (add_days(exit, 1), ContactKind::Scheduled),
                (add_days(exit, 7), ContactKind::Scheduled),
                (add_days(exit, 14), ContactKind::Scheduled),
                (add_days(exit, 28), ContactKind::Scheduled),
                (add_months(exit, 3), ContactKind::Scheduled),
                (ends, ContactKind::Closing),
            ],
            _ => vec![(ends, ContactKind::Closing)],
        };
        for (on, kind) in schedule {
            let mut c = AftercareContact::planned(plan_id, on, kind, 1);
            // Older contacts were held; one of the last weeks may still be waiting.
            if on < self.today && (finished || on < add_days(self.today, -21) || self.chance(0.5)) {
                c.status = ContactStatus::Done;
                c.done_on = Some(on);
                c.channel = Some(Channel::Phone);
                c.how_is_work = "Gaat goed, fijne collega's.".into();
                c.running_into = if self.chance(0.3) {
                    "Reistijd is lang.".into()
                } else {
                    String::new()
                };
                c.still_working = Some(StillWorking::SameEmployer);
                c.hours_changed = Some(false);
                c.balance_ok = Some(self.chance(0.8));
                c.risk = Some(self.pick(&[Risk::Low, Risk::Low, Risk::Medium]));
                if c.balance_ok == Some(false) {
                    c.referrals = vec![ReferralKind::DebtHelp];
                }
            }
            tx.insert_contact(&c)?;
        }
        Ok(ep)
    }
}
