//! A FUSE passthrough file system that, like LazyFS, keeps every file's
//! writes since its last fsync in memory (a page cache of 4 KiB pages and
//! the file's pending size) and drops them at a simulated power cut.
//!
//! The model, stated: file data and sizes (write, truncate) are durable
//! only after fsync/fdatasync of that file; metadata operations (create,
//! mkdir, rename, unlink) reach the backing directory at once, as LazyFS
//! does by default. Files are opened with direct I/O, so the kernel keeps
//! no page cache of its own and every read sees what this file system
//! holds.

use std::collections::HashMap;
use std::ffi::OsStr;
use std::fs::{self, File, OpenOptions};
use std::os::unix::fs::{FileExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, UNIX_EPOCH};

use fuser::consts::FOPEN_DIRECT_IO;
use fuser::{
    FileAttr, FileType, Filesystem, ReplyAttr, ReplyCreate, ReplyData, ReplyDirectory, ReplyEmpty, ReplyEntry,
    ReplyOpen, ReplyWrite, Request, TimeOrNow,
};
use libc::{EIO, ENOENT};

use crate::pending::{PAGE, Pending};

const TTL: Duration = Duration::ZERO;

/// What the harness shares with the file system.
#[derive(Default)]
pub struct State {
    pending: HashMap<PathBuf, Pending>,
    pub fsyncs: u64,
    pub writes: u64,
}

impl State {
    /// The power cut: everything not fsynced is gone. Returns the number
    /// of files that had unsynced writes.
    pub fn cut_power(&mut self) -> usize {
        let n = self.pending.len();
        self.pending.clear();
        n
    }
}

pub struct LazyFs {
    root: PathBuf,
    paths: HashMap<u64, PathBuf>,
    inos: HashMap<PathBuf, u64>,
    next: u64,
    state: Arc<Mutex<State>>,
}

impl LazyFs {
    pub fn new(root: &Path, state: Arc<Mutex<State>>) -> LazyFs {
        let mut fs = LazyFs { root: root.to_path_buf(), paths: HashMap::new(), inos: HashMap::new(), next: 2, state };
        fs.paths.insert(fuser::FUSE_ROOT_ID, PathBuf::new());
        fs.inos.insert(PathBuf::new(), fuser::FUSE_ROOT_ID);
        fs
    }

    fn real(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }

    fn ino_of(&mut self, rel: &Path) -> u64 {
        if let Some(i) = self.inos.get(rel) {
            return *i;
        }
        let i = self.next;
        self.next += 1;
        self.paths.insert(i, rel.to_path_buf());
        self.inos.insert(rel.to_path_buf(), i);
        i
    }

    fn child(&self, parent: u64, name: &OsStr) -> Option<PathBuf> {
        self.paths.get(&parent).map(|p| p.join(name))
    }

    fn attr(&self, ino: u64, rel: &Path) -> std::io::Result<FileAttr> {
        let m = fs::symlink_metadata(self.real(rel))?;
        let kind = if m.is_dir() {
            FileType::Directory
        } else if m.file_type().is_symlink() {
            FileType::Symlink
        } else {
            FileType::RegularFile
        };
        let size = self.state.lock().unwrap().pending.get(rel).map_or(m.len(), |p| p.size);
        let t = |s: i64, ns: i64| UNIX_EPOCH + Duration::new(s.max(0) as u64, ns as u32);
        Ok(FileAttr {
            ino,
            size,
            blocks: size.div_ceil(512),
            atime: t(m.atime(), m.atime_nsec()),
            mtime: t(m.mtime(), m.mtime_nsec()),
            ctime: t(m.ctime(), m.ctime_nsec()),
            crtime: t(m.ctime(), m.ctime_nsec()),
            kind,
            perm: (m.mode() & 0o7777) as u16,
            nlink: m.nlink() as u32,
            uid: m.uid(),
            gid: m.gid(),
            rdev: m.rdev() as u32,
            blksize: PAGE as u32,
            flags: 0,
        })
    }

    fn entry(&mut self, rel: PathBuf, reply: ReplyEntry) {
        let ino = self.ino_of(&rel);
        match self.attr(ino, &rel) {
            Ok(a) => reply.entry(&TTL, &a, 0),
            Err(_) => reply.error(ENOENT),
        }
    }

    fn forget_path(&mut self, rel: &Path) {
        if let Some(i) = self.inos.remove(rel) {
            self.paths.remove(&i);
        }
        self.state.lock().unwrap().pending.remove(rel);
    }

    /// Applies `f` to the file's pending state, created from the backing
    /// file if there is none yet.
    fn with_pending<T>(&self, rel: &Path, f: impl FnOnce(&mut Pending, &File) -> T) -> std::io::Result<T> {
        let file = OpenOptions::new().read(true).open(self.real(rel))?;
        let mut st = self.state.lock().unwrap();
        let len = file.metadata()?.len();
        let p = st.pending.entry(rel.to_path_buf()).or_insert_with(|| Pending::new(len));
        Ok(f(p, &file))
    }
}

fn errno(e: std::io::Error) -> i32 {
    e.raw_os_error().unwrap_or(EIO)
}

impl Filesystem for LazyFs {
    fn lookup(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEntry) {
        match self.child(parent, name) {
            Some(rel) => self.entry(rel, reply),
            None => reply.error(ENOENT),
        }
    }

    fn getattr(&mut self, _req: &Request<'_>, ino: u64, _fh: Option<u64>, reply: ReplyAttr) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        match self.attr(ino, &rel) {
            Ok(a) => reply.attr(&TTL, &a),
            Err(e) => reply.error(errno(e)),
        }
    }

    fn setattr(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        mode: Option<u32>,
        _uid: Option<u32>,
        _gid: Option<u32>,
        size: Option<u64>,
        _atime: Option<TimeOrNow>,
        _mtime: Option<TimeOrNow>,
        _ctime: Option<std::time::SystemTime>,
        _fh: Option<u64>,
        _crtime: Option<std::time::SystemTime>,
        _chgtime: Option<std::time::SystemTime>,
        _bkuptime: Option<std::time::SystemTime>,
        _flags: Option<u32>,
        reply: ReplyAttr,
    ) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        if let Some(m) = mode
            && let Err(e) = fs::set_permissions(self.real(&rel), fs::Permissions::from_mode(m))
        {
            return reply.error(errno(e));
        }
        if let Some(n) = size
            && let Err(e) = self.with_pending(&rel, |p, _| p.set_size(n))
        {
            return reply.error(errno(e));
        }
        match self.attr(ino, &rel) {
            Ok(a) => reply.attr(&TTL, &a),
            Err(e) => reply.error(errno(e)),
        }
    }

    fn mkdir(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, mode: u32, _umask: u32, reply: ReplyEntry) {
        let Some(rel) = self.child(parent, name) else { return reply.error(ENOENT) };
        let real = self.real(&rel);
        if let Err(e) = fs::create_dir(&real).and_then(|_| fs::set_permissions(&real, fs::Permissions::from_mode(mode)))
        {
            return reply.error(errno(e));
        }
        self.entry(rel, reply);
    }

    fn unlink(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        let Some(rel) = self.child(parent, name) else { return reply.error(ENOENT) };
        match fs::remove_file(self.real(&rel)) {
            Ok(()) => {
                self.forget_path(&rel);
                reply.ok()
            }
            Err(e) => reply.error(errno(e)),
        }
    }

    fn rmdir(&mut self, _req: &Request<'_>, parent: u64, name: &OsStr, reply: ReplyEmpty) {
        let Some(rel) = self.child(parent, name) else { return reply.error(ENOENT) };
        match fs::remove_dir(self.real(&rel)) {
            Ok(()) => {
                self.forget_path(&rel);
                reply.ok()
            }
            Err(e) => reply.error(errno(e)),
        }
    }

    fn rename(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        newparent: u64,
        newname: &OsStr,
        _flags: u32,
        reply: ReplyEmpty,
    ) {
        let (Some(from), Some(to)) = (self.child(parent, name), self.child(newparent, newname)) else {
            return reply.error(ENOENT);
        };
        if let Err(e) = fs::rename(self.real(&from), self.real(&to)) {
            return reply.error(errno(e));
        }
        self.forget_path(&to);
        // Move the inode numbers and pending writes of `from` and anything
        // under it.
        let moved: Vec<(PathBuf, u64)> =
            self.inos.iter().filter(|(p, _)| p.starts_with(&from)).map(|(p, i)| (p.clone(), *i)).collect();
        let mut st = self.state.lock().unwrap();
        for (old, ino) in moved {
            let rest = old.strip_prefix(&from).expect("prefix");
            // (`join("")` would add a trailing slash.)
            let new = if rest.as_os_str().is_empty() { to.clone() } else { to.join(rest) };
            self.inos.remove(&old);
            self.inos.insert(new.clone(), ino);
            self.paths.insert(ino, new.clone());
            if let Some(p) = st.pending.remove(&old) {
                st.pending.insert(new, p);
            }
        }
        drop(st);
        reply.ok();
    }

    fn open(&mut self, _req: &Request<'_>, ino: u64, flags: i32, reply: ReplyOpen) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        if flags & libc::O_TRUNC != 0
            && let Err(e) = self.with_pending(&rel, |p, _| p.set_size(0))
        {
            return reply.error(errno(e));
        }
        reply.opened(0, FOPEN_DIRECT_IO);
    }

    fn create(
        &mut self,
        _req: &Request<'_>,
        parent: u64,
        name: &OsStr,
        mode: u32,
        _umask: u32,
        flags: i32,
        reply: ReplyCreate,
    ) {
        let Some(rel) = self.child(parent, name) else { return reply.error(ENOENT) };
        let real = self.real(&rel);
        let existed = real.exists();
        let made = OpenOptions::new().write(true).create(true).open(&real).and_then(|f| {
            if !existed {
                f.set_permissions(fs::Permissions::from_mode(mode & 0o7777))?;
            }
            Ok(())
        });
        if let Err(e) = made {
            return reply.error(errno(e));
        }
        if existed
            && flags & libc::O_TRUNC != 0
            && let Err(e) = self.with_pending(&rel, |p, _| p.set_size(0))
        {
            return reply.error(errno(e));
        }
        let ino = self.ino_of(&rel);
        match self.attr(ino, &rel) {
            Ok(a) => reply.created(&TTL, &a, 0, 0, FOPEN_DIRECT_IO),
            Err(e) => reply.error(errno(e)),
        }
    }

    fn read(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        size: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyData,
    ) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        let file = match File::open(self.real(&rel)) {
            Ok(f) => f,
            Err(e) => return reply.error(errno(e)),
        };
        let st = self.state.lock().unwrap();
        let data = match st.pending.get(&rel) {
            Some(p) => p.read(&file, offset as u64, size as u64),
            None => {
                let mut buf = vec![0u8; size as usize];
                let mut got = 0;
                while got < buf.len() {
                    match file.read_at(&mut buf[got..], offset as u64 + got as u64) {
                        Ok(0) => break,
                        Ok(n) => got += n,
                        Err(e) => return reply.error(errno(e)),
                    }
                }
                buf.truncate(got);
                buf
            }
        };
        reply.data(&data);
    }

    fn write(
        &mut self,
        _req: &Request<'_>,
        ino: u64,
        _fh: u64,
        offset: i64,
        data: &[u8],
        _write_flags: u32,
        _flags: i32,
        _lock_owner: Option<u64>,
        reply: ReplyWrite,
    ) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        match self.with_pending(&rel, |p, f| p.write(f, offset as u64, data)) {
            Ok(()) => {
                self.state.lock().unwrap().writes += 1;
                reply.written(data.len() as u32)
            }
            Err(e) => reply.error(errno(e)),
        }
    }

    fn flush(&mut self, _req: &Request<'_>, _ino: u64, _fh: u64, _lock_owner: u64, reply: ReplyEmpty) {
        // close() is not fsync: nothing becomes durable here.
        reply.ok();
    }

    fn release(
        &mut self,
        _req: &Request<'_>,
        _ino: u64,
        _fh: u64,
        _flags: i32,
        _lock_owner: Option<u64>,
        _flush: bool,
        reply: ReplyEmpty,
    ) {
        reply.ok();
    }

    fn fsync(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, _datasync: bool, reply: ReplyEmpty) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        let mut st = self.state.lock().unwrap();
        st.fsyncs += 1;
        let Some(p) = st.pending.remove(&rel) else { return reply.ok() };
        let result = OpenOptions::new().read(true).write(true).open(self.real(&rel)).and_then(|f| p.persist(&f));
        match result {
            Ok(()) => reply.ok(),
            Err(e) => {
                st.pending.insert(rel, p);
                reply.error(errno(e))
            }
        }
    }

    fn opendir(&mut self, _req: &Request<'_>, _ino: u64, _flags: i32, reply: ReplyOpen) {
        reply.opened(0, 0);
    }

    fn readdir(&mut self, _req: &Request<'_>, ino: u64, _fh: u64, offset: i64, mut reply: ReplyDirectory) {
        let Some(rel) = self.paths.get(&ino).cloned() else { return reply.error(ENOENT) };
        let mut names: Vec<(String, FileType)> =
            vec![(".".into(), FileType::Directory), ("..".into(), FileType::Directory)];
        let list = match fs::read_dir(self.real(&rel)) {
            Ok(l) => l,
            Err(e) => return reply.error(errno(e)),
        };
        let mut more: Vec<(String, FileType)> = list
            .filter_map(|e| e.ok())
            .map(|e| {
                let kind = if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                    FileType::Directory
                } else {
                    FileType::RegularFile
                };
                (e.file_name().to_string_lossy().into_owned(), kind)
            })
            .collect();
        more.sort_by(|a, b| a.0.cmp(&b.0));
        names.extend(more);
        for (i, (name, kind)) in names.into_iter().enumerate().skip(offset as usize) {
            let child_ino = match name.as_str() {
                "." | ".." => ino,
                _ => self.ino_of(&rel.join(&name)),
            };
            if reply.add(child_ino, (i + 1) as i64, kind, &name) {
                break;
            }
        }
        reply.ok();
    }

    fn releasedir(&mut self, _req: &Request<'_>, _ino: u64, _fh: u64, _flags: i32, reply: ReplyEmpty) {
        reply.ok();
    }

    fn fsyncdir(&mut self, _req: &Request<'_>, _ino: u64, _fh: u64, _datasync: bool, reply: ReplyEmpty) {
        // Metadata is durable at once in this model.
        reply.ok();
    }

    fn access(&mut self, _req: &Request<'_>, _ino: u64, _mask: i32, reply: ReplyEmpty) {
        reply.ok();
    }
}
