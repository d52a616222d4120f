//! Faults: a build killed at any moment leaves public/ as the complete old site or the
//! complete new one; an output folder that cannot be made gives a clear error.

mod common;
use std::process::Command;
use std::time::Duration;

use common::{Fixture, snapshot};

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
