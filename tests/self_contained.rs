//! The repository explains itself: no file refers to a document or folder
//! outside it, and every relative link in the Markdown files leads to a
//! file in the repository. The rules the engine implements are in
//! docs/rules.md.

mod support;

use std::path::{Component, Path, PathBuf};

/// Folders that are built or installed, not written.
const SKIP: [&str; 3] = ["target", ".git", "node_modules"];

/// Every text file of the repository (files holding a NUL byte are binary).
fn text_files() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if p.is_dir() {
                if !SKIP.contains(&name.as_str()) {
                    walk(&p, out);
                }
            } else if let Ok(bytes) = std::fs::read(&p)
                && !bytes.contains(&0)
            {
                out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&support::root(), &mut out);
    out
}

#[test]
fn no_file_refers_to_a_document_outside_the_repository() {
    // Written in pieces, so that this file does not name them itself.
    let outside = [
        ["..", "/shared"].concat(),
        ["DOMAIN", ".md"].concat(),
        ["DESIGN", ".md"].concat(),
        ["STYLE", ".md"].concat(),
        ["seeds", "/"].concat(),
    ];
    let root = support::root();
    let files = text_files();
    assert!(files.iter().any(|(p, _)| p.ends_with("docs/rules.md")), "docs/rules.md is there");
    let mut found = Vec::new();
    for (path, text) in &files {
        for (n, line) in text.lines().enumerate() {
            for o in &outside {
                if line.contains(o.as_str()) {
                    found.push(format!("{}:{}: {o}", path.strip_prefix(&root).unwrap().display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "references to documents outside the repository:\n{}", found.join("\n"));
}

/// `[text](target)` links in Markdown, without web links and anchors.
fn relative_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in text.split("](").skip(1) {
        let Some(end) = part.find(')') else { continue };
        let target = part[..end].split('#').next().unwrap_or_default().trim();
        if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        out.push(target.to_string());
    }
    out
}

#[test]
fn markdown_links_lead_to_files_in_the_repository() {
    let root = support::root();
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, text) in text_files().iter().filter(|(p, _)| p.extension().is_some_and(|x| x == "md")) {
        for link in relative_links(text) {
            checked += 1;
            let target = path.parent().unwrap().join(&link);
            // Resolve `..` by hand: the target must stay inside the root.
            let mut resolved = PathBuf::new();
            for c in target.components() {
                match c {
                    Component::ParentDir => {
                        resolved.pop();
                    }
                    other => resolved.push(other),
                }
            }
            if !resolved.starts_with(&root) || !resolved.exists() {
                broken.push(format!("{}: {link}", path.strip_prefix(&root).unwrap().display()));
            }
        }
    }
    assert!(checked > 0, "the README links to other documents");
    assert!(broken.is_empty(), "links that leave the repository or lead nowhere:\n{}", broken.join("\n"));
}
