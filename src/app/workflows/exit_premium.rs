//! The exit interview's premium step: every scheme rule by rule (the explanation under the
//! rules field) and the schemes the client is eligible for as the choices to grant.

use super::Cx;
use super::exit::{PREMIUM, PREMIUM_RULES};
use super::fields::l;
use crate::domain::exit::{ExitContext, ExitInput};
use crate::domain::money::fmt_euro;
use crate::domain::premium::{Evaluation, Scheme, evaluate};
use crate::form::{Form, Opt};
use crate::i18n::{Lang, tf};

/// "Grant: Two instalments (€500 + €500)", with the uplifts that come on top.
fn grant_label(s: &Scheme, ev: &Evaluation, lang: Lang) -> String {
    let name = s.name(lang);
    let extra: i64 = ev
        .uplifts
        .iter()
        .filter(|u| u.applies())
        .map(|u| u.amount_cents)
        .sum();
    if extra > 0 {
        tf(
            lang,
            "premium_pay.grant_uplift",
            &[("name", &name), ("amount", &fmt_euro(extra, lang))],
        )
    } else {
        tf(lang, "exit.grant", &[("name", &name)])
    }
}

/// The premium, rule by rule, for every scheme: the explanation and the choices.
pub(super) fn show(form: &mut Form, input: Option<&ExitInput>, ctx: &ExitContext, cx: &Cx) {
    let lang = cx.lang;
    let mut lines = Vec::new();
    let mut options = vec![Opt::new("none", l(lang, "exit.no_premium"))];
    if let Some(i) = input {
        let facts = i.premium_facts(ctx);
        for s in &cx.assets.premium.schemes {
            let ev = evaluate(s, &facts);
            lines.extend(ev.lines(s, lang));
            if ev.eligible() {
                options.push(Opt::new(&s.key, grant_label(s, &ev, lang)));
            }
        }
    }
    form.set_note(PREMIUM_RULES, Some(lines.join("\n")));
    form.set_options(PREMIUM, options);
}
