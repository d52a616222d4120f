//! Files written on threads of their own, fed by a short queue, so that the render's threads
//! go on rendering while the kernel makes a write wait. Creating a file or a folder on a disk
//! can wait (a free inode looked for among recently deleted ones, dirty pages throttled); when
//! the render threads wrote their own files, a cold build of a million articles kept 1.4 of the
//! machine's two cores busy.
//!
//! Where writes do not wait (tmpfs, a disk with room to spare) a hand-over only costs: a
//! wake-up and a switch of threads per file, for work the render thread could do in less
//! time. So the render threads write their own files while writes are quick, and hand them
//! over only while the recent writes took long (see [`Pace`]).
//!
//! The order of the files does not matter: a render puts each file once, and a `keep` of a
//! file always comes before the `put` that replaces it (both go through here in order: a
//! `keep` is answered at once, a `put` written at once or queued behind it).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use crate::cache::outputs::{Group, Groups};
use crate::render::Sink;

/// Writer threads for a build. More threads than cores: while some wait in the kernel,
/// others write (at 100,000 articles on the disk, four took 13–22% off the wall time of a
/// cold build beside the render threads writing their own files).
pub const THREADS: usize = 4;

/// How many files may wait for a writer (some 40 KB each): enough to keep the writers fed
/// when the render threads are fast, little memory.
const QUEUE: usize = 64;

/// A write that took longer than this waited in the kernel (for the disk, for a lock, for
/// memory): a file on tmpfs or in the page cache takes some 20–40 µs, one that waits a
/// millisecond or more (measured here: 24 µs a file on tmpfs, 1.9 ms on a busy disk).
const WAITING_WRITE: Duration = Duration::from_micros(250);

/// How quickly [`Pace`] follows the latest writes: each write is this share of the average.
const PACE_SHARE: u64 = 8;

/// The recent time per written file, as a moving average over every thread's writes: it
/// decides whether the render threads write their files themselves or hand them over.
/// Updated without a lock (a lost update among threads only delays the average by a write).
#[derive(Default)]
struct Pace {
    nanos: AtomicU64,
}

impl Pace {
    fn record(&self, took: Duration) {
        let took = u64::try_from(took.as_nanos()).unwrap_or(u64::MAX);
        let old = self.nanos.load(Ordering::Relaxed);
        let new = old - old / PACE_SHARE + took / PACE_SHARE;
        self.nanos.store(new, Ordering::Relaxed);
    }

    /// Whether recent writes waited: files are then handed to the writer threads.
    fn writes_wait(&self) -> bool {
        self.nanos.load(Ordering::Relaxed) > WAITING_WRITE.as_nanos() as u64
    }
}

/// What the writers and the render's threads share.
struct Shared<'a> {
    sink: &'a dyn Sink,
    pace: Pace,
    /// The first failed write (it names the file): the result of the whole work.
    failure: Mutex<Option<anyhow::Error>>,
    failed: AtomicBool,
}

impl Shared<'_> {
    /// Puts one file in the sink, timed for [`Pace`]; a failure is kept as the result.
    fn write(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let started = Instant::now();
        let put = crate::internal_error::catch("writing files", || self.sink.put(path, bytes));
        self.pace.record(started.elapsed());
        crate::timing::add("write", started);
        put.map_err(|error| {
            let mut first = self.failure.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert(error);
            self.failed.store(true, Ordering::Relaxed);
            anyhow!("a file could not be written")
        })
    }
}

/// Runs `work` with a sink whose files are written at once while writes are quick, and
/// handed to `writers` threads that put them in `sink` while writes wait; returns when every
/// file is put. The first failed write is the result (it names the file), before any of
/// `work`'s: once a write failed, `work`'s next puts fail.
pub fn writing_behind<R>(
    sink: &dyn Sink,
    writers: usize,
    work: impl FnOnce(&dyn Sink) -> Result<R>,
) -> Result<R> {
    let (sender, receiver) = sync_channel::<(String, Vec<u8>)>(QUEUE);
    let receiver = Mutex::new(receiver);
    let shared = Shared {
        sink,
        pace: Pace::default(),
        failure: Mutex::new(None),
        failed: AtomicBool::new(false),
    };
    let done = std::thread::scope(|scope| {
        for _ in 0..writers.max(1) {
            scope.spawn(|| write_queued(&shared, &receiver));
        }
        let behind = WriteBehind {
            shared: &shared,
            sender,
        };
        work(&behind)
        // `behind` and its sender are dropped here: the writers finish the queue and stop.
    });
    match shared
        .failure
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
    {
        Some(error) => Err(error),
        None => done,
    }
}

/// One writer: puts queued files until the queue is closed. After a failure (its own or
/// another thread's) it only empties the queue, so that no put waits forever.
fn write_queued(shared: &Shared, receiver: &Mutex<Receiver<(String, Vec<u8>)>>) {
    loop {
        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((path, bytes)) = next else {
            return;
        };
        if shared.failed.load(Ordering::Relaxed) {
            continue;
        }
        // A failure is kept in `shared`: the work sees it at its next put.
        let _ = shared.write(&path, &bytes);
    }
}

/// The sink `work` sees: puts are written at once or queued for the writers, the rest goes
/// to the sink at once.
struct WriteBehind<'a> {
    shared: &'a Shared<'a>,
    sender: SyncSender<(String, Vec<u8>)>,
}

impl Sink for WriteBehind<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.check()?;
        match self.shared.pace.writes_wait() {
            true => self.hand_over(path, bytes.to_vec()),
            false => self.shared.write(path, bytes),
        }
    }

    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.check()?;
        match self.shared.pace.writes_wait() {
            true => self.hand_over(path, bytes),
            false => self.shared.write(path, &bytes),
        }
    }

    fn keep(&self, path: &str) -> Result<bool> {
        self.shared.sink.keep(path)
    }

    fn keep_group(
        &self,
        key: &str,
        group: &Group,
        signature: u64,
        previous: &Groups,
    ) -> Result<bool> {
        self.shared.sink.keep_group(key, group, signature, previous)
    }
}

impl WriteBehind<'_> {
    /// An error once any write failed.
    fn check(&self) -> Result<()> {
        match self.shared.failed.load(Ordering::Relaxed) {
            true => Err(anyhow!("a file could not be written")),
            false => Ok(()),
        }
    }

    /// Queues a file for the writers (waiting while the queue is full).
    fn hand_over(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        self.sender
            .send((path.to_string(), bytes))
            .map_err(|_| anyhow!("the writers stopped"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::thread::ThreadId;

    /// Keeps what is put and the thread that put it; fails on a path named `bad`; each put
    /// takes at least `delay` (a disk that makes writes wait).
    #[derive(Default)]
    struct Files {
        files: Mutex<BTreeMap<String, (Vec<u8>, ThreadId)>>,
        kept: Mutex<Vec<String>>,
        delay: Duration,
    }

    impl Files {
        fn slow() -> Files {
            Files {
                delay: WAITING_WRITE * 4,
                ..Files::default()
            }
        }
    }

    impl Sink for Files {
        fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
            std::thread::sleep(self.delay);
            if path.ends_with("bad") {
                anyhow::bail!("cannot write {path}");
            }
            let mut files = self.files.lock().unwrap();
            let put = (bytes.into(), std::thread::current().id());
            assert!(files.insert(path.into(), put).is_none());
            Ok(())
        }

        fn keep(&self, path: &str) -> Result<bool> {
            self.kept.lock().unwrap().push(path.into());
            Ok(path.starts_with("old"))
        }
    }

    /// Puts 500 pages and a robots.txt, keeps two files; returns the work's thread.
    fn put_a_site(files: &Files) -> ThreadId {
        let answer = writing_behind(files, 3, |sink| {
            for n in 0..500 {
                sink.put_owned(&format!("{n}/index.html"), format!("page {n}").into_bytes())?;
            }
            sink.put("robots.txt", b"User-agent: *")?;
            assert!(sink.keep("old/a.html")?);
            assert!(!sink.keep("new/b.html")?);
            Ok(std::thread::current().id())
        });
        answer.unwrap()
    }

    #[test]
    fn every_file_is_put_by_the_time_it_returns_written_at_once_or_handed_over() {
        for files in [Files::default(), Files::slow()] {
            put_a_site(&files);
            let written = files.files.into_inner().unwrap();
            assert_eq!(written.len(), 501);
            assert_eq!(written["499/index.html"].0, b"page 499");
            assert_eq!(written["robots.txt"].0, b"User-agent: *");
            assert_eq!(
                files.kept.into_inner().unwrap(),
                ["old/a.html", "new/b.html"]
            );
        }
    }

    #[test]
    fn files_are_handed_to_the_writers_once_writes_wait() {
        let files = Files::slow();
        let worker = put_a_site(&files);
        let written = files.files.into_inner().unwrap();
        // Nothing had waited before the first file: the work wrote it.
        assert_eq!(written["0/index.html"].1, worker);
        let by_writers = written.values().filter(|(_, id)| *id != worker).count();
        assert!(by_writers > 400, "{by_writers} of 501 files put by writers");
    }

    #[test]
    fn the_pace_follows_the_latest_writes() {
        let pace = Pace::default();
        assert!(!pace.writes_wait());
        for _ in 0..3 {
            pace.record(WAITING_WRITE * 4);
        }
        assert!(pace.writes_wait());
        for _ in 0..20 {
            pace.record(Duration::from_micros(20));
        }
        assert!(!pace.writes_wait());
    }

    #[test]
    fn a_failed_write_is_the_error_and_stops_the_work() {
        // Good files first (on the slow sink, enough for the writers to take over), then a
        // bad one: written at once it fails its own put; handed over, one writer marks the
        // failure before it takes the next file, so at most a queue's worth of puts (and one
        // waiting for room) go through after it.
        const BAD: usize = 5;
        for files in [Files::default(), Files::slow()] {
            let mut refused_at = None;
            let result: Result<()> = writing_behind(&files, 1, |sink| {
                for n in 0..100_000 {
                    let path = match n {
                        BAD => "1/bad".to_string(),
                        n => format!("{n}.html"),
                    };
                    if sink.put_owned(&path, vec![b'x']).is_err() {
                        refused_at = Some(n);
                        break;
                    }
                }
                Ok(())
            });
            let error = result.unwrap_err().to_string();
            assert_eq!(error, "cannot write 1/bad");
            let refused_at = refused_at.expect("the work went on after the failure");
            // 0 when the bad file's own put failed.
            let later = refused_at - BAD;
            assert!(later <= QUEUE + 2, "refused {later} puts after the bad one");
        }
    }

    #[test]
    fn the_work_s_own_error_is_returned_when_every_write_succeeded() {
        for files in [Files::default(), Files::slow()] {
            let result: Result<()> = writing_behind(&files, 2, |sink| {
                sink.put_owned("a.html", b"a".to_vec())?;
                anyhow::bail!("a template failed")
            });
            assert_eq!(result.unwrap_err().to_string(), "a template failed");
            assert_eq!(files.files.into_inner().unwrap().len(), 1);
        }
    }
}
