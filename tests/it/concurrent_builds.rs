//! Builds at the same time: a build of a site, or into an output folder, that another build
//! is using waits for it, says so, and then runs; public/ is always one whole build.

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::common::{self, Fixture, snapshot};

fn site_toml(paginate_by: usize) -> String {
    common::SITE_TOML.replace("paginate_by = 2", &format!("paginate_by = {paginate_by}"))
}

fn write_site(f: &Fixture) {
    for i in 0..300 {
        f.article(
            &format!("content/{}/a{i}.md", 2020 + i % 5),
            &format!("Berita {i}"),
            &format!("{}-{:02}-{:02}", 2020 + i % 5, 1 + i % 12, 1 + i % 28),
            &format!("tags: [T{}, U{}]\nauthor: A\n", i % 7, i % 3),
            &format!("Isi {i}.\n\n## Bagian\n\nLanjutan."),
        );
    }
}

/// What a single build of the site as it is now writes (into a folder of its own).
fn reference(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    let _ = std::fs::remove_dir_all(f.root().join("reference"));
    f.build_ok(&["--no-cache", "--output", "reference"]);
    let files = snapshot(&f.root().join("reference"));
    std::fs::remove_dir_all(f.root().join("reference")).unwrap();
    files
}

fn spawn_build(f: &Fixture, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_cermin"))
        .arg("build")
        .args(args)
        .current_dir(f.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Files cermin keeps beside the output while a build runs; none may stay after it.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("cermin-staging") || n.ends_with("lock"))
        .collect()
}

/// The files under `dir`, none if it does not exist.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    if dir.exists() {
        snapshot(dir)
    } else {
        Vec::new()
    }
}

/// Starts `cermin build ARGS` while this test holds `lock`: the build must print `waiting`
/// as its first line, leave its output folder alone while it waits, and finish once the lock
/// is let go.
fn waits_for(
    f: &Fixture,
    args: &[&str],
    output: &str,
    lock: cermin::build_lock::Lock,
    waiting: &str,
) {
    let output = f.root().join(output);
    let before = files(&output);
    let mut child = spawn_build(f, args);
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(line.trim_end(), waiting);
    // Waiting: it has written nothing yet.
    assert_eq!(files(&output), before);
    drop(lock);
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{rest}");
    assert_eq!(rest, "", "nothing more on stderr");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Built 300 articles"));
}

#[test]
fn a_build_of_a_site_another_build_holds_waits_for_it() {
    let f = Fixture::new();
    write_site(&f);
    f.build_ok(&[]);
    f.write("site.toml", &site_toml(5));
    let expected = reference(&f);
    let lock = cermin::build_lock::acquire(&cermin::build_lock::site_lock_path(f.root()), |_| {
        panic!("no build runs")
    })
    .unwrap();
    waits_for(
        &f,
        &[],
        "public",
        lock,
        &format!(
            "waiting for another cermin build of this site (pid {})…",
            std::process::id()
        ),
    );
    assert_eq!(snapshot(&f.root().join("public")), expected);
    assert!(leftovers(f.root()).is_empty(), "{:?}", leftovers(f.root()));
}

#[test]
fn a_build_into_an_output_folder_another_build_holds_waits_for_it() {
    let f = Fixture::new();
    write_site(&f);
    std::fs::create_dir(f.root().join("keluar")).unwrap();
    // As another site's build into the same folder would.
    let lock =
        cermin::output::lock_output(&f.root().join("keluar/situs"), |_| panic!("no build runs"))
            .unwrap();
    let expected = reference(&f);
    waits_for(
        &f,
        &["--output", "keluar/situs"],
        "keluar/situs",
        lock,
        &format!(
            "waiting for another cermin build writing into keluar/situs (pid {})…",
            std::process::id()
        ),
    );
    assert_eq!(snapshot(&f.root().join("keluar/situs")), expected);
    let out = f.root().join("keluar");
    assert!(leftovers(&out).is_empty(), "{:?}", leftovers(&out));
}

#[test]
fn two_builds_at_once_both_succeed_and_publish_a_whole_site() {
    let f = Fixture::new();
    write_site(&f);
    f.build_ok(&[]);
    for paginate_by in [5, 3, 7] {
        // A new page size changes every list page: the case that lost /page/N/ files.
        f.write("site.toml", &site_toml(paginate_by));
        let expected = reference(&f);
        let first = spawn_build(&f, &[]);
        let second = spawn_build(&f, &["--no-cache"]);
        let pids = [first.id(), second.id()];
        let mut waited = 0;
        for (i, child) in [first, second].into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "{stderr}");
            // Unless they did not overlap, one waited for the other, once, and named it.
            if !stderr.is_empty() {
                assert_eq!(
                    stderr,
                    format!(
                        "waiting for another cermin build of this site (pid {})…\n",
                        pids[1 - i]
                    )
                );
                waited += 1;
            }
        }
        assert!(waited <= 1, "both builds waited for the other");
        assert_eq!(
            snapshot(&f.root().join("public")),
            expected,
            "paginate_by = {paginate_by}"
        );
        assert!(leftovers(f.root()).is_empty(), "{:?}", leftovers(f.root()));
    }
}

#[test]
fn two_sites_building_into_one_folder_at_once_leave_one_whole_site() {
    let shared = tempfile::tempdir().unwrap();
    let out = shared.path().join("situs");
    let out_arg = out.to_str().unwrap();
    let sites = [Fixture::new(), Fixture::with_config(&site_toml(4))];
    for f in &sites {
        write_site(f);
    }
    sites[1].article("content/lain.md", "Lain", "2024-05-05", "", "Situs kedua.");
    let expected: Vec<_> = sites.iter().map(reference).collect();
    assert_ne!(expected[0], expected[1]);
    for round in 0..3 {
        let children: Vec<Child> = sites
            .iter()
            .map(|f| spawn_build(f, &["--no-cache", "--output", out_arg]))
            .collect();
        let pids: Vec<u32> = children.iter().map(Child::id).collect();
        for (i, child) in children.into_iter().enumerate() {
            let out = child.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(out.status.success(), "{stderr}");
            if !stderr.is_empty() {
                assert_eq!(
                    stderr,
                    format!(
                        "waiting for another cermin build writing into {out_arg} (pid {})…\n",
                        pids[1 - i]
                    )
                );
            }
        }
        let now = snapshot(&out);
        assert!(
            now == expected[0] || now == expected[1],
            "round {round}: the output is neither site"
        );
        assert!(
            leftovers(shared.path()).is_empty(),
            "{:?}",
            leftovers(shared.path())
        );
    }
}

#[test]
fn a_site_folder_that_cannot_hold_the_lock_is_built_without_the_cache() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let f = Fixture::new();
    f.article("content/a.md", "A", "2024-01-01", "", "Isi.");
    // A read-only checkout: the build runs as `nobody`, who may read the site but not write
    // into its folder; the output goes to a folder of its own.
    std::fs::set_permissions(f.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::set_permissions(out.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let target = out.path().join("situs");
    let mut command = Command::new(env!("CARGO_BIN_EXE_cermin"));
    command
        .args(["build", "--output"])
        .arg(&target)
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
    let run: common::Run = command.output().unwrap().into();
    assert!(run.ok, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "warning: cannot lock the site (./.cermin-build.lock: Permission denied (os error 13)): built without the build cache, which another build could be using\n"
    );
    assert!(target.join("2024/01/01/a/index.html").is_file());
    assert!(!f.root().join(".cermin-cache").exists());
}
