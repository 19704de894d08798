//! CSV read as a stream: the bytes pass through once, and the editor line of
//! each record (1-based, the header on line 1, blank lines counted, `\r\n`
//! one line end, as `csv_line::EditorLines` counts them in a whole text) is
//! found from the bytes not yet located, which are dropped as soon as they
//! are. Memory is the reader's buffer and the record being read, not the
//! file.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::{self, Read};
use std::rc::Rc;

/// What the stream has read and not yet located.
#[derive(Default)]
struct Tail {
    /// Bytes from offset `pos` on, as read.
    bytes: VecDeque<u8>,
    /// The offset of `bytes[0]`; the bytes before it hold `line - 1` line ends.
    pos: u64,
    line: u32,
    /// Bytes read so far.
    read: u64,
}

/// The reader half: hands the bytes on and keeps them for [`Lines`].
pub(crate) struct Tracked<R> {
    inner: R,
    tail: Rc<RefCell<Tail>>,
}

/// The locating half.
pub(crate) struct Lines {
    tail: Rc<RefCell<Tail>>,
}

/// A reader whose records can be located by their `csv` byte offsets.
pub(crate) fn tracked<R: Read>(inner: R) -> (Tracked<R>, Lines) {
    let tail = Rc::new(RefCell::new(Tail { line: 1, ..Tail::default() }));
    (Tracked { inner, tail: tail.clone() }, Lines { tail })
}

impl<R: Read> Read for Tracked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut t = self.tail.borrow_mut();
        t.bytes.extend(&buf[..n]);
        t.read += n as u64;
        Ok(n)
    }
}

impl Lines {
    /// Bytes read so far.
    pub(crate) fn read(&self) -> u64 {
        self.tail.borrow().read
    }

    /// The line of the record (or error) `csv` places at `byte`: the line
    /// ends before it are counted and the bytes dropped. Line ends at the
    /// offset itself (before the record's first character) are skipped.
    /// Offsets come in increasing order; an earlier one gets the last line.
    pub(crate) fn line_of(&mut self, byte: u64) -> u32 {
        let mut t = self.tail.borrow_mut();
        if byte < t.pos {
            return t.line;
        }
        let mut skip = usize::try_from(byte - t.pos).unwrap_or(usize::MAX).min(t.bytes.len());
        while skip < t.bytes.len() && matches!(t.bytes[skip], b'\r' | b'\n') {
            skip += 1;
        }
        let ends = t.bytes.drain(..skip).filter(|b| *b == b'\n').count();
        t.line = t.line.saturating_add(u32::try_from(ends).unwrap_or(u32::MAX));
        t.pos += skip as u64;
        t.line
    }

    /// The line of a `csv` position (of a record or an error).
    pub(crate) fn of(&mut self, position: Option<&csv::Position>) -> Option<u32> {
        position.map(|p| self.line_of(p.byte()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<u32> {
        let (reader, mut at) = tracked(text.as_bytes());
        let mut r = csv::ReaderBuilder::new().buffer_capacity(4).from_reader(reader);
        let mut out = Vec::new();
        let mut rec = csv::StringRecord::new();
        while r.read_record(&mut rec).unwrap() {
            out.push(at.of(rec.position()).unwrap());
        }
        out
    }

    #[test]
    fn records_are_on_the_lines_an_editor_shows() {
        // Header on line 1; records on lines 2, 3, 4.
        assert_eq!(lines("h\na\nb\nc\n"), [2, 3, 4]);
        assert_eq!(lines("h\r\na\r\nb\r\nc\r\n"), [2, 3, 4]);
        // A blank line 2 and 4: the records are on lines 3 and 5.
        assert_eq!(lines("h\n\na\n\nb\n"), [3, 5]);
        assert_eq!(lines("h\r\n\r\na\r\n\r\nb"), [3, 5]);
        // A quoted field over two lines: the next record starts on line 4.
        assert_eq!(lines("h\n\"a\nstill a\"\nb\n"), [2, 4]);
    }

    #[test]
    fn located_bytes_are_dropped() {
        let text = "h,i\n".to_string() + &"a,b\n".repeat(10_000);
        let (reader, mut at) = tracked(text.as_bytes());
        let mut r = csv::ReaderBuilder::new().from_reader(reader);
        let mut rec = csv::StringRecord::new();
        let mut most = 0;
        while r.read_record(&mut rec).unwrap() {
            at.of(rec.position());
            most = most.max(at.tail.borrow().bytes.len());
        }
        // At most the csv reader's buffer (8 KiB) is held, not 40 KB.
        assert!(most <= 8 * 1024 + 4, "{most}");
    }
}
