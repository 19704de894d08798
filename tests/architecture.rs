//! The core's boundary, checked on the source text: no core module imports
//! from the shell, nor names a file-format crate. The shell modules are listed here; every other top-level
//! module of `src/` is core, so a new pure module is checked without anyone
//! remembering to add it. The core modules the architecture names are
//! listed too, so that moving one into the shell list is a visible change.

use std::fs;
use std::path::{Path, PathBuf};

mod support;

/// Modules that do I/O, hold formats or present: the core may not use them.
const SHELL: &[&str] = &[
    "wire",
    "render",
    "store",
    "service",
    "api",
    "pages",
    "server",
    "cli",
    "load",
    "demo",
    "demo_options",
    "settings",
    "generate",
];

/// File-format crates: only the shell reads or writes TOML, JSON or CSV.
const FORMATS: &[&str] = &["toml_edit", "toml", "serde_json", "csv"];

/// The core as ARCHITECTURE.md names it (checked to exist and not be shell).
const CORE: &[&str] = &[
    "money", "calendar", "ids", "benefit", "contract", "course", "rules", "verdict", "evaluate", "case", "invoice",
    "report", "table", "lang", "cpr", "grant", "budget", "evidence", "sampling",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// The top-level module a file under `src/` belongs to (`None` for the
/// crate root and the binary).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next()?.as_os_str().to_string_lossy().to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// Every crate module named after `crate::` in the text, including the
/// names inside `use crate::{a, b::c}` groups.
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // Only the first segment of each comma-separated item counts.
                let inner = group.split('}').next().unwrap_or("");
                let mut depth = 0;
                let mut item = String::new();
                for ch in inner.chars().chain([',']) {
                    match ch {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            let name: String =
                                item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                            if !name.is_empty() {
                                out.push((n + 1, name));
                            }
                            item.clear();
                            continue;
                        }
                        _ => {}
                    }
                    item.push(ch);
                }
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.push((n + 1, name));
            }
        }
    }
    out
}

#[test]
fn no_core_module_imports_from_the_shell() {
    let src = support::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut modules: Vec<String> = files.iter().filter_map(|f| module_of(&src, f)).collect();
    modules.dedup();
    for c in CORE {
        assert!(modules.iter().any(|m| m == c), "the core module `{c}` is missing from src/");
        assert!(!SHELL.contains(c), "`{c}` is listed as both core and shell");
    }
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        if SHELL.contains(&module.as_str()) {
            continue;
        }
        let text = fs::read_to_string(file).unwrap();
        for (line, used) in crate_paths(&text) {
            if SHELL.contains(&used.as_str()) {
                problems.push(format!("{}:{line}: core module `{module}` uses crate::{used}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "the core reaches into the shell:\n{}", problems.join("\n"));
}

/// Every file-format crate named as a path's first segment (`toml_edit::`,
/// `::serde_json::`, `use csv;`), outside comments. A segment inside a
/// longer path (`crate::wire::table_csv::`) or identifier is not a crate.
fn format_crates(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let bytes = code.as_bytes();
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        for name in FORMATS {
            for (i, _) in code.match_indices(name) {
                let end = i + name.len();
                if end < bytes.len() && ident(bytes[end]) {
                    continue;
                }
                let mut before = &code[..i];
                if let Some(b) = before.strip_suffix("::") {
                    // `a::csv` is a path inside something else; a leading `::csv` is the crate.
                    if b.bytes().last().is_some_and(|c| ident(c) || c == b'>') {
                        continue;
                    }
                    before = b;
                }
                if before.bytes().last().is_some_and(ident) {
                    continue;
                }
                let after = code[end..].trim_start();
                let is_path = after.starts_with("::");
                let is_use = (before.trim_end().ends_with("use") || before.trim_end().ends_with("crate"))
                    && (after.starts_with(';') || after.starts_with("as "));
                if is_path || is_use {
                    out.push((n + 1, name.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn no_core_module_names_a_file_format_crate() {
    let src = support::root().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let Some(module) = module_of(&src, file) else { continue };
        if SHELL.contains(&module.as_str()) {
            continue;
        }
        let text = fs::read_to_string(file).unwrap();
        for (line, used) in format_crates(&text) {
            problems.push(format!("{}:{line}: core module `{module}` uses the format crate `{used}`", file.display()));
        }
    }
    assert!(problems.is_empty(), "the core reads or writes a file format:\n{}", problems.join("\n"));
}

#[test]
fn the_format_scanner_sees_crate_paths_and_nothing_else() {
    let text = "use toml_edit::{Item, Table};\n\
                let v: ::serde_json::Value = x;\n\
                let w = csv::WriterBuilder::new();\n\
                use toml;\n\
                let t = crate::wire::table_csv::to_csv(t, d); // csv::Writer in a comment\n\
                let n = my_toml::x(); let s = \"toml\"; fn from_toml() {}\n";
    let found: Vec<(usize, String)> = format_crates(text);
    assert_eq!(found, [(1, "toml_edit".into()), (2, "serde_json".into()), (3, "csv".into()), (4, "toml".into())]);
}

#[test]
fn the_scanner_sees_plain_and_grouped_imports() {
    let text = "use crate::money::Money;\nuse crate::{render::Lang, table};\nlet x = crate::wire::course_in::parse_date(t); // crate::store in a comment\n";
    let found: Vec<String> = crate_paths(text).into_iter().map(|(_, m)| m).collect();
    assert_eq!(found, ["money", "render", "table", "wire"]);
}

/// The wire formats sit below the store and the service: the store's
/// records embed the input format (`wire::course_in`), so the wire layer
/// must not read records or call the service back.
#[test]
fn the_wire_formats_do_not_reach_up_into_the_store_or_the_service() {
    let dir = support::root().join("src/wire");
    let mut files = Vec::new();
    rust_files(&dir, &mut files);
    let above = ["store", "service", "api", "pages", "server", "cli", "demo", "settings"];
    let mut problems = Vec::new();
    for file in &files {
        let text = fs::read_to_string(file).unwrap();
        for (line, used) in crate_paths(&text) {
            if above.contains(&used.as_str()) {
                problems.push(format!("{}:{line}: wire uses crate::{used}", file.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
