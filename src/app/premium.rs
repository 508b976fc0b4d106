//! The exit premium from the keyboard: paying an instalment (Enter on it in the agenda, `P`
//! in the client file) with the pay form, and taking back a payment or forfeit recorded in
//! error (`U` in the client file, after asking).

use super::App;
use super::action::Action;
use super::confirm::Confirm;
use super::flows::Flow;
use super::flows::premium_pay::PayFlow;
use crate::domain::date::fmt_date;
use crate::domain::model::{Id, PremiumInstalment};
use crate::domain::money::fmt_euro;
use crate::domain::premium_pay::InstalmentState;
use crate::i18n::{Lang, t, tf};
use ratatui::crossterm::event::KeyCode;

/// "no. 1 (€ 500,00, paid 30-11-2026)": an instalment and what was recorded of it.
fn settled(i: &PremiumInstalment, lang: Lang) -> String {
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

impl App {
    /// Opens the pay form of an instalment, or of the open instalment of the client in the
    /// file that is due first.
    pub(super) fn pay_premium(&mut self, instalment: Option<Id>) {
        let lang = self.lang;
        let id = match instalment {
            Some(id) => Some(id),
            None => {
                let Some(client) = self.file.as_ref().map(|f| f.client.id) else {
                    return;
                };
                match self.store.next_open_instalment(client) {
                    Ok(id) => id,
                    Err(e) => return self.error(&e.user_message(lang)),
                }
            }
        };
        let Some(id) = id else {
            return self.info(t(lang, "premium_pay.none_open"));
        };
        let cx = match self.store.instalment_context(id) {
            Ok(Some(cx)) => cx,
            Ok(None) => return self.info(t(lang, "exit_rule.instalment_unknown")),
            Err(e) => return self.error(&e.user_message(lang)),
        };
        if let Some(key) = crate::domain::premium_pay::not_open(&cx.instalment) {
            return self.info(t(lang, key));
        }
        let (form, flow) = PayFlow::form(cx, &self.flow_cx());
        self.open_form(form, Flow::Pay(flow));
    }

    /// `U`: which payment or forfeit of the client in the file to take back? The one
    /// recorded last on Enter, any on its number.
    pub(super) fn ask_take_back(&mut self) {
        let lang = self.lang;
        let Some((client, name)) = self
            .file
            .as_ref()
            .map(|f| (f.client.id, f.client.person.full_name()))
        else {
            return;
        };
        let done = match self.store.settled_instalments(client) {
            Ok(d) => d,
            Err(e) => return self.error(&e.user_message(lang)),
        };
        let Some(last) = done.first() else {
            return self.info(t(lang, "premium_pay.nothing_to_take_back"));
        };
        let mut confirm = Confirm::new(
            t(lang, "premium_pay.take_back_title"),
            tf(
                lang,
                "premium_pay.take_back_message",
                &[("name", &name), ("what", &settled(last, lang))],
            ),
        )
        .choice(
            KeyCode::Enter,
            tf(
                lang,
                "premium_pay.take_back_yes",
                &[("what", &settled(last, lang))],
            ),
            Action::TakeBack(last.id),
        );
        // The others by their number, in case the one in error is not the last (a number
        // once: an earlier period's instalment of the same number is not offered).
        let mut used = vec![last.seq];
        for i in done.iter().skip(1) {
            let Some(key) = char::from_digit(i.seq, 10).filter(|_| !used.contains(&i.seq)) else {
                continue;
            };
            used.push(i.seq);
            confirm = confirm.choice(
                KeyCode::Char(key),
                tf(
                    lang,
                    "premium_pay.take_back_yes",
                    &[("what", &settled(i, lang))],
                ),
                Action::TakeBack(i.id),
            );
        }
        self.confirm = Some(confirm);
    }

    /// Takes the payment or forfeit back (the popup's answer): the instalment is due again.
    pub(super) fn take_back(&mut self, id: Id) {
        let lang = self.lang;
        let client = self.store.instalment_context(id).ok().flatten();
        match self.store.take_back_instalment(id) {
            Ok(back) => {
                if let Some(cx) = client {
                    self.refresh_client(cx.client_id);
                }
                let key = if back.cancelled_on.is_some() {
                    "premium_pay.taken_back_cancelled"
                } else {
                    "premium_pay.taken_back"
                };
                self.info(&tf(lang, key, &[("n", &back.seq)]));
            }
            Err(e) => self.error(&e.user_message(lang)),
        }
    }
}
