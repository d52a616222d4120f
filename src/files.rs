//! Reading the site's own files when they may change under us: a file may be deleted,
//! replaced by a folder, or be a named pipe (which would block a plain `read` forever).
//! Only regular files are read, and the messages say what happened in the user's terms.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// What kind of thing a path is, in words (for "… is a named pipe, not a file").
pub fn kind_of(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// Whether a listed entry is a file to read (`false` for a folder). A named pipe (which would
/// block the build forever), a socket or a device is an error: the end of a `PATH: …` message.
pub fn is_plain_file(entry: &walkdir::DirEntry) -> Result<bool, String> {
    let kind = entry.file_type();
    if kind.is_file() || kind.is_dir() {
        return Ok(kind.is_file());
    }
    Err(format!(
        "is {}, not a file: content files must be plain Markdown files",
        kind_of(kind)
    ))
}

/// What went wrong with an entry a folder walk could not read, in the user's terms: the end
/// of a `PATH: …` message (a broken symbolic link, a loop of links, an unreadable folder, an
/// entry that vanished while the folder was read).
pub fn walk_failure(e: &walkdir::Error) -> String {
    let (Some(path), Some(io)) = (e.path(), e.io_error()) else {
        return format!("cannot read: {e}");
    };
    let is_link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
    let target = || {
        fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default()
    };
    if is_link && io.kind() == io::ErrorKind::NotFound {
        format!(
            "broken symbolic link (its target {} does not exist): remove the link or restore its target",
            target()
        )
    } else if is_link && io.raw_os_error() == Some(libc::ELOOP) {
        format!(
            "symbolic link loop (its target {} leads back to it through other links): remove the link",
            target()
        )
    } else if io.kind() == io::ErrorKind::PermissionDenied {
        "cannot read: permission denied: let the user who runs cermin read it, or move it out of content/".into()
    } else {
        format!("cannot read: {}", read_failure(io))
    }
}

/// Why a read failed, as the end of a `PATH: cannot read: …` message.
pub fn read_failure(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => {
            "the file is gone (deleted or renamed while cermin was reading the site): run the command again".into()
        }
        _ => e.to_string(),
    }
}

/// Reads a whole file that must be a regular file. Never blocks on a named pipe: the file is
/// opened without blocking and checked before anything is read. The error is the end of a
/// `PATH: …` message (`cannot read: …`, or `is a folder, not a file …`).
pub fn read_regular(path: &Path) -> Result<Vec<u8>, String> {
    #[cfg(unix)]
    let opened = {
        use std::os::unix::fs::OpenOptionsExt;
        fs::File::options()
            .read(true)
            .custom_flags(libc::O_NONBLOCK)
            .open(path)
    };
    #[cfg(not(unix))]
    let opened = fs::File::open(path);
    let file = opened.map_err(|e| format!("cannot read: {}", read_failure(&e)))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot read: {}", read_failure(&e)))?;
    if !meta.is_file() {
        return Err(format!(
            "is {}, not a file (was it replaced while cermin was reading the site?): make it a plain file or remove it",
            kind_of(meta.file_type())
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // Through `take`: `File::read_to_end` would ask the system for the size and position
    // again, two calls per file for what `meta` already says.
    file.take(u64::MAX)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {}", read_failure(&e)))?;
    Ok(bytes)
}

/// Every file under `dir`, as (path relative to `dir` with `/`, absolute path), sorted.
pub fn files_under(dir: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry =
            anyhow::Context::with_context(entry, || format!("cannot read {}", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            files.push((
                rel.to_string_lossy().replace('\\', "/"),
                entry.path().to_path_buf(),
            ));
        }
    }
    Ok(files)
}

/// Writes a file whole or not at all: the bytes go to a temporary file in the same folder,
/// which then replaces `path` in one rename, so a crash or a full disk never leaves half a
/// file, and a reader sees the old file or the new one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// [`write_atomically`] of what `write` writes (through a buffer), for a file made as it is
/// encoded rather than from bytes in memory.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut io::BufWriter<&mut fs::File>) -> io::Result<()>,
) -> io::Result<()> {
    use std::io::Write;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".cermin-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let mut buffered = io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
    write(&mut buffered)?;
    buffered.flush()?;
    drop(buffered);
    tmp.persist(path).map(|_| ()).map_err(|e| e.error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_folders_and_pipes_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a.md");
        fs::create_dir(&folder).unwrap();
        assert!(
            read_regular(&folder)
                .unwrap_err()
                .starts_with("is a folder, not a file")
        );
        let fifo = dir.path().join("b.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(
            read_regular(&fifo)
                .unwrap_err()
                .starts_with("is a named pipe (FIFO), not a file")
        );
        assert!(
            read_regular(&dir.path().join("c.md"))
                .unwrap_err()
                .starts_with("cannot read: the file is gone")
        );
        fs::write(dir.path().join("d.md"), "isi").unwrap();
        assert_eq!(read_regular(&dir.path().join("d.md")).unwrap(), b"isi");
    }

    #[test]
    fn atomic_writes_replace_the_file_whole_and_leave_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.bin");
        write_atomically(&path, b"lama").unwrap();
        write_atomically(&path, b"baru").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"baru");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.bin"]);
        let missing = dir.path().join("no-such-folder/a.bin");
        assert_eq!(
            write_atomically(&missing, b"x").unwrap_err().kind(),
            io::ErrorKind::NotFound
        );
    }
}
