//! A file's writes since its last fsync, as a page cache: 4 KiB pages over
//! the backing file, and the size the program sees. Written through (and
//! synced) at fsync; dropped at a power cut.

use std::collections::BTreeMap;
use std::fs::File;
use std::os::unix::fs::FileExt;

pub const PAGE: u64 = 4096;

/// A file's writes since its last fsync.
#[derive(Debug)]
pub struct Pending {
    /// The file's size as the program sees it.
    pub size: u64,
    /// Bytes of the backing file at or past this offset are not visible
    /// (the file was truncated below them since the last fsync).
    cut: u64,
    pages: BTreeMap<u64, Vec<u8>>,
}

impl Pending {
    pub fn new(backing_len: u64) -> Pending {
        Pending { size: backing_len, cut: backing_len, pages: BTreeMap::new() }
    }

    fn backing_page(&self, f: &File, idx: u64) -> Vec<u8> {
        let mut page = vec![0u8; PAGE as usize];
        let start = idx * PAGE;
        let end = self.cut.min(start + PAGE);
        if end > start {
            let _ = f.read_at(&mut page[..(end - start) as usize], start);
        }
        page
    }

    pub fn write(&mut self, f: &File, off: u64, data: &[u8]) {
        let mut done = 0usize;
        while done < data.len() {
            let pos = off + done as u64;
            let idx = pos / PAGE;
            let in_page = (pos % PAGE) as usize;
            let n = (PAGE as usize - in_page).min(data.len() - done);
            if !self.pages.contains_key(&idx) {
                let p = self.backing_page(f, idx);
                self.pages.insert(idx, p);
            }
            self.pages.get_mut(&idx).expect("inserted")[in_page..in_page + n].copy_from_slice(&data[done..done + n]);
            done += n;
        }
        self.size = self.size.max(off + data.len() as u64);
    }

    pub fn set_size(&mut self, n: u64) {
        if n < self.size {
            self.pages.retain(|idx, _| idx * PAGE < n);
            if let Some(p) = self.pages.get_mut(&(n / PAGE)) {
                p[(n % PAGE) as usize..].fill(0);
            }
            self.cut = self.cut.min(n);
        }
        self.size = n;
    }

    pub fn read(&self, f: &File, off: u64, len: u64) -> Vec<u8> {
        let end = (off + len).min(self.size);
        let mut out = Vec::new();
        let mut pos = off;
        while pos < end {
            let idx = pos / PAGE;
            let in_page = (pos % PAGE) as usize;
            let n = ((PAGE - pos % PAGE).min(end - pos)) as usize;
            match self.pages.get(&idx) {
                Some(p) => out.extend_from_slice(&p[in_page..in_page + n]),
                None => out.extend_from_slice(&self.backing_page(f, idx)[in_page..in_page + n]),
            }
            pos += n as u64;
        }
        out
    }

    /// Writes the pending state to the backing file and syncs it.
    pub fn persist(&self, f: &File) -> std::io::Result<()> {
        if self.cut < f.metadata()?.len() {
            f.set_len(self.cut)?;
        }
        for (idx, page) in &self.pages {
            let start = idx * PAGE;
            if start >= self.size {
                continue;
            }
            let end = self.size.min(start + PAGE);
            f.write_all_at(&page[..(end - start) as usize], start)?;
        }
        f.set_len(self.size)?;
        f.sync_all()
    }
}

#[cfg(test)]
mod tests {
    use std::fs::{self, OpenOptions};

    use super::*;

    #[test]
    fn pending_pages_read_back_and_persist_only_on_fsync() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        fs::write(&path, vec![1u8; 5000]).unwrap();
        let f = OpenOptions::new().read(true).write(true).open(&path).unwrap();
        let mut p = Pending::new(5000);
        p.write(&f, 4090, &[9u8; 20]);
        p.write(&f, 9000, &[7u8; 3]);
        assert_eq!(p.size, 9003);
        let r = p.read(&f, 4085, 30);
        assert_eq!(&r[..5], &[1u8; 5]);
        assert_eq!(&r[5..25], &[9u8; 20]);
        // Past the write, the backing file shows through (it has 5000 bytes).
        assert_eq!(&r[25..], &[1u8; 5]);
        assert_eq!(p.read(&f, 8990, 20), [vec![0u8; 10], vec![7u8; 3]].concat());
        // Not on disk until persisted.
        assert_eq!(fs::metadata(&path).unwrap().len(), 5000);
        p.set_size(4095);
        p.write(&f, 6000, &[3u8; 1]);
        p.persist(&f).unwrap();
        let on_disk = fs::read(&path).unwrap();
        assert_eq!(on_disk.len(), 6001);
        assert_eq!(&on_disk[4089..4095], &[1, 9, 9, 9, 9, 9]);
        assert!(on_disk[4095..6000].iter().all(|b| *b == 0));
        assert_eq!(on_disk[6000], 3);
    }
}
