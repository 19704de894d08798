//! Power cuts under write load. The nocure server runs with its data
//! directory on a FUSE file system that loses what was not fsynced
//! (`lazyfs`). Writers record referrals and one-line invoices (each a
//! payment); at a random moment the server is killed and everything not
//! fsynced is dropped; then the server is started again on what survived.
//! Counted: acknowledged payments lost, starts refused (and why).
//!
//! Run as root (it mounts): see RELIABILITY.md.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --manifest-path powercut/Cargo.toml -- --bin target/release/nocure --runs 100
//! ```

mod lazyfs;
mod pending;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

struct Options {
    bin: PathBuf,
    runs: u32,
    seed: u64,
    writers: u32,
    min_ms: u64,
    max_ms: u64,
    contracts: PathBuf,
}

fn options() -> Options {
    let mut o = Options {
        bin: PathBuf::from("target/release/nocure"),
        runs: 100,
        seed: 1,
        writers: 4,
        min_ms: 200,
        max_ms: 2500,
        contracts: PathBuf::from("contracts"),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--bin" => o.bin = PathBuf::from(v),
            "--runs" => o.runs = v.parse().expect("--runs N"),
            "--seed" => o.seed = v.parse().expect("--seed N"),
            "--writers" => o.writers = v.parse().expect("--writers N"),
            "--min-ms" => o.min_ms = v.parse().expect("--min-ms N"),
            "--max-ms" => o.max_ms = v.parse().expect("--max-ms N"),
            "--contracts" => o.contracts = PathBuf::from(v),
            other => panic!("unknown option {other}; see the file's header"),
        }
        i += 2;
    }
    o
}

/// xorshift64*: the cut times, reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// The mounted file system and what it shares with us.
struct Mounted {
    _session: fuser::BackgroundSession,
    state: Arc<Mutex<lazyfs::State>>,
}

fn mount(backing: &Path, mnt: &Path) -> Mounted {
    let state = Arc::new(Mutex::new(lazyfs::State::default()));
    let fs = lazyfs::LazyFs::new(backing, state.clone());
    let opts = [fuser::MountOption::FSName("powercut".into()), fuser::MountOption::RW];
    let session = fuser::spawn_mount2(fs, mnt, &opts).expect("mount (run as root, /dev/fuse needed)");
    Mounted { _session: session, state }
}

fn nocure(o: &Options, work: &Path) -> Command {
    let mut c = Command::new(&o.bin);
    c.env("NOCURE_PSEUDONYM_KEY", KEY).env("RUST_LOG", "warn,nocure=info").current_dir(work);
    c
}

fn token(o: &Options, work: &Path, role: &str) -> String {
    let out = nocure(o, work)
        .args(["token", "create", "--role", role, "--name", &format!("powercut-{role}"), "--data", "mnt/store"])
        .output()
        .unwrap();
    assert!(out.status.success(), "token: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A new store (only `serve` creates one: started and stopped), and a
/// caseworker's and finance's token in it.
fn new_store(o: &Options, work: &Path) -> (String, String) {
    match serve(o, work) {
        Started::Serving(mut child, _) => stop(&mut child),
        Started::Refused(err) => panic!("a new store did not start: {err}"),
    }
    (token(o, work, "caseworker"), token(o, work, "finance"))
}

enum Started {
    Serving(Child, String),
    Refused(String),
}

fn serve(o: &Options, work: &Path) -> Started {
    let mut child = nocure(o, work)
        .args(["serve", "--data", "mnt/store", "--listen", "127.0.0.1:0", "--contracts"])
        .arg(std::path::absolute(&o.contracts).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let err_text = Arc::new(Mutex::new(String::new()));
    let sink = err_text.clone();
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = BufReader::new(stderr).read_to_string(&mut s);
        sink.lock().unwrap().push_str(&s);
    });
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(rest) = line.strip_prefix("listening on ") {
                    std::thread::spawn(move || for _ in lines {});
                    return Started::Serving(child, rest.split_whitespace().next().unwrap().to_string());
                }
            }
            _ => {
                let _ = child.wait();
                std::thread::sleep(Duration::from_millis(100));
                return Started::Refused(err_text.lock().unwrap().clone());
            }
        }
    }
}

/// What the writers had acknowledged: invoice numbers with a payment.
type Acked = Arc<Mutex<BTreeSet<String>>>;

fn write_load(
    o: &Options,
    base: &str,
    cw: &str,
    fin: &str,
    run: u32,
    acked: &Acked,
    stop: &Arc<AtomicBool>,
) -> Vec<std::thread::JoinHandle<()>> {
    (0..o.writers)
        .map(|w| {
            let (base, cw, fin, acked, stop) = (base.to_string(), cw.to_string(), fin.to_string(), acked.clone(), stop.clone());
            std::thread::spawn(move || {
                let http = reqwest::blocking::Client::builder().timeout(Duration::from_secs(10)).build().unwrap();
                for i in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let id = format!("pc-{run}-{w}-{i}");
                    let course = json!({
                        "course_id": id, "citizen": format!("p-{id}"), "contract": "lejre-jobparate", "target_group": "dagpenge",
                        "referred_on": "2025-02-03", "attributes": { "a_kasse": "AAK" },
                        "events": [
                            { "type": "course_started", "date": "2025-02-10" },
                            { "type": "job_started", "date": "2025-03-03" },
                            { "type": "course_ended", "date": "2025-03-03", "outcome": "job" }
                        ]
                    });
                    match http.post(format!("{base}/courses")).bearer_auth(&cw).json(&course).send() {
                        Ok(r) if r.status().as_u16() == 201 => {}
                        _ => return,
                    }
                    let number = format!("PC-{run}-{w}-{i}");
                    let invoice = json!({
                        "supplier_cvr": "00000000", "invoice_number": number, "contract": "lejre-jobparate", "as_of": "2025-12-31",
                        "lines": [ { "line": 1, "course_id": id, "milestone": "job_start", "amount": "5000.00" } ]
                    });
                    match http.post(format!("{base}/invoices")).bearer_auth(&fin).json(&invoice).send() {
                        Ok(r) if r.status().as_u16() == 201 => {
                            acked.lock().unwrap().insert(number);
                        }
                        _ => return,
                    }
                }
            })
        })
        .collect()
}

/// The invoice numbers the server holds payments for.
fn paid(base: &str, fin: &str) -> Result<BTreeSet<String>, String> {
    let http = reqwest::blocking::Client::new();
    let v: Value = http
        .get(format!("{base}/payments"))
        .bearer_auth(fin)
        .send()
        .and_then(|r| r.json())
        .map_err(|e| e.to_string())?;
    let list = v["payments"].as_array().ok_or_else(|| format!("no payments in {v}"))?;
    Ok(list.iter().filter_map(|p| p["invoice_number"].as_str().map(str::to_string)).collect())
}

fn verify_ok(base: &str, fin: &str) -> bool {
    let http = reqwest::blocking::Client::new();
    let v: Value =
        http.get(format!("{base}/audit/verify")).bearer_auth(fin).send().and_then(|r| r.json()).unwrap_or(Value::Null);
    v["ok"] == true
}

fn kill(child: &mut Child) {
    let _ = child.kill();
    let _ = child.wait();
}

fn stop(child: &mut Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
}

#[derive(Default)]
struct Totals {
    runs: u32,
    acked: usize,
    in_refused: usize,
    lost: usize,
    lost_silently: usize,
    refused: u32,
    reasons: Vec<String>,
    chain_bad: u32,
    unsynced_files: usize,
}

fn main() {
    let o = options();
    let work = tempfile::Builder::new().prefix("powercut-").tempdir().unwrap();
    let (backing, mnt) = (work.path().join("backing"), work.path().join("mnt"));
    std::fs::create_dir_all(&backing).unwrap();
    std::fs::create_dir_all(&mnt).unwrap();
    let mut rng = Rng(o.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut t = Totals::default();
    let started = Instant::now();

    let mut fs = mount(&backing, &mnt);
    if let Ok(secs) = std::env::var("POWERCUT_MOUNT_ONLY") {
        // For poking at the file system by hand.
        eprintln!("mounted on {}", mnt.display());
        std::thread::sleep(Duration::from_secs(secs.parse().unwrap_or(60)));
        return;
    }
    let (mut cw, mut fin) = new_store(&o, work.path());
    let acked: Acked = Arc::default();

    // Each pass starts the server on what survived the last cut and checks
    // it; `runs` cuts, then a last start to check the last one.
    for run in 1.. {
        let last = t.runs == o.runs;
        match serve(&o, work.path()) {
            Started::Refused(err) => {
                t.refused += 1;
                let first =
                    err.lines().find(|l| l.starts_with("error:") || l.starts_with("  - ")).unwrap_or("").to_string();
                let detail = err.lines().find(|l| l.starts_with("  - ")).unwrap_or("").trim().to_string();
                eprintln!("run {run}: start refused: {first} {detail}");
                t.reasons.push(format!("{first} {detail}"));
                // Start over on a fresh store: what was acknowledged before
                // is accounted for as refused, not as lost silently.
                let missing = acked.lock().unwrap().len();
                t.in_refused += missing;
                eprintln!("run {run}: {missing} acknowledged payments were in the refused store; starting a fresh one");
                drop(fs);
                std::fs::remove_dir_all(&backing).unwrap();
                std::fs::create_dir_all(&backing).unwrap();
                fs = mount(&backing, &mnt);
                (cw, fin) = new_store(&o, work.path());
                acked.lock().unwrap().clear();
                if last {
                    break;
                }
                // Refused starts do not count as cuts: go on to `runs` cuts.
                continue;
            }
            Started::Serving(mut child, base) => {
                let want = acked.lock().unwrap().clone();
                match paid(&base, &fin) {
                    Ok(have) => {
                        let lost: Vec<&String> = want.difference(&have).collect();
                        if !lost.is_empty() {
                            eprintln!(
                                "run {run}: SERVED WITH {} ACKNOWLEDGED PAYMENTS MISSING, e.g. {:?}",
                                lost.len(),
                                &lost[..lost.len().min(3)]
                            );
                            t.lost += lost.len();
                            t.lost_silently += lost.len();
                        }
                        // Count each loss once.
                        acked.lock().unwrap().retain(|n| have.contains(n));
                    }
                    Err(e) => {
                        eprintln!("run {run}: served, but /payments failed: {e}");
                        t.lost += want.len();
                        t.lost_silently += want.len();
                        acked.lock().unwrap().clear();
                    }
                }
                if !verify_ok(&base, &fin) {
                    t.chain_bad += 1;
                    eprintln!("run {run}: /audit/verify is not ok");
                }
                if last {
                    stop(&mut child);
                    break;
                }
                // The load, and a cut at a random moment.
                let before = acked.lock().unwrap().len();
                let stop_flag = Arc::new(AtomicBool::new(false));
                let writers = write_load(&o, &base, &cw, &fin, run, &acked, &stop_flag);
                let at = o.min_ms + rng.next() % (o.max_ms - o.min_ms).max(1);
                std::thread::sleep(Duration::from_millis(at));
                kill(&mut child);
                let dropped = fs.state.lock().unwrap().cut_power();
                t.unsynced_files += dropped;
                stop_flag.store(true, Ordering::SeqCst);
                for w in writers {
                    let _ = w.join();
                }
                t.runs += 1;
                t.acked += acked.lock().unwrap().len() - before;
                eprintln!(
                    "run {run}: cut after {at} ms; {} payments acknowledged so far; unsynced writes dropped in {dropped} files",
                    acked.lock().unwrap().len()
                );
                // Unmount and mount again: no cache survives the cut.
                drop(fs);
                fs = mount(&backing, &mnt);
            }
        }
    }
    drop(fs);
    println!("power cuts: {}", t.runs);
    println!("seed: {}, writers: {}, cut between {} and {} ms into the load", o.seed, o.writers, o.min_ms, o.max_ms);
    println!("payments acknowledged: {}", t.acked);
    println!("acknowledged payments lost and served silently: {}", t.lost_silently);
    println!("starts refused: {} (holding {} acknowledged payments)", t.refused, t.in_refused);
    for r in &t.reasons {
        println!("  {r}");
    }
    println!("starts whose /audit/verify was not ok: {}", t.chain_bad);
    println!("files with unsynced writes at the cuts: {}", t.unsynced_files);
    println!("time: {:.0} s", started.elapsed().as_secs_f64());
    if t.lost_silently > 0 {
        std::process::exit(1);
    }
}
