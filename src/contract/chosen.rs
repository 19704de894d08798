//! The choices a contract file marks where its source (the minutes) is
//! silent: comment blocks that start `# CHOSEN:` (English), optionally
//! followed in the same block by `# VALGT:` (the same in Danish). Each note
//! belongs to the field or table written right after it. Reading them from
//! the stored text means the procurement page lists exactly what the file
//! says, never a constant in code.

/// One `# CHOSEN:` note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenNote {
    /// The line (1-based, as an editor counts) of `# CHOSEN:`.
    pub line: u32,
    /// What it is about: a field path such as `payment_condition.max_gap_days`,
    /// a table such as `referrals`, or `target_groups[dagpenge]` for a group.
    pub field: String,
    pub en: String,
    /// The Danish text, when the block has a `# VALGT:` part.
    pub da: Option<String>,
}

fn comment(line: &str) -> Option<&str> {
    line.trim_start().strip_prefix('#').map(str::trim)
}

/// `[name]` or `[[name]]`: the table's name and whether it is an array.
fn header(line: &str) -> Option<(&str, bool)> {
    let t = line.trim();
    if let Some(inner) = t.strip_prefix("[[").and_then(|r| r.split("]]").next()) {
        return Some((inner.trim(), true));
    }
    t.strip_prefix('[').and_then(|r| r.split(']').next()).map(|n| (n.trim(), false))
}

/// The `id = "…"` of the array table that starts at `start`, if any.
fn table_id(lines: &[&str], start: usize) -> Option<String> {
    for l in &lines[start + 1..] {
        if header(l).is_some() {
            return None;
        }
        if let Some((k, v)) = l.split_once('=')
            && k.trim() == "id"
        {
            return Some(v.trim().trim_matches('"').to_string());
        }
    }
    None
}

/// Every `# CHOSEN:` note in a contract file's text, in file order.
pub fn chosen_notes(source: &str) -> Vec<ChosenNote> {
    let lines: Vec<&str> = source.lines().collect();
    let mut out: Vec<ChosenNote> = Vec::new();
    // The table the lines are in: (name, index among arrays of that name).
    let mut table = String::new();
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut danish = false;
    for (i, line) in lines.iter().enumerate() {
        match comment(line) {
            Some(text) if text.starts_with("CHOSEN:") => {
                danish = false;
                open.push(out.len());
                out.push(ChosenNote {
                    line: i as u32 + 1,
                    field: String::new(),
                    en: text["CHOSEN:".len()..].trim().to_string(),
                    da: None,
                });
            }
            Some(text) if text.starts_with("VALGT:") && !open.is_empty() => {
                danish = true;
                if let Some(n) = open.last().map(|k| &mut out[*k]) {
                    n.da = Some(text["VALGT:".len()..].trim().to_string());
                }
            }
            Some(text) if !text.is_empty() && !open.is_empty() => {
                // A continuation of the open note, unless a plain comment
                // follows a finished note (then the note is closed below).
                if let Some(n) = open.last().map(|k| &mut out[*k]) {
                    let target = if danish { n.da.get_or_insert_with(String::new) } else { &mut n.en };
                    target.push(' ');
                    target.push_str(text);
                }
            }
            Some(_) => {
                // An empty comment line ends the text of the open notes; they
                // still belong to the field that follows.
                danish = false;
            }
            None if line.trim().is_empty() => {
                // A blank line: notes not followed by a field belong to none.
                for k in open.drain(..) {
                    out[k].field = table.clone();
                }
                danish = false;
            }
            None => {
                let field = match header(line) {
                    Some((name, array)) => {
                        table = if array {
                            let n = match counts.iter_mut().find(|(c, _)| c == name) {
                                Some((_, n)) => {
                                    *n += 1;
                                    *n
                                }
                                None => {
                                    counts.push((name.to_string(), 0));
                                    0
                                }
                            };
                            match table_id(&lines, i) {
                                Some(id) => format!("{name}[{id}]"),
                                None => format!("{name}[{n}]"),
                            }
                        } else {
                            name.to_string()
                        };
                        table.clone()
                    }
                    None => {
                        let key = line.split('=').next().unwrap_or("").trim();
                        if table.is_empty() { key.to_string() } else { format!("{table}.{key}") }
                    }
                };
                for k in open.drain(..) {
                    out[k].field = field.clone();
                }
                danish = false;
            }
        }
    }
    for k in open {
        out[k].field = table.clone();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_belong_to_the_field_or_table_after_them() {
        let text = "id = \"x\"\n\
                    [payment_condition]\n\
                    # Plain comment.\n\
                    # CHOSEN: fourteen days\n\
                    # between jobs.\n\
                    # VALGT: fjorten dage\n\
                    # mellem job.\n\
                    max_gap_days = 14\n\
                    \n\
                    [[target_groups]]\n\
                    id = \"a\"\n\
                    \n\
                    # CHOSEN: binding criteria.\n\
                    # CHOSEN: aged 50 or more.\n\
                    [[target_groups]]\n\
                    id = \"dagpenge\"\n";
        let notes = chosen_notes(text);
        assert_eq!(notes.len(), 3);
        assert_eq!(notes[0].line, 4);
        assert_eq!(notes[0].field, "payment_condition.max_gap_days");
        assert_eq!(notes[0].en, "fourteen days between jobs.");
        assert_eq!(notes[0].da.as_deref(), Some("fjorten dage mellem job."));
        assert_eq!((notes[1].field.as_str(), notes[1].da.as_deref()), ("target_groups[dagpenge]", None));
        assert_eq!(notes[2].en, "aged 50 or more.");
        assert_eq!(notes[2].line, 14);
    }

    #[test]
    fn the_lejre_contract_marks_every_choice_the_minutes_leave_open() {
        let v1 = include_str!("../../contracts/lejre-jobparate-v1.toml");
        let fields: Vec<String> = chosen_notes(v1).into_iter().map(|n| n.field).collect();
        for f in [
            "supplier.cvr",
            "referrals.from",
            "payment_condition.max_gap_days",
            "payment_condition.on_break",
            "promises",
            "target_groups[dagpenge]",
            "target_groups[integration]",
        ] {
            assert!(fields.iter().any(|x| x == f), "no CHOSEN note for {f}: {fields:?}");
        }
        // Age and months are marked as readings: three notes on dagpenge.
        assert_eq!(fields.iter().filter(|f| *f == "target_groups[dagpenge]").count(), 3);
        assert!(chosen_notes(v1).iter().all(|n| n.da.is_some()), "every note has its Danish text");
    }
}
