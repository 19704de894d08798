//! Line numbers in CSV files as an editor counts them: 1-based, the header
//! is line 1, blank lines count, and a Windows line end (`\r\n`) is one
//! line end. The `csv` crate's own line count is one short after `\r\n`
//! (it ends a record at the `\r`), so problems are located by the record's
//! byte offset instead.

/// Maps byte offsets of records (in increasing order) to editor lines.
pub(crate) struct EditorLines<'a> {
    text: &'a [u8],
    /// Bytes before `pos` hold `line - 1` line ends.
    pos: usize,
    line: u32,
}

impl<'a> EditorLines<'a> {
    pub(crate) fn new(text: &'a [u8]) -> EditorLines<'a> {
        EditorLines { text, pos: 0, line: 1 }
    }

    /// The line of the record (or error) that `csv` places at `byte`. The
    /// offset may point at the line ends before the record's first
    /// character; those are skipped.
    pub(crate) fn line_of(&mut self, byte: u64) -> u32 {
        let mut at = usize::try_from(byte).unwrap_or(usize::MAX).min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.pos {
            (self.pos, self.line) = (0, 1);
        }
        let ends = self.text[self.pos..at].iter().filter(|b| **b == b'\n').count();
        self.line += u32::try_from(ends).unwrap_or(u32::MAX);
        self.pos = at;
        self.line
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
        let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut at = EditorLines::new(text.as_bytes());
        r.records().map(|rec| at.of(rec.unwrap().position()).unwrap()).collect()
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
}
