//! The what-if's period on the committee page ("extend to 31.12.2026"): two
//! date fields on the form, and the period's figures at the realised rates
//! and at the ends of their 95 % intervals. Every word is here, in both
//! languages; the figures are `POST /reports/scenario`'s `extension`.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::lang::Lang;
use crate::money::Money;
use crate::report::Portfolio;
use crate::report::extension::Extension;
use crate::report::scenario::ScenarioResult;
use crate::table::{Value, esc};

fn date(d: NaiveDate, l: Lang) -> String {
    Value::Date(d).human(l)
}

/// The two fields. `until` is prefilled with the latest version's last
/// referral day when it is after the date (Lejre: the extension to
/// 31.12.2026, decided on 3 Dec 2025).
pub fn fields(p: &Portfolio, submitted: Option<(&str, &str)>, l: Lang) -> String {
    let (until, from) = match submitted {
        Some((u, f)) => (u.to_string(), f.to_string()),
        None => {
            let offered = if p.referrals.until > p.as_of { p.referrals.until.to_string() } else { String::new() };
            (offered, String::new())
        }
    };
    let field = |name: &str, label: &str, value: &str, hint: &str| {
        format!(
            "<div class=\"field\"><label for=\"{name}\">{}</label><input type=\"date\" id=\"{name}\" name=\"{name}\" value=\"{}\" aria-describedby=\"{name}-hint\"><span class=\"note\" id=\"{name}-hint\">{}</span></div>",
            esc(label),
            esc(value),
            esc(hint)
        )
    };
    let mut h = field(
        "until",
        l.pick("Extend referrals to", "Forlæng henvisningerne til"),
        &until,
        l.pick(
            "Leave empty for a year's what-if only. Filled in with the contract's last referral day when it is after the date.",
            "Lad feltet stå tomt for kun at regne et år. Udfyldt med kontraktens sidste henvisningsdag, når den ligger efter opgørelsesdatoen.",
        ),
    );
    h.push_str(&field(
        "from",
        l.pick("Extension from", "Forlængelsen fra"),
        &from,
        l.pick("Default: the day after the date of the figures.", "Som standard dagen efter opgørelsesdatoen."),
    ));
    h
}

/// The period's figures: a column each for low, central and high rates.
pub fn table(e: &Extension, l: Lang) -> String {
    let money = |m: Money| Value::Money(m.rounded()).human(l);
    let count = |r: &ScenarioResult| Value::Number(r.job_starts, 1).human(l);
    let runs = [&e.low, &e.central, &e.high];
    let mut h = String::new();
    let _ = write!(
        h,
        "<table class=\"figures plain\" id=\"table-extension\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&match l {
            Lang::Da => format!(
                "Forlængelsen {}–{} ({} dage): ved de lave ender af 95 %-intervallerne, de realiserede satser og de høje ender",
                date(e.period.from, l),
                date(e.period.until, l),
                e.period.days()
            ),
            Lang::En => format!(
                "The extension {} to {} ({} days): at the low ends of the 95 % intervals, the realised rates and the high ends",
                date(e.period.from, l),
                date(e.period.until, l),
                e.period.days()
            ),
        }),
        l.pick("Figure", "Tal"),
        l.pick("Low", "Lav"),
        l.pick("Realised", "Realiseret"),
        l.pick("High", "Høj"),
    );
    let row = |h: &mut String, key: &str, label: &str, cells: [String; 3]| {
        let _ = write!(h, "<tr data-key=\"{key}\"><th scope=\"row\">{}</th>", esc(label));
        for c in cells {
            let _ = write!(h, "<td class=\"num\">{}</td>", esc(&c));
        }
        h.push_str("</tr>");
    };
    let referrals = Value::Number(e.referrals, 1).human(l);
    row(
        &mut h,
        "referrals",
        l.pick("Referrals expected", "Forventede henvisninger"),
        [referrals.clone(), referrals.clone(), referrals],
    );
    row(&mut h, "job_starts", l.pick("Job starts", "Jobstarter"), runs.map(count));
    row(&mut h, "payments", l.pick("Payments", "Betalinger"), runs.map(|r| money(r.payments)));
    row(
        &mut h,
        "savings",
        l.pick("Savings caused by the case (after deadweight)", "Besparelse skabt af casen (efter dødvægt)"),
        runs.map(|r| money(r.savings)),
    );
    row(&mut h, "net", l.pick("Net result", "Nettoresultat"), runs.map(|r| money(r.net)));
    row(
        &mut h,
        "net_per_referral",
        l.pick("Net result per referral", "Nettoresultat pr. henvisning"),
        runs.map(|r| Value::money(r.net_per_referral.map(Money::rounded)).human(l)),
    );
    row(
        &mut h,
        "break_even",
        l.pick("Break-even deadweight", "Kritisk dødvægt"),
        runs.map(|r| Value::pct(r.break_even_deadweight, 2).human(l)),
    );
    h.push_str("</tbody></table>");
    let _ = write!(
        h,
        "<p class=\"note\">{}</p>",
        esc(l.pick(
            "Referrals at the pace so far. Low and high use the ends of the 95 % intervals of the job start and retention rates (a rate you typed is held); lower rates mean fewer payments and smaller savings alike.",
            "Henvisninger i samme tempo som hidtil. Lav og høj bruger enderne af 95 %-intervallerne for jobstart- og fastholdelsesraterne (en sats, du har skrevet, holdes fast); lavere rater giver både færre betalinger og mindre besparelser.",
        ))
    );
    h
}
