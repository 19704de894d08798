//! What a Danish page must not show, as the Danish page tests check it:
//! English engine words, ISO dates, raw codes (`job_start`), English
//! amounts (`5000.00`, `5,000.00`), and a heading said twice.

/// The page's visible text: tags, the style sheet and `<code>` removed,
/// entities decoded.
pub fn visible_text(html: &str) -> String {
    let mut s = html.to_string();
    for (open, close) in [("<style>", "</style>"), ("<code>", "</code>"), ("»", "«")] {
        while let Some(a) = s.find(open) {
            let b = s[a..].find(close).map_or(s.len(), |b| a + b + close.len());
            s.replace_range(a..b, " ");
        }
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
}

/// Words of the engine's English that never occur in Danish text.
pub const ENGLISH: &[&str] = &[
    "the",
    "is",
    "of",
    "and",
    "was",
    "with",
    "not",
    "from",
    "yet",
    "after",
    "before",
    "no",
    "on",
    "achieved",
    "forfeited",
    "pending",
    "approved",
    "rejected",
    "received",
    "benefit",
    "milestone",
    "course",
    "contract",
    "eligible",
    "ongoing",
    "paid",
    "due",
    "line",
    "must",
    "expected",
    "found",
    "missing",
    "unknown",
];

/// What is wrong with a Danish page's text, one entry per finding.
pub fn findings(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let around = |i: usize| -> String {
        let a = i.saturating_sub(40);
        let b = (i + 40).min(chars.len());
        chars[a..b].iter().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let word_char = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric() || *c == '_');
    for i in 0..chars.len() {
        // An ISO date: dddd-dd-dd.
        if (0..4).all(|k| digit(i + k))
            && chars.get(i + 4) == Some(&'-')
            && digit(i + 5)
            && digit(i + 6)
            && chars.get(i + 7) == Some(&'-')
            && digit(i + 8)
            && digit(i + 9)
            && !digit(i + 10)
            && (i == 0 || !digit(i - 1))
        {
            out.push(format!("ISO date: …{}…", around(i)));
        }
    }
    // Numbers: a run of digits, points and commas.
    let mut i = 0;
    while i < chars.len() {
        if digit(i) && (i == 0 || !digit(i - 1)) {
            let j = (i..)
                .take_while(|&k| chars.get(k).is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == ','))
                .count()
                + i;
            let token: String = chars[i..j].iter().collect();
            let token = token.trim_end_matches(['.', ',']);
            let (whole, decimals) = token.split_once(',').unwrap_or((token, ""));
            let groups: Vec<&str> = whole.split('.').collect();
            let danish_date = groups.len() == 3 && groups[0].len() <= 2 && groups[1].len() <= 2 && groups[2].len() == 4
                || groups.len() == 2 && groups[0].len() <= 2 && groups[1].len() == 4;
            let danish_thousands = groups[1..].iter().all(|g| g.len() == 3);
            if decimals.contains(['.', ',']) || decimals.len() == 3 {
                out.push(format!("English thousands comma: …{}…", around(i)));
            } else if !danish_date && !danish_thousands {
                out.push(format!("English decimal point: …{}…", around(i)));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Words: raw codes (snake_case) and English engine words.
    let mut i = 0;
    while i < chars.len() {
        if word_char(i) && (i == 0 || !word_char(i - 1)) {
            let j = (i..).take_while(|&k| word_char(k)).count() + i;
            let word: String = chars[i..j].iter().collect();
            let trimmed = word.trim_matches('_');
            if trimmed.contains('_') {
                out.push(format!("raw code `{word}`: …{}…", around(i)));
            } else if ENGLISH.contains(&word.to_lowercase().as_str()) {
                out.push(format!("English word `{word}`: …{}…", around(i)));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// Headings and captions shown one after another where the second starts
/// with the first ("Status" over "Status pr. 31.12.2025").
pub fn repeated_headings(html: &str) -> Vec<String> {
    let mut shown: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let tag: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        if !["h1", "h2", "h3", "caption", "figcaption"].contains(&tag.as_str()) {
            continue;
        }
        let open_end = rest.find('>').unwrap_or(0);
        let hidden = rest[..open_end].contains("visually-hidden");
        let close = format!("</{tag}>");
        let Some(end) = rest.find(&close) else { continue };
        let text = visible_text(&format!("<x>{}", &rest[open_end + 1..end])).trim().to_string();
        if !hidden && !text.is_empty() {
            shown.push(text);
        }
    }
    shown.windows(2).filter(|w| w[1].starts_with(&w[0])).map(|w| format!("`{}` then `{}`", w[0], w[1])).collect()
}
