//! A progress line on stderr for a long read: bytes read of the file's
//! size, rows and time taken. On a terminal it is redrawn in place (a bar,
//! at most ten times a second); otherwise (a log, a pipe) a plain line is
//! written every ten seconds, so a short import writes none.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

pub struct Progress {
    size: u64,
    started: Instant,
    last: Instant,
    terminal: bool,
    drawn: bool,
}

impl Progress {
    /// For reading a file of `size` bytes.
    pub fn new(size: u64) -> Progress {
        let now = Instant::now();
        Progress { size, started: now, last: now, terminal: std::io::stderr().is_terminal(), drawn: false }
    }

    /// The read has reached `bytes` and `rows`.
    pub fn update(&mut self, bytes: u64, rows: u64) {
        let every = if self.terminal { Duration::from_millis(100) } else { Duration::from_secs(10) };
        if self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let line = line(bytes, self.size, rows, self.started.elapsed().as_secs(), self.terminal);
        let mut err = std::io::stderr().lock();
        let _ = if self.terminal { write!(err, "\r{line}\x1b[K") } else { writeln!(err, "{line}") };
        let _ = err.flush();
        self.drawn = true;
    }

    /// Ends the bar's line (on a terminal), before anything else is said.
    pub fn finish(&mut self) {
        if self.terminal && self.drawn {
            let _ = writeln!(std::io::stderr());
        }
        self.drawn = false;
    }
}

/// `[#######.............]  35%  4.1 of 11.7 MB  71,234 rows  3 s`; the
/// bar only on a terminal.
fn line(bytes: u64, size: u64, rows: u64, secs: u64, bar: bool) -> String {
    const WIDTH: u64 = 20;
    let size = size.max(bytes).max(1);
    let filled = bytes * WIDTH / size;
    let mb = |b: u64| format!("{}.{}", b / 1_000_000, b % 1_000_000 / 100_000);
    let text =
        format!("{:>3}%  {} of {} MB  {} rows  {secs} s", bytes * 100 / size, mb(bytes), mb(size), thousands(rows));
    if bar {
        let width = usize::try_from(WIDTH).unwrap_or(20);
        let done = usize::try_from(filled).unwrap_or(width).min(width);
        format!("[{}{}] {text}", "#".repeat(done), ".".repeat(width - done))
    } else {
        format!("reading: {text}")
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::line;

    #[test]
    fn the_line_says_bytes_of_size_rows_and_time() {
        // 4,100,000 of 11,700,000 bytes: 35 % (35.04 rounded down), 7 of
        // 20 marks (7.008 rounded down).
        assert_eq!(
            line(4_100_000, 11_700_000, 71_234, 3, true),
            "[#######.............]  35%  4.1 of 11.7 MB  71,234 rows  3 s"
        );
        assert_eq!(
            line(11_700_000, 11_700_000, 200_000, 12, false),
            "reading: 100%  11.7 of 11.7 MB  200,000 rows  12 s"
        );
        // A file that grew while read: never above 100 %.
        assert_eq!(line(5, 3, 1, 0, false), "reading: 100%  0.0 of 0.0 MB  1 rows  0 s");
    }
}
