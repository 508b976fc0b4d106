//! Withdrawing an exit recorded in error (`W` in the client file): with a reason, the
//! benefit period is open again, the exit interview goes with its aftercare plan and open
//! premium instalments, and the exit counts nowhere; the history keeps it with the reason
//! and `u` brings it back. Refused while a payment or a check-in is recorded.

use super::fields::l;
use super::{Committed, Cx, Facts, FormKind, Opened, Start, Workflow, read_failed};
use crate::domain::codes::Code;
use crate::domain::date::fmt_date;
use crate::domain::model::Id;
use crate::form::key::{Info, Text};
use crate::form::{Form, Key, check};
use crate::i18n::tf;
use crate::store::{Store, Tx};

const WHAT: Key<Info> = Key::new("what");
const REASON: Key<Text> = Key::new("reason");

/// Withdrawing the exit of one benefit period.
pub struct ExitWithdrawFlow {
    client_id: Id,
    episode_id: Id,
}

/// The form on the period of the start (`None`: the client's latest): what the exit was,
/// what goes with it, and why it was recorded in error.
pub fn open(start: &Start, store: &Store, cx: &Cx) -> Result<Opened, String> {
    let lang = cx.lang;
    let read = |e| read_failed(e, lang);
    let episode_id = super::exited_period(start, store, lang)?;
    // Said before any typing: what the save would refuse.
    if let Some(key) = store.exit_withdraw_problem(episode_id).map_err(read)? {
        return Err(l(lang, key));
    }
    let stored = store
        .episode(episode_id)
        .map_err(read)?
        .ok_or_else(|| l(lang, "exit_edit.gone"))?;
    let (Some(date), Some(reason)) = (stored.exit_date, stored.exit_reason) else {
        return Err(l(lang, "exit_edit.no_exit"));
    };
    let what = tf(
        lang,
        "exit_withdraw.describe",
        &[("date", &fmt_date(date)), ("reason", &reason.label(lang))],
    );
    let title = l(lang, "exit_withdraw.title");
    let fields = vec![
        WHAT.field(l(lang, "exit_withdraw.what"), 0),
        REASON.field(l(lang, "exit_withdraw.reason"), 0).required(),
    ];
    let mut form = Form::new(title.clone(), vec![title], fields, cx.today);
    form.set_note(WHAT, Some(what));
    form.focus_on(REASON);
    Ok(Opened {
        form,
        flow: Box::new(ExitWithdrawFlow {
            client_id: stored.client_id,
            episode_id,
        }),
    })
}

impl Workflow for ExitWithdrawFlow {
    fn kind(&self) -> FormKind {
        FormKind::ExitWithdraw
    }

    fn subject(&self) -> Id {
        self.client_id
    }

    fn check(&mut self, form: &mut Form, _: &Facts, cx: &Cx) {
        check::basics(form, cx.lang);
    }

    /// Withdraws the exit, the reason kept in the change log.
    fn commit(&self, form: &Form, tx: &Tx, cx: &Cx) -> crate::store::Result<Committed> {
        tx.withdraw_exit(self.episode_id, form.get(REASON).trim())?;
        Ok(Committed::new(
            self.client_id,
            l(cx.lang, "exit_withdraw.done"),
        ))
    }
}
