//! The fast path for a course JSON file: the file is read in large chunks and
//! each course is parsed from the chunk in memory (serde_json on a slice is
//! several times faster than on a reader), into reused buffers. Anything but
//! the plain shape — `{"courses": [ {...}, ... ]}` or a bare array of course
//! objects — or any error makes it give up; the caller then reads the whole
//! file again the careful way, so that what is accepted and every message
//! stay exactly those of [`super::course_file::read_json`].

use std::cell::RefCell;
use std::io::{self, Read};

use serde::de::{Deserialize, DeserializeSeed, Deserializer};

use super::course_in::RawCourse;
use super::course_json::{CourseSeed, RawBuf};

const CHUNK: usize = 1 << 20;

thread_local! {
    /// The course being read (serde's stream reader hands out values, not
    /// seeds, so the buffer is reached from here).
    static BUF: RefCell<RawBuf> = RefCell::new(RawBuf::default());
}

/// One course, read into the thread's [`BUF`].
struct One;

impl<'de> Deserialize<'de> for One {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<One, D::Error> {
        BUF.with_borrow_mut(|b| {
            b.reset();
            CourseSeed(b).deserialize(d)
        })
        .map(|()| One)
    }
}

/// Whether the fast path read the whole file.
pub(super) enum Fast {
    Done,
    GaveUp,
}

struct Chunks<R> {
    r: R,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
}

impl<R: Read> Chunks<R> {
    /// Drops what was used and reads up to another chunk.
    fn fill(&mut self) -> io::Result<()> {
        self.buf.drain(..self.pos);
        self.pos = 0;
        let want = self.buf.len() + CHUNK;
        while self.buf.len() < want && !self.eof {
            let len = self.buf.len();
            self.buf.resize(want, 0);
            match self.r.read(&mut self.buf[len..]) {
                Ok(n) => {
                    self.buf.truncate(len + n);
                    self.eof = n == 0;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => self.buf.truncate(len),
                Err(e) => {
                    self.buf.truncate(len);
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// The next byte that is not JSON whitespace, not taken.
    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            while let Some(&b) = self.buf.get(self.pos) {
                if !matches!(b, b' ' | b'\n' | b'\t' | b'\r') {
                    return Ok(Some(b));
                }
                self.pos += 1;
            }
            if self.eof {
                return Ok(None);
            }
            self.fill()?;
        }
    }

    /// Takes `text` if it comes next (after whitespace).
    fn take(&mut self, text: &[u8]) -> io::Result<bool> {
        if self.peek()?.is_none() {
            return Ok(false);
        }
        if self.buf.len() - self.pos < text.len() && !self.eof {
            self.fill()?;
        }
        let ok = self.buf[self.pos..].starts_with(text);
        if ok {
            self.pos += text.len();
        }
        Ok(ok)
    }

    /// Parses the course object that starts here, handing it to `each`.
    fn course(&mut self, each: &mut dyn FnMut(&RawCourse)) -> io::Result<bool> {
        loop {
            let mut stream = serde_json::Deserializer::from_slice(&self.buf[self.pos..]).into_iter::<One>();
            match stream.next() {
                Some(Ok(One)) => {
                    self.pos += stream.byte_offset();
                    BUF.with_borrow(|b| each(&b.raw));
                    return Ok(true);
                }
                // Cut at the chunk's end: read on and parse it again.
                Some(Err(e)) if e.is_eof() && !self.eof => self.fill()?,
                _ => return Ok(false),
            }
        }
    }
}

/// Reads the courses of the file in order, handing each to `each`; gives up
/// (having handed over some) at the first thing out of the ordinary.
pub(super) fn read<R: Read>(r: R, each: &mut dyn FnMut(&RawCourse)) -> io::Result<Fast> {
    let mut c = Chunks { r, buf: Vec::with_capacity(2 * CHUNK), pos: 0, eof: false };
    c.fill()?;
    let object = if c.take(b"{")? {
        if !(c.take(b"\"courses\"")? && c.take(b":")? && c.take(b"[")?) {
            return Ok(Fast::GaveUp);
        }
        true
    } else if c.take(b"[")? {
        false
    } else {
        return Ok(Fast::GaveUp);
    };
    if !c.take(b"]")? {
        loop {
            if c.peek()? != Some(b'{') || !c.course(each)? {
                return Ok(Fast::GaveUp);
            }
            if c.take(b"]")? {
                break;
            }
            if !c.take(b",")? {
                return Ok(Fast::GaveUp);
            }
        }
    }
    if object && !c.take(b"}")? {
        return Ok(Fast::GaveUp);
    }
    Ok(if c.peek()?.is_none() { Fast::Done } else { Fast::GaveUp })
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;
    use crate::contract::{ContractSet, Problem};
    use crate::course::Course;
    use crate::wire::course_file::{read_json, read_json_seekable};

    fn contracts() -> ContractSet {
        let (set, problems, _) = crate::load::load_contracts(&[std::path::PathBuf::from("contracts")]);
        assert!(problems.is_empty(), "{problems:?}");
        set
    }

    /// 3,000 generated courses: about 3 MB, so courses are cut at the chunk ends.
    fn batch() -> Vec<serde_json::Value> {
        let mut rng = crate::generate::Rng::new(5);
        (0..3000).map(|n| serde_json::to_value(crate::generate::course(&mut rng, n)).unwrap()).collect()
    }

    fn fast_only(text: &str) -> bool {
        matches!(read(text.as_bytes(), &mut |_| {}), Ok(Fast::Done))
    }

    fn both(set: &ContractSet, text: &str) -> [Result<Vec<Course>, Vec<Problem>>; 2] {
        let mut fast = Vec::new();
        let r = read_json_seekable(Cursor::new(text), set, "t.json", &mut fast).map(|()| fast);
        [r, read_json(text.as_bytes(), set, "t.json")]
    }

    #[test]
    fn the_chunked_reader_gives_what_the_stream_reader_gives() {
        let set = contracts();
        let courses = batch();
        let compact = serde_json::json!({ "courses": courses }).to_string();
        assert!(compact.len() > 2 * CHUNK);
        let pretty = serde_json::to_string_pretty(&serde_json::json!({ "courses": courses })).unwrap();
        let bare = serde_json::Value::Array(courses.clone()).to_string();
        // The plain shapes are read by the fast path to the end.
        for text in [&compact, &pretty, &bare, &"{\"courses\":[]}".to_string(), &" [ ] ".to_string()] {
            assert!(fast_only(text), "{}", &text[..text.len().min(40)]);
            let [fast, slow] = both(&set, text);
            assert_eq!(fast, slow);
        }
        assert_eq!(both(&set, &compact)[0].as_ref().map(Vec::len), Ok(3000));
        // Anything else: the same courses, or the same problems.
        let cut = compact.len() / 2;
        let mut bad_date = courses.clone();
        bad_date[2500]["referred_on"] = "2025-02-30".into();
        let mut dup = courses.clone();
        dup[2999]["course_id"] = dup[0]["course_id"].clone();
        let mut unknown = courses.clone();
        unknown[2000]["colour"] = "red".into();
        let mut number = courses.clone();
        number[1500]["citizen"] = 7.into();
        let mut as_array = courses[..3].to_vec();
        as_array.push(serde_json::json!(["c-x", "p-x", "lejre-jobparate", "dagpenge", "2025-06-01"]));
        let variants = [
            serde_json::json!({ "courses": bad_date }).to_string(),
            serde_json::json!({ "courses": dup }).to_string(),
            serde_json::json!({ "courses": unknown }).to_string(),
            serde_json::json!({ "courses": number }).to_string(),
            serde_json::json!({ "courses": as_array }).to_string(),
            compact[..cut].to_string(),
            compact.replacen("},{", "},,{", 1),
            compact.replacen("]}", ",]}", 1),
            compact.replacen("]}", "],\"more\":1}", 1),
            format!("{compact} x"),
            format!("\u{feff}{compact}"),
            compact.replacen("\"courses\"", "\"cour\\u0073es\"", 1),
            "{}".to_string(),
            String::new(),
            "[null]".to_string(),
        ];
        for text in &variants {
            let [fast, slow] = both(&set, text);
            assert!(fast == slow, "{:?} / {:?}", fast.map(|c| c.len()), slow.map(|c| c.len()));
        }
    }
}
