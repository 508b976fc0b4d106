//! A granted premium meets its scheme's rules: checked after reading a file, against the
//! schemes of the municipality's `premium.toml` (the same evaluation the exit form and
//! the store use, [`premium::evaluate`]). A scheme this `premium.toml` does not know is
//! taken as recorded: its rules cannot be read any more.

use super::{Problem, Problems, rules};
use crate::domain::premium::{self, PremiumConfig};
use crate::domain::record::ClientRecord;

/// The granted premiums of one client, the `i`-th of its file, that their scheme refuses.
pub fn client_problems(
    i: usize,
    client: &ClientRecord,
    config: &PremiumConfig,
    out: &mut Problems,
) {
    let birth = client.client.person.birth_date;
    for (j, e) in client.episodes.iter().enumerate() {
        let Some(x) = e.exit.as_ref().map(|x| &x.interview) else {
            continue;
        };
        let scheme = x.premium_scheme.as_deref().filter(|_| x.premium_granted);
        let Some(scheme) = scheme.and_then(|k| config.scheme(k)) else {
            continue;
        };
        let Some((input, ctx)) = rules::exit_case(e, Some(x), birth) else {
            continue;
        };
        if !premium::evaluate(scheme, &input.premium_facts(&ctx)).eligible() {
            out.push(Problem {
                path: format!("$.clients[{i}].episodes[{j}].exit_interview.premium_granted"),
                key: "exit_rule.premium_not_eligible",
                args: Vec::new(),
            });
        }
    }
}
