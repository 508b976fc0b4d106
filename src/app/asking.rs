//! The questions the app asks in a popup: a workflow's question (a known client, a
//! jobhunter to assign), whether to continue a waiting draft, to undo the last change, to
//! extend aftercare, to take back a premium paid; each answer's effect is in
//! [`super::questions`].

use super::action::{Answer, Then};
use super::confirm::Confirm;
use super::effect::Effect;
use super::layer::Layer;
use super::state::State;
use super::workflows::{Prompt, aftercare_runs};
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, PremiumInstalment, client_number};
use crate::domain::money::fmt_euro;
use crate::i18n::{t, tf};

/// "no. 1 (€ 500,00, paid 30-11-2026)": an instalment and what was recorded of it.
fn settled(i: &PremiumInstalment, lang: crate::i18n::Lang) -> String {
    use crate::domain::premium_pay::InstalmentState;
    let (key, on) = match i.state() {
        InstalmentState::Forfeited(d, _) => ("premium_pay.settled_forfeited", d),
        InstalmentState::Paid(d) => ("premium_pay.settled_paid", d),
        _ => ("premium_pay.settled_paid", i.due_on),
    };
    tf(
        lang,
        key,
        &[
            ("n", &i.seq),
            ("amount", &fmt_euro(i.amount_cents, lang)),
            ("date", &fmt_date(on)),
        ],
    )
}

impl State {
    /// Turns a workflow's question into a popup.
    pub(super) fn ask(&mut self, prompt: Prompt) -> Vec<Effect> {
        let lang = self.lang;
        let c = match prompt {
            Prompt::KnownClient(k) if k.handed_to.is_some() => Confirm::new(
                t(lang, "known.title"),
                tf(
                    lang,
                    "known.handed_over",
                    &[
                        ("name", &k.name),
                        ("number", &client_number(k.id)),
                        ("to", &k.handed_to.unwrap_or_default()),
                    ],
                ),
            ),
            Prompt::KnownClient(k) => {
                let number = client_number(k.id);
                let mut c = Confirm::new(
                    t(lang, "known.title"),
                    tf(
                        lang,
                        "known.message",
                        &[("name", &k.name), ("number", &number)],
                    ),
                )
                .choice(
                    Answer::Open,
                    t(lang, "known.open"),
                    Then::OpenClient(k.id),
                );
                if !k.on_benefit {
                    c = c.choice(
                        Answer::Episode,
                        t(lang, "known.new_episode"),
                        Then::NewEpisodeFor(k.id),
                    );
                }
                c
            }
            Prompt::Jobhunter { episode_id } => Confirm::new(
                t(lang, "checkin.jobhunter_title"),
                t(lang, "aftercare_rule.propose_jobhunter"),
            )
            .choice(
                Answer::Jobhunter,
                t(lang, "checkin.jobhunter_yes"),
                Then::AssignJobhunter(episode_id),
            ),
        };
        self.layers.push(Layer::Confirm(c));
        Vec::new()
    }

    /// The question whether to continue the draft that waits for the form just opened.
    pub(super) fn ask_draft(&mut self, when: &str) {
        let lang = self.lang;
        let when = crate::domain::date::fmt_stamp(when);
        self.layers.push(Layer::Confirm(
            Confirm::new(
                t(lang, "draft.title"),
                tf(lang, "draft.waiting", &[("when", &when)]),
            )
            .choice(Answer::Yes, t(lang, "draft.resume"), Then::ResumeDraft)
            .choice(Answer::Fresh, t(lang, "draft.fresh"), Then::FreshForm)
            // Cancel leaves the form; the draft waits on.
            .on_cancel(Then::LeaveKeepDraft),
        ));
    }

    /// Asks whether to undo the last change of the session, saying what it was.
    pub(super) fn ask_undo(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(last) = self.changes.undo.last() else {
            self.error(t(lang, "change.nothing_to_undo"));
            return Vec::new();
        };
        let message = tf(lang, "change.undo_message", &[("what", &last.what)]);
        let confirm = Confirm::new(t(lang, "change.undo_title"), message).choice(
            Answer::Yes,
            t(lang, "change.undo_yes"),
            Then::Undo(last.set),
        );
        self.layers.push(Layer::Confirm(confirm));
        Vec::new()
    }

    /// `E`: asks whether to extend the client's plan to the configured length.
    pub(super) fn ask_extend(&mut self) -> Vec<Effect> {
        let lang = self.lang;
        let Some(file) = self.caseload.file.as_ref().filter(|f| aftercare_runs(f)) else {
            return Vec::new();
        };
        let Some(plan) = file.aftercare.as_ref().and_then(|a| a.plan.clone()) else {
            return Vec::new();
        };
        let months = self.assets.aftercare.extension_months;
        let name = file.client.person.full_name();
        self.layers.push(Layer::Confirm(
            Confirm::new(
                t(lang, "checkin.extend_title"),
                tf(
                    lang,
                    "checkin.extend_message",
                    &[
                        ("name", &name),
                        ("months", &months),
                        ("date", &fmt_date(plan.ends_on)),
                    ],
                ),
            )
            .choice(
                Answer::Yes,
                tf(lang, "checkin.extend_yes", &[("months", &months)]),
                Then::Extend(plan.id),
            ),
        ));
        Vec::new()
    }

    /// `U`: which payment or forfeit of a client to take back? The one recorded last on
    /// Enter, any other by its number (a number once: an earlier period's instalment of
    /// the same number is not offered).
    pub(super) fn ask_take_back(&mut self, client: Id, done: &[PremiumInstalment]) {
        let lang = self.lang;
        let Some(last) = done.first() else {
            return self.info(t(lang, "premium_pay.nothing_to_take_back"));
        };
        let name = self
            .caseload
            .file
            .as_ref()
            .filter(|f| f.client.id == client)
            .map(|f| f.client.person.full_name())
            .unwrap_or_default();
        let yes = |i: &PremiumInstalment| {
            tf(
                lang,
                "premium_pay.take_back_yes",
                &[("what", &settled(i, lang))],
            )
        };
        let mut c = Confirm::new(
            t(lang, "premium_pay.take_back_title"),
            tf(
                lang,
                "premium_pay.take_back_message",
                &[("name", &name), ("what", &settled(last, lang))],
            ),
        )
        .choice(Answer::Yes, yes(last), Then::TakeBack(last.id));
        let mut used = vec![last.seq];
        for i in done.iter().skip(1) {
            let Ok(n) = u8::try_from(i.seq) else { continue };
            if !(1..=9).contains(&n) || used.contains(&i.seq) {
                continue;
            }
            used.push(i.seq);
            c = c.choice(Answer::Number(n), yes(i), Then::TakeBack(i.id));
        }
        self.layers.push(Layer::Confirm(c));
    }
}
