//! The data files a municipality may replace: the instrument catalogue and the note
//! templates, built in, overridden, broken (file, line, what; the built-in file is used),
//! and old records that stay readable when an override drops an instrument.

use crate::common;

use caseload::assets::Assets;
use caseload::domain::Bsn;
use caseload::domain::catalog::{BUILTIN, Catalog};
use caseload::domain::codes::*;
use caseload::domain::model::*;
use caseload::domain::templates::Templates;
use caseload::domain::timeline::{TimelineFilter, TimelineKind};
use caseload::domain::timeline_text::TextContext;
use caseload::domain::trajectory::{Assignment, instrument_label};
use caseload::i18n::Lang;
use caseload::store::Store;
use common::date;

/// The instruments of domain.md, in its order.
const DOMAIN_KEYS: [&str; 24] = [
    "jobhunter",
    "work_first",
    "job_application_training",
    "empowerment",
    "intensive_guidance",
    "fip",
    "work_experience",
    "trial_placement",
    "training_on_the_job",
    "education",
    "participation_place",
    "volunteering",
    "social_activation",
    "day_activities",
    "language_participation",
    "language_work",
    "job_coaching",
    "wage_subsidy",
    "sheltered_work",
    "secondment",
    "self_employment",
    "ips",
    "debt_help",
    "social_work",
];

const BUURTBAAN: &str = "[[instrument]]\nkey = \"buurtbaan\"\nname_nl = \"Buurtbaan\"\nname_en = \"Neighbourhood job\"\ncategory = \"activation\"\nduration_months = 6\nreview_months = 2\ntarget_rung = 4\ndescription_nl = \"Werken in de eigen wijk.\"\ndescription_en = \"Working in one's own neighbourhood.\"\n";

#[test]
fn the_builtin_catalogue_has_every_instrument_of_the_domain_complete() {
    let c = Catalog::parse(BUILTIN).unwrap();
    let keys: Vec<&str> = c.instruments.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(keys, DOMAIN_KEYS);
    for i in &c.instruments {
        for text in [&i.name_nl, &i.name_en, &i.description_nl, &i.description_en] {
            assert!(!text.trim().is_empty(), "{}", i.key);
            assert!(!text.contains('\n'), "{}: one line", i.key);
        }
        assert!((1..=60).contains(&i.duration_months), "{}", i.key);
        assert!((1..=24).contains(&i.review_months), "{}", i.key);
        assert!(i.target().is_some(), "{}", i.key);
    }
    let fip = c.get("fip").unwrap();
    assert_eq!(fip.duration_months, 24, "FIP runs two years");
    assert!(fip.review_months <= 3, "FIP: at least quarterly");
    assert_eq!(
        c.get("debt_help").unwrap().category(),
        InstrumentCategory::Referral
    );
    assert_eq!(
        c.get("job_coaching").unwrap().category(),
        InstrumentCategory::WorkWithSupport
    );
    // Most instruments keep the common three-month review rhythm.
    let quarterly = c
        .instruments
        .iter()
        .filter(|i| i.review_months == 3)
        .count();
    assert!(quarterly >= 12, "{quarterly}");
}

#[test]
fn a_valid_override_replaces_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("instruments.toml"), BUURTBAAN).unwrap();
    let a = Assets::load(Some(dir.path()));
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
    assert_eq!(a.catalog.instruments.len(), 1);
    let b = a.catalog.get("buurtbaan").unwrap();
    assert_eq!(b.review_months, 2);
    assert_eq!(b.target(), Some(Rung::UnpaidWork));
    assert_eq!(b.description(Lang::Nl), "Werken in de eigen wijk.");
    assert!(a.catalog.get("jobhunter").is_none());
}

#[test]
fn a_broken_override_names_file_line_and_what_and_the_builtin_is_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("instruments.toml");
    // (text, line, what)
    let cases: Vec<(String, usize, &str)> = vec![
        (BUURTBAAN.replace("= 6\n", "= \"six\"\n"), 6, "invalid type"),
        (
            BUURTBAAN.replace("activation", "leisure"),
            5,
            "unknown category \"leisure\"",
        ),
        (
            BUURTBAAN.replace("review_months = 2", "review_months = 0"),
            7,
            "review_months must be 1 to 24",
        ),
        (
            BUURTBAAN.replace("target_rung = 4", "target_rung = 7"),
            8,
            "target_rung must be 1 to 6",
        ),
        (
            BUURTBAAN.replace("duration_months = 6", "duration_months = 61"),
            6,
            "duration_months must be 1 to 60",
        ),
        (
            BUURTBAAN.replace("name_en = \"Neighbourhood job\"", "name_en = \"\""),
            4,
            "name_en is empty",
        ),
        (
            BUURTBAAN.replace("description_en", "omschrijving"),
            10,
            "unknown field `omschrijving`",
        ),
        (
            BUURTBAAN.replace("key = \"buurtbaan\"\n", ""),
            1,
            "missing field `key`",
        ),
        (
            format!("{BUURTBAAN}\n{BUURTBAAN}"),
            13,
            "\"buurtbaan\" appears twice",
        ),
        (BUURTBAAN.replace("[[instrument]]", "[[instrument]"), 1, ""),
        ("# nothing here\n".into(), 1, "missing field `instrument`"),
    ];
    for (text, line, what) in cases {
        std::fs::write(&path, &text).unwrap();
        let a = Assets::load(Some(dir.path()));
        assert_eq!(a.catalog.instruments.len(), 24, "built-in used for\n{text}");
        assert_eq!(a.warnings.len(), 1);
        let w = &a.warnings[0];
        let want = format!("{}: line {line}: ", path.display());
        assert!(w.starts_with(&want), "{w}\nwanted {want}\nfor\n{text}");
        assert!(w.contains(what), "{w}");
        assert!(w.ends_with("using the built-in instruments.toml"), "{w}");
    }
}

#[test]
fn note_templates_builtin_override_and_broken() {
    let t = Templates::parse(caseload::domain::templates::BUILTIN).unwrap();
    assert!(t.templates.len() >= 4);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note_templates.toml");
    std::fs::write(
        &path,
        "[[template]]\nkey = \"spreekuur\"\nname_nl = \"Spreekuur\"\nname_en = \"Drop-in\"\nchannel = \"in_person\"\ntext_nl = \"Aanleiding\\nBesproken\\nAfspraken\\n\"\ntext_en = \"Reason\"\nfollow_up = \"+1w\"\n",
    )
    .unwrap();
    let a = Assets::load(Some(dir.path()));
    assert!(a.warnings.is_empty());
    let n = a
        .templates
        .get("spreekuur")
        .unwrap()
        .prefill(Lang::Nl, date(2026, 12, 28));
    assert_eq!(n.agreements[0].follow_up, Some(date(2027, 1, 4)));
    assert_eq!(n.agreements[0].text, "Spreekuur");
    std::fs::write(&path, "[[template]]\nkey = \"x\"\nname_nl = \"X\"\nname_en = \"X\"\nchannel = \"telegram\"\ntext_nl = \"\"\ntext_en = \"\"\n").unwrap();
    let a = Assets::load(Some(dir.path()));
    assert_eq!(a.templates, Assets::builtin().templates);
    let w = &a.warnings[0];
    assert!(
        w.starts_with(&format!("{}: line 5: ", path.display())),
        "{w}"
    );
    assert!(w.contains("unknown channel \"telegram\""), "{w}");
}

#[test]
fn an_instrument_the_override_lacks_stays_readable_in_old_records() {
    let mut store = Store::open_in_memory().unwrap();
    let ep = store
        .write(|tx| {
            let c = tx.insert_client(&Person {
                bsn: Bsn::parse("123456782").unwrap(),
                first_name: "Ahmed".into(),
                prefix: String::new(),
                last_name: "Yilmaz".into(),
                birth_date: None,
                phone: String::new(),
                email: String::new(),
                address: String::new(),
            })?;
            tx.insert_episode(&Episode {
                id: 0,
                client_id: c,
                benefit_start: date(2026, 1, 5),
                benefit_type: BenefitType::Participatiewet,
                exit_date: None,
                last_payment_date: None,
                exit_reason: None,
                previous_episode_id: None,
            })
        })
        .unwrap();
    let builtin = Catalog::builtin();
    let inst = builtin.get("jobhunter").unwrap();
    let id = store
        .assign_trajectory(
            ep,
            &Assignment::for_instrument(inst, Lang::Nl, date(2026, 2, 1), None),
        )
        .unwrap();
    // The municipality's own catalogue no longer has the jobhunter.
    let own = Catalog::parse(BUURTBAAN).unwrap();
    let t = store.trajectory(id).unwrap().unwrap();
    assert_eq!(t.instrument, "jobhunter");
    assert_eq!(instrument_label(&t, &own, Lang::En), "Jobhunter");
    assert_eq!(instrument_label(&t, &builtin, Lang::En), "Jobhunter");
    // The open review and the timeline still name it.
    let client = store.episode(ep).unwrap().unwrap().client_id;
    let items = store.open_items_of(client).unwrap();
    assert!(items.iter().any(|i| i.detail == "Jobhunter"), "{items:?}");
    let templates = Templates::builtin();
    let cx = TextContext {
        lang: Lang::En,
        catalog: &own,
        templates: &templates,
    };
    let line = store
        .timeline(client, TimelineFilter::only(TimelineKind::Status))
        .unwrap()[0]
        .headline(&cx);
    assert_eq!(line, "Jobhunter: Referred");
}
