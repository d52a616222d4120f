//! Faults: a build killed at any moment leaves public/ as the complete old site or the
//! complete new one; an output folder that cannot be made gives a clear error.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::common::{Fixture, snapshot};

fn write_site(f: &Fixture, version: &str) {
    for i in 0..300 {
        f.article(
            &format!("content/{}/a{i}.md", 2020 + i % 5),
            &format!("Berita {i} versi {version}"),
            &format!("{}-{:02}-{:02}", 2020 + i % 5, 1 + i % 12, 1 + i % 28),
            &format!("tags: [T{}, U{}]\nauthor: A\n", i % 7, i % 3),
            &format!("Isi {i} versi {version}.\n\n## Bagian\n\nLanjutan."),
        );
    }
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let f = Fixture::new();
    write_site(&f, "lama");
    f.build_ok(&[]);
    let old = snapshot(&f.root().join("public"));
    write_site(&f, "baru");
    f.build_ok(&["--output", "reference"]);
    let new = snapshot(&f.root().join("reference"));
    assert_ne!(old, new);
    let mut outcomes = (0, 0);
    for delay_ms in [5, 20, 40, 60, 80, 100, 150, 200, 300, 400, 600, 900] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cermin"))
            .arg("build")
            .current_dir(f.root())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL: no cleanup runs
        let _ = child.wait();
        let now = snapshot(&f.root().join("public"));
        if now == old {
            outcomes.0 += 1;
        } else if now == new {
            outcomes.1 += 1;
            // Go back to the old site for the next try.
            write_site(&f, "lama");
            f.build_ok(&[]);
            write_site(&f, "baru");
        } else {
            panic!("after a kill at {delay_ms} ms public/ is neither the old site nor the new one");
        }
    }
    assert!(
        outcomes.0 > 0,
        "no kill landed before the swap ({outcomes:?}): the test proves nothing"
    );
    // A later build cleans up whatever the killed ones left and finishes the job.
    f.build_ok(&[]);
    assert_eq!(snapshot(&f.root().join("public")), new);
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cermin-staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn an_output_folder_that_cannot_be_made_is_a_clear_error() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    f.write("berkas", "bukan folder");
    let run = f.build(&["--output", "berkas/public"]);
    assert!(!run.ok);
    assert_eq!(
        run.stderr.trim_end(),
        "error: cannot write the site into berkas/public: berkas is a file, not a folder; choose another --output"
    );
}

/// A file system mounted for one test, unmounted on every path out of it (even a failed
/// assertion), before the fixture's folder is deleted.
struct Mount(std::path::PathBuf);

impl Mount {
    /// Mounts a tmpfs with `options` (`size=256k`, `ro`) on `dir`. Needs root (CAP_SYS_ADMIN),
    /// which the test machine and CI have.
    fn tmpfs(dir: &Path, options: &str) -> Mount {
        std::fs::create_dir_all(dir).unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "this test mounts a small tmpfs and needs root (CAP_SYS_ADMIN): mount said {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Mount(dir.to_path_buf())
    }

    fn remount(&self, options: &str) {
        let status = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.0)
            .status()
            .unwrap();
        assert!(status.success());
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let ok = Command::new("umount")
            .arg(&self.0)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            // Busy (a process still inside): detach it now, it goes when the last user does.
            let _ = Command::new("umount").arg("-l").arg(&self.0).status();
        }
    }
}

fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cermin-staging"))
        .collect()
}

#[test]
fn a_full_disk_is_a_clear_error_and_leaves_the_old_site() {
    let f = Fixture::new();
    let disk = f.root().join("kecil");
    let mount = Mount::tmpfs(&disk, "size=256k");
    f.article("content/a.md", "A", "2024-01-01", "tags: [T]\n", "Isi.");
    f.build_ok(&["--output", "kecil/public"]);
    let old = snapshot(&disk.join("public"));
    assert!(!old.is_empty());
    // A site of a few megabytes does not fit in 256 KB.
    write_site(&f, "besar");
    let run = f.build(&["--output", "kecil/public"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "error: cannot write the site into kecil/public: the disk is full (no space left on device): free some space or choose another --output"
    );
    assert_eq!(snapshot(&disk.join("public")), old, "public/ changed");
    assert!(
        staging_leftovers(&disk).is_empty(),
        "{:?}",
        staging_leftovers(&disk)
    );
    // The space the failed build took is free again: a small site still builds.
    std::fs::remove_dir_all(f.root().join("content")).unwrap();
    f.article("content/b.md", "B", "2024-01-02", "", "Isi baru.");
    f.build_ok(&["--output", "kecil/public"]);
    assert!(disk.join("public/2024/01/02/b/index.html").is_file());
    drop(mount);
}

#[test]
fn a_read_only_output_disk_is_a_clear_error() {
    let f = Fixture::new();
    let disk = f.root().join("ro");
    let mount = Mount::tmpfs(&disk, "size=1m");
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    f.build_ok(&["--output", "ro/public"]);
    let old = snapshot(&disk.join("public"));
    mount.remount("ro");
    f.article("content/b.md", "B", "2024-01-02", "", "Isi.");
    let run = f.build(&["--output", "ro/public"]);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "error: cannot write the site into ro/public: the file system is read-only: choose another --output"
    );
    assert_eq!(snapshot(&disk.join("public")), old);
}

#[test]
fn an_output_folder_without_write_permission_is_a_clear_error() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    std::fs::create_dir(f.root().join("terkunci")).unwrap();
    f.build_ok(&["--output", "terkunci/public"]);
    let old = snapshot(&f.root().join("terkunci/public"));
    f.article("content/b.md", "B", "2024-01-02", "", "Isi.");
    // Root may write anywhere: the build runs as `nobody`, who may read the site but not
    // write into terkunci/.
    for dir in [f.root(), &f.root().join("terkunci")] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut command = Command::new(env!("CARGO_BIN_EXE_cermin"));
    command
        .args(["build", "--output", "terkunci/public"])
        .current_dir(f.root());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            if libc::setgid(65534) != 0 || libc::setuid(65534) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let run: crate::common::Run = command.output().unwrap().into();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "error: cannot write the site into terkunci/public: permission denied on terkunci: make the folder writable or choose another --output"
    );
    assert_eq!(snapshot(&f.root().join("terkunci/public")), old);
}

#[test]
fn a_file_over_the_size_limit_is_a_clear_error() {
    use std::os::unix::process::CommandExt;
    let f = Fixture::with_config(&format!(
        "{}feed_content = \"summary\"\n",
        crate::common::SITE_TOML
    ));
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    f.build_ok(&[]);
    let old = snapshot(&f.root().join("public"));
    // One page of about 2 MB, the rest small; the build may write files of 1 MB at most.
    f.article(
        "content/besar.md",
        "Besar",
        "2024-01-02",
        "summary: Ringkas.\n",
        &"Kalimat panjang tentang berita hari ini.\n\n".repeat(50_000),
    );
    let mut command = Command::new(env!("CARGO_BIN_EXE_cermin"));
    command.arg("build").current_dir(f.root());
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(|| {
            // Ignored (and so inherited through exec), SIGXFSZ becomes the error EFBIG.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 1 << 20,
                rlim_max: 1 << 20,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let run: crate::common::Run = command.output().unwrap().into();
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(
        run.stderr.trim_end(),
        "error: cannot write the site into ./public: ./public/2024/01/02/besar/index.html is larger than the file size limit allows (ulimit -f): raise the limit or make the page smaller"
    );
    assert_eq!(snapshot(&f.root().join("public")), old);
    assert!(staging_leftovers(f.root()).is_empty());
}

/// Runs `cermin ARGS` in the fixture, failing the test if it takes longer than `limit`
/// (a build that blocks on a named pipe would never end).
fn run_within(f: &Fixture, args: &[&str], limit: Duration) -> crate::common::Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .args(args)
        .current_dir(f.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("cermin {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap().into()
}

fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    let r = unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
    assert_eq!(r, 0, "mkfifo {}", path.display());
}

#[test]
fn a_content_file_that_is_not_a_plain_file_is_a_clear_error() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    f.build_ok(&[]);
    let old = snapshot(&f.root().join("public"));
    let limit = Duration::from_secs(60);
    let expect = |rel: &str, message: &str| {
        let run = run_within(&f, &["build"], limit);
        assert_eq!(run.code, Some(1), "{rel}: {}", run.stderr);
        assert_eq!(run.stderr.trim_end(), message);
        assert_eq!(snapshot(&f.root().join("public")), old);
        std::fs::remove_file(f.root().join(rel)).unwrap();
    };
    // A named pipe would block a plain read forever.
    mkfifo(&f.root().join("content/pipa.md"));
    expect(
        "content/pipa.md",
        "error: content/pipa.md: is a named pipe (FIFO), not a file: content files must be plain Markdown files\n1 content file has an error; nothing was written",
    );
    std::os::unix::fs::symlink("hilang.md", f.root().join("content/tautan.md")).unwrap();
    expect(
        "content/tautan.md",
        "error: content/tautan.md: broken symbolic link (its target hilang.md does not exist): remove the link or restore its target\n1 content file has an error; nothing was written",
    );
    // A folder named like an article is just a folder.
    f.article("content/map.md/b.md", "B", "2024-01-02", "", "Isi.");
    f.build_ok(&[]);
    assert!(f.exists("2024/01/02/b/index.html"));
}

/// Whether public/ is a whole site: its front files, and a page for every sitemap entry.
fn assert_complete_site(public: &Path) {
    for file in [
        "index.html",
        "404.html",
        "rss.xml",
        "atom.xml",
        "sitemap.xml",
    ] {
        assert!(public.join(file).is_file(), "public/{file} missing");
    }
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    let mut pages = 0;
    for loc in sitemap.split("<loc>").skip(1) {
        let url = loc.split("</loc>").next().unwrap();
        let rel = url.strip_prefix("https://uji.example/").unwrap();
        let file = public.join(rel).join("index.html");
        assert!(
            file.is_file(),
            "{url} is in the sitemap, {file:?} is missing"
        );
        pages += 1;
    }
    assert!(pages > 1, "{sitemap}");
}

#[test]
fn content_changing_during_builds_gives_errors_never_a_panic() {
    let f = Fixture::new();
    write_site(&f, "awal");
    f.build_ok(&[]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let rounds = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let root = f.root().to_path_buf();
    // Deletes, rewrites (not atomically), and briefly replaces articles with a folder or a
    // named pipe, as fast as it can, while builds run.
    let changer = {
        let (stop, rounds) = (stop.clone(), rounds.clone());
        std::thread::spawn(move || {
            let mut round = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let i = round * 37 % 300;
                let path = root.join(format!("content/{}/a{i}.md", 2020 + i % 5));
                let text = format!(
                    "---\ntitle: \"Berita {i} putaran {round}\"\ndate: {}-{:02}-{:02}\n---\n\nIsi {round}.\n",
                    2020 + i % 5,
                    1 + i % 12,
                    1 + i % 28
                );
                let _ = std::fs::remove_file(&path);
                match round % 3 {
                    0 => {
                        let _ = std::fs::create_dir(&path);
                        std::thread::sleep(Duration::from_millis(1));
                        let _ = std::fs::remove_dir(&path);
                    }
                    1 => {
                        mkfifo(&path);
                        std::thread::sleep(Duration::from_millis(1));
                        let _ = std::fs::remove_file(&path);
                    }
                    _ => std::thread::sleep(Duration::from_millis(1)),
                }
                let _ = std::fs::write(&path, text);
                round += 1;
                rounds.store(round, std::sync::atomic::Ordering::Relaxed);
            }
        })
    };
    // At least 6 builds; more while the changer (slow on a loaded machine) has made few
    // changes or no build has yet seen one, up to a bound.
    let mut outcomes = (0, 0);
    let mut builds = 0;
    while builds < 6
        || (builds < 60
            && (rounds.load(std::sync::atomic::Ordering::Relaxed) <= 100 || outcomes.1 == 0))
    {
        builds += 1;
        let run = run_within(&f, &["build"], Duration::from_secs(120));
        match run.code {
            Some(0) => outcomes.0 += 1,
            Some(1) => {
                outcomes.1 += 1;
                assert!(
                    run.stderr.starts_with("error: content/20"),
                    "the error names a content file: {}",
                    run.stderr
                );
            }
            other => panic!("exit {other:?}:\n{}", run.stderr),
        }
        assert_complete_site(&f.root().join("public"));
        assert!(staging_leftovers(f.root()).is_empty());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    changer.join().unwrap();
    let rounds = rounds.load(std::sync::atomic::Ordering::Relaxed);
    assert!(
        rounds > 100,
        "only {rounds} changes made in {builds} builds"
    );
    assert!(
        outcomes.1 > 0,
        "no build saw a change ({outcomes:?}): the test proves nothing"
    );
    // Once the content holds still, the build succeeds again.
    f.build_ok(&[]);
    assert_complete_site(&f.root().join("public"));
}

/// A bug (a panic) in any command ends it with an error that says so, exit status 1, never a
/// crash trace. The bug is a test fault that exists in debug builds only: reading a content
/// file named meledak.md panics.
#[cfg(debug_assertions)]
#[test]
fn a_bug_ends_a_command_with_an_internal_error_not_a_crash() {
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    f.article("content/meledak.md", "Meledak", "2024-01-02", "", "Isi.");
    let out = Command::new(env!("CARGO_BIN_EXE_cermin"))
        .arg("check")
        .env("CERMIN_TEST_PANIC_ON_READING", "meledak.md")
        .env_remove("CERMIN_BACKTRACE")
        .current_dir(f.root())
        .output()
        .unwrap();
    let run = crate::common::Run::from(out);
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    let (start, end) = run
        .stderr
        .split_once(" (at src/test_fault.rs:")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert_eq!(
        start,
        "error: internal error while running cermin: test fault: reading content/meledak.md (CERMIN_TEST_PANIC_ON_READING)"
    );
    assert!(end.ends_with("), please report it\n"), "{}", run.stderr);
    assert_eq!(run.stdout, "");
}
