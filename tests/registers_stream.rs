//! A register extract read as a stream: rows parsed as the bytes come, the
//! progress reported in bytes read and rows parsed, the same rows and the
//! same located problems as reading the whole text.

use std::io::{BufReader, Read};

use nocure::cpr::PseudonymKey;
use nocure::wire::registers_csv;

fn key() -> PseudonymKey {
    PseudonymKey::new(b"a test key of thirty-two bytes!!".to_vec()).unwrap()
}

/// An income extract produced a row at a time, never held whole: a header
/// and `rows` rows of one citizen, one a day from 1 Jan 2020.
struct Generated {
    rows: u32,
    next: u32,
    pending: Vec<u8>,
    produced: u64,
}

impl Read for Generated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            if self.next == 0 {
                self.pending = b"cpr,employer_cvr,period_from,period_to,paid_hours,income\n".to_vec();
            } else if self.next <= self.rows {
                let day =
                    chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(u64::from(self.next - 1));
                self.pending = format!("010170-1234,12345678,{day},{day},8,1000.00\n").into_bytes();
            } else {
                return Ok(0);
            }
            self.next += 1;
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        self.produced += n as u64;
        Ok(n)
    }
}

#[test]
fn rows_are_parsed_as_they_come_and_the_progress_reaches_the_end() {
    let rows = 50_000;
    let mut source = Generated { rows, next: 0, pending: Vec::new(), produced: 0 };
    let mut seen: Vec<(u64, u64)> = Vec::new();
    let parsed = registers_csv::income_from(BufReader::new(&mut source), "gen.csv", &key(), &mut |bytes, n| {
        seen.push((bytes, n))
    })
    .unwrap();
    assert_eq!(parsed.len(), rows as usize);
    // Progress never goes back, and its last report is every byte and row.
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0 && w[0].1 <= w[1].1));
    assert_eq!(seen.last().copied(), Some((source.produced, u64::from(rows))));
    // Reported while reading, not once at the end: the first report comes
    // before a tenth of the bytes were read.
    assert!(seen.first().unwrap().0 < source.produced / 10, "{:?}", seen.first());
}

#[test]
fn a_stream_names_the_same_lines_as_the_text() {
    // A byte-order mark, Windows line ends, a blank line 3; bad rows on
    // lines 4 (week 53 of 2025 does not exist) and 6 (no code).
    let text = "\u{feff}cpr;week;benefit_code\r\n010170-1234;2025-W14;KH\r\n\r\n010170-1234;2025-W53;KH\r\n\
                010170-1234;2025-W15;KH\r\n010170-1234;2025-W16;\r\n";
    let whole = registers_csv::benefits(text, "uger.csv", &key()).unwrap_err();
    let streamed =
        registers_csv::benefits_from(BufReader::with_capacity(7, text.as_bytes()), "uger.csv", &key(), &mut |_, _| {})
            .unwrap_err();
    let lines = |ps: &[nocure::contract::Problem]| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>();
    assert_eq!(lines(&streamed), lines(&whole));
    let said = lines(&streamed).join("\n");
    assert!(said.contains("uger.csv:4: week"), "{said}");
    assert!(said.contains("uger.csv:6: benefit_code"), "{said}");
}
