//! Fixture sites in temporary folders, built with the real `cermin` binary.
#![allow(dead_code)]

pub mod edits;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SITE_TOML: &str = r#"title = "Uji"
base_url = "https://uji.example"
language = "id"
timezone = "Asia/Jakarta"
paginate_by = 2
"#;

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub ok: bool,
    /// The exit status (`None` if a signal ended the process). A panic exits with 101.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            ok: o.status.success(),
            code: o.status.code(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

impl Fixture {
    /// A site with the default theme, `SITE_TOML` and no articles.
    pub fn new() -> Fixture {
        Fixture::with_config(SITE_TOML)
    }

    pub fn with_config(site_toml: &str) -> Fixture {
        Fixture::in_dir(tempfile::tempdir().unwrap(), site_toml)
    }

    /// Like `with_config`, in memory (`/dev/shm`) where there is one: for tests of tens of
    /// thousands of files, whose time would otherwise go to the disk.
    pub fn in_memory(site_toml: &str) -> Fixture {
        let shm = Path::new("/dev/shm");
        let dir = if shm.is_dir() {
            tempfile::tempdir_in(shm).unwrap()
        } else {
            tempfile::tempdir().unwrap()
        };
        Fixture::in_dir(dir, site_toml)
    }

    fn in_dir(dir: tempfile::TempDir, site_toml: &str) -> Fixture {
        copy_dir(
            &repo().join("themes/default"),
            &dir.path().join("themes/default"),
        );
        fs::create_dir_all(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("site.toml"), site_toml).unwrap();
        Fixture { dir }
    }

    /// A copy of the repository's example site.
    pub fn example() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for part in ["content", "themes", "static"] {
            copy_dir(&repo().join(part), &dir.path().join(part));
        }
        fs::copy(repo().join("site.toml"), dir.path().join("site.toml")).unwrap();
        Fixture { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Writes a minimal valid article.
    pub fn article(
        &self,
        rel: &str,
        title: &str,
        date: &str,
        extra_front: &str,
        body: &str,
    ) -> &Fixture {
        self.write(
            rel,
            &format!("---\ntitle: \"{title}\"\ndate: {date}\n{extra_front}---\n\n{body}\n"),
        )
    }

    pub fn cermin(&self, args: &[&str]) -> Run {
        Command::new(env!("CARGO_BIN_EXE_cermin"))
            .args(args)
            .current_dir(self.root())
            .output()
            .unwrap()
            .into()
    }

    pub fn build(&self, extra: &[&str]) -> Run {
        let mut args = vec!["build"];
        args.extend_from_slice(extra);
        self.cermin(&args)
    }

    /// Builds and fails the test with cermin's messages if the build fails.
    pub fn build_ok(&self, extra: &[&str]) -> Run {
        let run = self.build(extra);
        assert!(run.ok, "build failed:\n{}\n{}", run.stdout, run.stderr);
        run
    }

    pub fn public(&self, rel: &str) -> PathBuf {
        self.root().join("public").join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.public(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.public(rel).exists()
    }
}

/// Every file under a folder with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}
