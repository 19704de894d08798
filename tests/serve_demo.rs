//! `nocure serve` as an operator starts it, and `serve --demo` as a new user
//! does: the demo runs on a fresh store each time, so the README's curl
//! session gives the minutes' figures every time; a store given with
//! `--data` is never overwritten by accident; logs written to a file carry
//! no colour codes.

mod support;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

const KEY: &str = "00112233445566778899aabbccddeeff";

struct Server {
    child: Child,
    base: String,
    /// By the README's variable: COM, FIN, CW, SUP, PROC.
    tokens: HashMap<String, String>,
    /// Every line the server printed on standard output before listening.
    stdout: String,
    log: PathBuf,
    _logdir: tempfile::TempDir,
}

fn nocure(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nocure"));
    c.args(args).current_dir(support::root()).env("NOCURE_PSEUDONYM_KEY", KEY).env_remove("RUST_LOG");
    c
}

/// Starts `nocure serve ARGS` on a free port; the log goes to a file.
fn start(args: &[&str]) -> Server {
    let logdir = tempfile::tempdir().unwrap();
    let log = logdir.path().join("server.log");
    let mut all = vec!["serve", "--listen", "127.0.0.1:0"];
    all.extend_from_slice(args);
    let mut child = nocure(&all).stdout(Stdio::piped()).stderr(std::fs::File::create(&log).unwrap()).spawn().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut tokens = HashMap::new();
    let mut stdout = String::new();
    let base = loop {
        let Some(Ok(line)) = lines.next() else {
            let _ = child.wait();
            panic!("the server stopped before listening:\n{stdout}\n{}", std::fs::read_to_string(&log).unwrap());
        };
        stdout.push_str(&line);
        stdout.push('\n');
        let words: Vec<&str> = line.split_whitespace().collect();
        if let ["export", vars @ ..] = words.as_slice() {
            for v in vars {
                let (k, t) = v.split_once('=').unwrap();
                tokens.insert(k.to_string(), t.to_string());
            }
        }
        if let ["listening", "on", url, ..] = words.as_slice() {
            break url.to_string();
        }
    };
    // Keep reading standard output so that a full pipe never blocks the server.
    std::thread::spawn(move || for _ in lines {});
    Server { child, base, tokens, stdout, log, _logdir: logdir }
}

impl Server {
    /// SIGTERM, then the exit status and the whole log.
    fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-TERM", &pid]).status().unwrap().success());
        let status = self.child.wait().unwrap();
        (status, std::fs::read_to_string(&self.log).unwrap())
    }
}

/// Runs a command to its end: (exit code, stdout, stderr).
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = nocure(args).output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into(), String::from_utf8_lossy(&out.stderr).into())
}

// ---- the README's curl session, read from the README and run as curl would ----

/// The `sh` block under "A curl session per role", split into commands as a
/// shell does: `\` joins lines, quotes may span lines, `#` starts a comment.
fn readme_session() -> Vec<Vec<String>> {
    let readme = std::fs::read_to_string(support::root().join("README.md")).unwrap();
    let section = readme.split("## A curl session per role").nth(1).expect("the README has the curl session");
    let block = section.split("```sh\n").nth(1).unwrap().split("\n```").next().unwrap();
    let mut commands = Vec::new();
    let (mut words, mut word, mut in_word) = (Vec::<String>::new(), String::new(), false);
    let mut chars = block.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    word.push(q);
                }
            }
            '"' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    word.push(q);
                }
            }
            '\\' if chars.peek() == Some(&'\n') => {
                chars.next();
            }
            '#' if !in_word => {
                while chars.peek().is_some_and(|c| *c != '\n') {
                    chars.next();
                }
            }
            ' ' | '\t' | '\n' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
                if c == '\n' && !words.is_empty() {
                    commands.push(std::mem::take(&mut words));
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    if !words.is_empty() {
        commands.push(words);
    }
    commands
}

fn expand(word: &str, vars: &HashMap<String, String>) -> String {
    let mut out = word.to_string();
    let mut names: Vec<&String> = vars.keys().collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    for n in names {
        out = out.replace(&format!("${n}"), &vars[n]);
    }
    out
}

/// The moment a record was written (`recorded_at` and the like), and so
/// the audit chain's hash over it (and the anchor, `SEQ:HASH`), differ from
/// run to run; everything else must not.
fn without_clock_times(body: String) -> String {
    fn walk(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m.iter_mut() {
                    if k == "at" || k.ends_with("_at") || k.ends_with("hash") || k == "anchor" {
                        *x = serde_json::Value::String("<differs>".into());
                    } else {
                        walk(x);
                    }
                }
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(walk),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(&body) {
        Ok(mut v) => {
            walk(&mut v);
            v.to_string()
        }
        Err(_) => body,
    }
}

/// Runs every command of the session; returns (command, status, body).
async fn run_session(s: &Server) -> Vec<(String, u16, String)> {
    let mut vars = s.tokens.clone();
    let client = reqwest::Client::new();
    let mut out = Vec::new();
    for words in readme_session() {
        let cmd: Vec<String> = words.iter().map(|w| expand(w, &vars)).collect();
        if cmd.len() == 1
            && let Some((k, v)) = cmd[0].split_once('=')
        {
            // `B=http://127.0.0.1:8080`: the server here listens elsewhere.
            assert_eq!(k, "B");
            assert_eq!(v, "http://127.0.0.1:8080");
            vars.insert(k.into(), s.base.clone());
            continue;
        }
        assert_eq!(cmd[0], "curl", "{cmd:?}");
        let (mut url, mut headers, mut data) = (None, Vec::new(), None::<Vec<u8>>);
        let mut args = cmd[1..].iter();
        while let Some(a) = args.next() {
            match a.as_str() {
                "-s" => {}
                "-H" => headers.push(args.next().unwrap().clone()),
                "-d" | "--data-binary" => {
                    let d = args.next().unwrap();
                    data = Some(match d.strip_prefix('@') {
                        Some(file) => {
                            let bytes = std::fs::read(support::root().join(file)).unwrap();
                            // `-d @file` drops line breaks; `--data-binary` keeps them.
                            if a == "-d" {
                                bytes.into_iter().filter(|b| *b != b'\n' && *b != b'\r').collect()
                            } else {
                                bytes
                            }
                        }
                        None => d.clone().into_bytes(),
                    });
                }
                u if u.starts_with("http") => url = Some(u.to_string()),
                other => panic!("the README uses a curl option this test does not know: {other}"),
            }
        }
        let url = url.expect("a URL");
        let mut req = if data.is_some() { client.post(&url) } else { client.get(&url) };
        let mut typed = false;
        for h in &headers {
            let (k, v) = h.split_once(':').unwrap();
            typed |= k.eq_ignore_ascii_case("content-type");
            req = req.header(k.trim(), v.trim());
        }
        if let Some(d) = data {
            if !typed {
                req = req.header("content-type", "application/x-www-form-urlencoded");
            }
            req = req.body(d);
        }
        let res = req.send().await.unwrap();
        let status = res.status().as_u16();
        out.push((words.join(" "), status, without_clock_times(res.text().await.unwrap())));
    }
    out
}

/// The minutes' status table per 31 Dec 2025 as the committee sees it (the
/// minutes are public, so as they print it): dagpenge 92 / 5 / 30 / 26 / 31
/// and 30 / (30 + 26) = 53.6 %; ledighedsydelse 28 / 2 / 8 / 7 / 11 and
/// 8 / 15 = 53.3 %; in all 130 / 7 / 40 / 35 / 48 and 40 / 75 = 53.3 %.
const MINUTES_ROWS: [&str; 3] =
    ["Dagpenge,92,5,30,26,31,53.6", "Ledighedsydelse,28,2,8,7,11,53.3", "Total,130,7,40,35,48,53.3"];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_readme_session_gives_the_same_answers_on_two_demo_starts() {
    let readme = std::fs::read_to_string(support::root().join("README.md")).unwrap();
    for row in MINUTES_ROWS {
        assert!(readme.contains(row), "the README shows {row}");
    }
    let mut runs = Vec::new();
    for _ in 0..2 {
        // No --data: a fresh temporary store each time.
        let s = start(&["--demo"]);
        let store = s
            .stdout
            .lines()
            .find_map(|l| l.split("temporary store ").nth(1))
            .map(|p| PathBuf::from(p.split_whitespace().next().unwrap().trim_end_matches([',', ')', ';'])));
        let store = store.unwrap_or_else(|| panic!("the demo says where its temporary store is:\n{}", s.stdout));
        assert!(store.exists(), "{}", store.display());
        let answers = run_session(&s).await;
        let (status, log) = s.stop();
        assert!(status.success(), "{log}");
        assert!(!store.exists(), "the temporary store is deleted when the demo stops: {}", store.display());
        runs.push(answers);
    }
    let (first, second) = (&runs[0], &runs[1]);
    assert!(first.len() >= 16, "{} commands", first.len());
    for (cmd, status, body) in first {
        assert!((200..300).contains(status), "{cmd}: {status} {body}");
    }
    // The committee's table, first thing in the session.
    let (cmd, _, table) = &first[0];
    assert!(cmd.contains("/reports/portfolio?contract=lejre-jobparate&as_of=2025-12-31&format=csv"), "{cmd}");
    for row in MINUTES_ROWS {
        assert!(table.lines().any(|l| l == row), "{row} missing in:\n{table}");
    }
    // Recording the invoice twice: 201, then 200 with the stored result.
    let statuses: Vec<u16> =
        first.iter().filter(|(c, _, _)| c.ends_with("@examples/invoice.json $B/invoices")).map(|a| a.1).collect();
    assert_eq!(statuses, [201, 200]);
    for (a, b) in first.iter().zip(second) {
        assert_eq!(a, b, "the second demo start answered differently");
    }
}

#[test]
fn demo_with_data_never_overwrites_a_store() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo-data");
    let data_s = data.to_str().unwrap();
    // A demo kept in a folder of one's own: loaded once, then refused.
    let s = start(&["--demo", "--data", data_s]);
    assert!(s.stdout.contains(data_s), "{}", s.stdout);
    let (status, log) = s.stop();
    assert!(status.success(), "{log}");
    assert!(log.contains("created a new store"), "{log}");
    let (code, _, err) = run(&["serve", "--listen", "127.0.0.1:0", "--demo", "--data", data_s]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("already holds the demo") && err.contains("--reset"), "{err}");
    // --reset deletes the earlier demo and says what it deletes: Lejre's 130
    // courses and the other options' 35 + 60 (src/demo_options.rs).
    let s = start(&["--demo", "--data", data_s, "--reset"]);
    let (status, log) = s.stop();
    assert!(status.success(), "{log}");
    assert!(log.contains("deleted the demo store in") && log.contains("225 courses"), "{log}");

    // A store that --demo did not make is refused, with --reset too.
    let other = dir.path().join("real");
    let other_s = other.to_str().unwrap();
    let s = start(&["--data", other_s]);
    let (status, log) = s.stop();
    assert!(status.success(), "{log}");
    for extra in [&[][..], &["--reset"][..]] {
        let mut args = vec!["serve", "--listen", "127.0.0.1:0", "--demo", "--data", other_s];
        args.extend_from_slice(extra);
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains("not made by --demo"), "{err}");
    }
    // Still a store, and without the demo's courses: the status table's
    // total row counts no referral.
    // (The shipped folder holds several contracts, so the report names one.)
    let (code, table, err) = run(&[
        "report",
        "--data",
        other_s,
        "--contract",
        "lejre-jobparate",
        "--as-of",
        "2025-12-31",
        "--format",
        "csv",
        "--table",
        "status",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(table.lines().any(|l| l.starts_with("Total,0,0,0,0,0")), "{table}");
}

#[test]
fn log_lines_written_to_a_file_carry_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    let s = start(&["--data", dir.path().join("store").to_str().unwrap()]);
    let (status, log) = s.stop();
    assert!(status.success(), "{log}");
    assert!(log.contains("shutting down"), "{log}");
    assert!(!log.contains('\u{1b}'), "ANSI escape codes in a log file:\n{log:?}");
}
