//! Files written on threads of their own, fed by a short queue, so that the render's threads
//! go on rendering while the kernel makes a write wait. Creating a file or a folder on a disk
//! can wait (a free inode looked for among recently deleted ones, dirty pages throttled); when
//! the render threads wrote their own files, a cold build of a million articles kept 1.4 of the
//! machine's two cores busy.
//!
//! The order of the files does not matter: a render puts each file once, and a `keep` of a
//! file always comes before the `put` that replaces it (both go through here in order: a
//! `keep` is answered at once, a `put` queued behind it).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use anyhow::{Result, anyhow};

use crate::cache::outputs::Group;
use crate::render::Sink;

/// Writer threads for a build. More threads than cores: while some wait in the kernel,
/// others write (at 100,000 articles on the disk, four took 13–22% off the wall time of a
/// cold build beside the render threads writing their own files).
pub const THREADS: usize = 4;

/// How many files may wait for a writer (some 40 KB each): enough to keep the writers fed
/// when the render threads are fast, little memory.
const QUEUE: usize = 64;

/// Runs `work` with a sink whose files are handed to `writers` threads that put them in
/// `sink`; returns when every file is put. The first error of a writer is the result (it
/// names the file), before any of `work`'s: once a write failed, `work`'s next puts fail.
pub fn writing_behind<R>(
    sink: &dyn Sink,
    writers: usize,
    work: impl FnOnce(&dyn Sink) -> Result<R>,
) -> Result<R> {
    let (sender, receiver) = sync_channel::<(String, Vec<u8>)>(QUEUE);
    let receiver = Mutex::new(receiver);
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    let failed = AtomicBool::new(false);
    let done = std::thread::scope(|scope| {
        for _ in 0..writers.max(1) {
            scope.spawn(|| write_queued(sink, &receiver, &failure, &failed));
        }
        let behind = WriteBehind {
            sink,
            sender,
            failed: &failed,
        };
        work(&behind)
        // `behind` and its sender are dropped here: the writers finish the queue and stop.
    });
    match failure.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some(error) => Err(error),
        None => done,
    }
}

/// One writer: puts queued files until the queue is closed. After a failure (its own or
/// another writer's) it only empties the queue, so that no put waits forever.
fn write_queued(
    sink: &dyn Sink,
    receiver: &Mutex<Receiver<(String, Vec<u8>)>>,
    failure: &Mutex<Option<anyhow::Error>>,
    failed: &AtomicBool,
) {
    loop {
        let next = receiver.lock().unwrap_or_else(|e| e.into_inner()).recv();
        let Ok((path, bytes)) = next else {
            return;
        };
        if failed.load(Ordering::Relaxed) {
            continue;
        }
        let started = std::time::Instant::now();
        let put = crate::internal_error::catch("writing files", || sink.put(&path, &bytes));
        crate::timing::add("write", started);
        if let Err(error) = put {
            let mut first = failure.lock().unwrap_or_else(|e| e.into_inner());
            first.get_or_insert(error);
            failed.store(true, Ordering::Relaxed);
        }
    }
}

/// The sink `work` sees: puts are queued for the writers, the rest goes to the sink at once.
struct WriteBehind<'a> {
    sink: &'a dyn Sink,
    sender: SyncSender<(String, Vec<u8>)>,
    failed: &'a AtomicBool,
}

impl Sink for WriteBehind<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_owned(path, bytes.to_vec())
    }

    fn put_owned(&self, path: &str, bytes: Vec<u8>) -> Result<()> {
        if self.failed.load(Ordering::Relaxed) {
            return Err(anyhow!("a file could not be written"));
        }
        self.sender
            .send((path.to_string(), bytes))
            .map_err(|_| anyhow!("the writers stopped"))
    }

    fn keep(&self, path: &str) -> Result<bool> {
        self.sink.keep(path)
    }

    fn keep_group(&self, key: &str, group: &Group, unchanged: bool) -> Result<bool> {
        self.sink.keep_group(key, group, unchanged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Keeps what is put; fails on a path named `bad`.
    #[derive(Default)]
    struct Files {
        files: Mutex<BTreeMap<String, Vec<u8>>>,
        kept: Mutex<Vec<String>>,
    }

    impl Sink for Files {
        fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
            if path.ends_with("bad") {
                anyhow::bail!("cannot write {path}");
            }
            let mut files = self.files.lock().unwrap();
            assert!(files.insert(path.into(), bytes.into()).is_none());
            Ok(())
        }

        fn keep(&self, path: &str) -> Result<bool> {
            self.kept.lock().unwrap().push(path.into());
            Ok(path.starts_with("old"))
        }
    }

    #[test]
    fn every_file_is_put_by_the_time_it_returns() {
        let files = Files::default();
        let answer = writing_behind(&files, 3, |sink| {
            for n in 0..500 {
                sink.put_owned(&format!("{n}/index.html"), format!("page {n}").into_bytes())?;
            }
            sink.put("robots.txt", b"User-agent: *")?;
            assert!(sink.keep("old/a.html")?);
            assert!(!sink.keep("new/b.html")?);
            Ok(42)
        });
        assert_eq!(answer.unwrap(), 42);
        let written = files.files.into_inner().unwrap();
        assert_eq!(written.len(), 501);
        assert_eq!(written["499/index.html"], b"page 499");
        assert_eq!(written["robots.txt"], b"User-agent: *");
        assert_eq!(
            files.kept.into_inner().unwrap(),
            ["old/a.html", "new/b.html"]
        );
    }

    #[test]
    fn a_failed_write_is_the_error_and_stops_the_work() {
        let files = Files::default();
        let mut refused_at = None;
        // One writer: it marks the failure before it takes the next file, so at most a
        // queue's worth of puts go through after the failed one.
        let result: Result<()> = writing_behind(&files, 1, |sink| {
            sink.put_owned("1/bad", b"x".to_vec())?;
            for n in 0..100_000 {
                if sink.put_owned(&format!("{n}.html"), vec![b'x']).is_err() {
                    refused_at = Some(n);
                    break;
                }
            }
            Ok(())
        });
        let error = result.unwrap_err().to_string();
        assert_eq!(error, "cannot write 1/bad");
        let refused_at = refused_at.expect("the work went on after the failure");
        assert!(refused_at <= QUEUE + 1, "refused only at put {refused_at}");
    }

    #[test]
    fn the_work_s_own_error_is_returned_when_every_write_succeeded() {
        let files = Files::default();
        let result: Result<()> = writing_behind(&files, 2, |sink| {
            sink.put_owned("a.html", b"a".to_vec())?;
            anyhow::bail!("a template failed")
        });
        assert_eq!(result.unwrap_err().to_string(), "a template failed");
        assert_eq!(files.files.into_inner().unwrap().len(), 1);
    }
}
