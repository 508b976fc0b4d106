//! The keymap and the catalogues: every action has a key and a description; both
//! languages have exactly the same texts; every code has a label.

use caseload::app::action::ActionKind;
use caseload::domain::Phase;
use caseload::domain::agenda::ItemKind;
use caseload::domain::codes::*;
use caseload::i18n::{Lang, flatten, has, source};
use caseload::keymap::KEYMAP;
use std::collections::BTreeSet;
use strum::IntoEnumIterator;

#[test]
fn every_reachable_action_has_a_key_and_a_description() {
    for kind in ActionKind::iter().filter(|k| !k.is_internal()) {
        let bound: Vec<_> = KEYMAP
            .iter()
            .filter(|b| ActionKind::from(&b.action) == kind)
            .collect();
        assert!(!bound.is_empty(), "{kind:?} has no key");
        for b in bound {
            for lang in [Lang::Nl, Lang::En] {
                assert!(
                    has(lang, b.desc),
                    "{kind:?}: {} missing in {lang:?}",
                    b.desc
                );
                assert!(
                    has(lang, b.group),
                    "{kind:?}: {} missing in {lang:?}",
                    b.group
                );
            }
        }
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    for (i, a) in KEYMAP.iter().enumerate() {
        for b in &KEYMAP[i + 1..] {
            assert!(
                !(a.mode == b.mode && a.key == b.key),
                "{:?} {:?} bound twice",
                a.mode,
                a.key
            );
        }
    }
}

#[test]
fn both_catalogues_have_exactly_the_same_keys() {
    let nl: BTreeSet<String> = flatten(source(Lang::Nl)).unwrap().into_keys().collect();
    let en: BTreeSet<String> = flatten(source(Lang::En)).unwrap().into_keys().collect();
    let only_nl: Vec<_> = nl.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&nl).collect();
    assert!(
        only_nl.is_empty() && only_en.is_empty(),
        "only nl: {only_nl:?}\nonly en: {only_en:?}"
    );
}

fn labels<T: Code + std::fmt::Debug>() {
    for v in T::all() {
        for lang in [Lang::Nl, Lang::En] {
            let key = format!("{}.{}", T::KIND, v.code());
            assert!(has(lang, &key), "{key} missing in {lang:?}");
        }
    }
}

#[test]
fn every_code_has_a_label_in_both_languages() {
    labels::<BenefitType>();
    labels::<Household>();
    labels::<LanguageLevel>();
    labels::<Education>();
    labels::<Distance>();
    labels::<Barrier>();
    labels::<LifeDomain>();
    labels::<AssessmentKind>();
    labels::<Term>();
    labels::<Who>();
    labels::<Channel>();
    labels::<TrajectoryStatus>();
    labels::<TrajectoryResult>();
    labels::<InstrumentCategory>();
    labels::<ExitCategory>();
    labels::<ExitReason>();
    labels::<ContractType>();
    labels::<Independence>();
    labels::<FoundVia>();
    labels::<AftercareMode>();
    labels::<PlanStatus>();
    labels::<AftercareEndReason>();
    labels::<ContactKind>();
    labels::<ContactStatus>();
    labels::<StillWorking>();
    labels::<Risk>();
    labels::<ReferralKind>();
    labels::<Rung>();
    labels::<Phase>();
    labels::<ItemKind>();
    for s in 1..=5u8 {
        assert_ne!(score_label(s, Lang::Nl), "[?]");
        assert_ne!(score_label(s, Lang::En), "[?]");
    }
}
