//! Groups of files ([`Group`]: a photo's original and variants, made and kept together),
//! and the groups the last build made as the output manifest keeps them: one fixed-width
//! record per group, the groups' paths back to back in one string, each list of file names
//! once. Reading it is a few copies and an index of hashes, with no string or map entry made
//! per group; a build that keeps the groups as they were writes the same records back,
//! changed only where a group or its folder changed.

use std::collections::HashMap;
use std::sync::Arc;

use serde::de::{self, Deserializer, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};

use super::FileStamp;

/// Output files made together from one source (a photo's original and its variants), all in
/// the folder of the first. A photo with eight files is one entry in a render's groups, the
/// manifest and the lists of a build, not eight: it is kept, linked or made again whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The names of its files in their folder, the first file's first, each followed by a
    /// `/` (which no file name holds): one string, not one per file. Shared: most photos of
    /// a site have the same names (`foto.jpg`, `foto-480w.webp`, …), and the manifest keeps
    /// each list of names once.
    names: Arc<str>,
    /// How many files it has (asked twice of every photo of a cached build).
    files: u32,
}

impl Group {
    /// The group of the files `names` (plain file names, no folder), the first one first.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Group {
        let mut all = String::new();
        for name in names {
            debug_assert!(!name.contains('/') && !name.is_empty());
            all.push_str(name);
            all.push('/');
        }
        Group::of_names(all.into())
    }

    /// The group of the files `names` (each followed by a `/`).
    fn of_names(names: Arc<str>) -> Group {
        let files = names.bytes().filter(|&b| b == b'/').count() as u32;
        Group { names, files }
    }

    /// The names of its files, the first file's first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.split_terminator('/')
    }

    /// The output paths of its files, when `key` is the path of its first file.
    pub fn files<'a>(&'a self, key: &'a str) -> impl Iterator<Item = String> + 'a {
        let folder = key.rsplit_once('/').map_or("", |(folder, _)| folder);
        self.names().map(move |name| match folder {
            "" => name.to_string(),
            folder => format!("{folder}/{name}"),
        })
    }

    /// How many files it has.
    pub fn len(&self) -> usize {
        self.files as usize
    }

    pub fn is_empty(&self) -> bool {
        self.files == 0
    }

    /// Its names as one string, each followed by a `/` (see [`Group`]), shared.
    fn names_string(&self) -> Arc<str> {
        self.names.clone()
    }

    /// Its names as one string, each followed by a `/`.
    fn names_str(&self) -> &str {
        &self.names
    }

    /// The group whose names [`Group::names_str`] gave; None when `names` is not such a
    /// string (a name empty, or no `/` at the end).
    fn from_names_string(names: Arc<str>) -> Option<Group> {
        let whole = names.is_empty() || names.ends_with('/');
        (whole && !names.starts_with('/') && !names.contains("//")).then(|| Group::of_names(names))
    }
}

/// What the last build made of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// Where its path (the output path of its first file) is in the table's paths.
    path: (u32, u32),
    /// The signature of its inputs.
    pub signature: u64,
    /// Its files' names: an index into the table's lists of names.
    names: u32,
    /// A hash of its files' stamps in order (see `outputs::group_stamp`).
    pub stamp: u64,
    /// The stamp of its folder, when every file of the group was made or checked there and
    /// the folder had settled (see [`FileStamp::settled`]): while the folder keeps it, no
    /// file of the group was added, removed or renamed.
    pub folder: Option<FileStamp>,
}

/// The bytes of a [`Record`]: path (2 × 4), signature, names, stamp, whether there is a
/// folder stamp, the folder stamp (size, seconds, nanoseconds, inode).
const RECORD: usize = 8 + 8 + 4 + 8 + 1 + 32;

impl Record {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.path.0.to_le_bytes());
        out.extend_from_slice(&self.path.1.to_le_bytes());
        out.extend_from_slice(&self.signature.to_le_bytes());
        out.extend_from_slice(&self.names.to_le_bytes());
        out.extend_from_slice(&self.stamp.to_le_bytes());
        let folder = self.folder.unwrap_or(FileStamp {
            len: 0,
            mtime: (0, 0),
            inode: 0,
        });
        out.push(u8::from(self.folder.is_some()));
        out.extend_from_slice(&folder.len.to_le_bytes());
        out.extend_from_slice(&folder.mtime.0.to_le_bytes());
        out.extend_from_slice(&folder.mtime.1.to_le_bytes());
        out.extend_from_slice(&folder.inode.to_le_bytes());
    }

    fn read(r: &[u8]) -> Option<Record> {
        let u32_at = |at: usize| u32::from_le_bytes(r[at..at + 4].try_into().expect("4 bytes"));
        let u64_at = |at: usize| u64::from_le_bytes(r[at..at + 8].try_into().expect("8 bytes"));
        let folder = match r[28] {
            0 => None,
            1 => Some(FileStamp {
                len: u64_at(29),
                mtime: (u64_at(37) as i64, u64_at(45) as i64),
                inode: u64_at(53),
            }),
            _ => return None,
        };
        Some(Record {
            path: (u32_at(0), u32_at(4)),
            signature: u64_at(8),
            names: u32_at(16),
            stamp: u64_at(20),
            folder,
        })
    }
}

/// The groups of one build, in the order they were recorded.
#[derive(Debug, Default)]
pub struct GroupTable {
    /// Each list of names once (most photos of a site have the same: `foto.jpg`,
    /// `foto-480w.webp`, …).
    names: Vec<Group>,
    /// Every group's path, back to back.
    paths: String,
    records: Vec<Record>,
    /// Record by a hash of its path.
    index: HashMap<u64, u32, ahash::RandomState>,
}

fn path_hash(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

impl GroupTable {
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record of the group whose path is `key`.
    pub fn find(&self, key: &str) -> Option<usize> {
        let at = *self.index.get(&path_hash(key))? as usize;
        (self.key(at) == key).then_some(at)
    }

    /// The path of the group `at` (the output path of its first file).
    pub fn key(&self, at: usize) -> &str {
        let (start, len) = self.records[at].path;
        &self.paths[start as usize..(start + len) as usize]
    }

    pub fn record(&self, at: usize) -> &Record {
        &self.records[at]
    }

    /// The files' names of the group `at`.
    pub fn group(&self, at: usize) -> &Group {
        &self.names[self.records[at].names as usize]
    }

    /// The same table with the signature, stamp and folder stamp of some groups changed
    /// (`changes`: the group's place and its new record's parts); their paths and names stay.
    pub fn with_changes(&self, changes: &[(usize, u64, Option<FileStamp>)]) -> Patched<'_> {
        let mut records = self.records.clone();
        for &(at, stamp, folder) in changes {
            records[at].stamp = stamp;
            records[at].folder = folder;
        }
        Patched {
            table: self,
            records,
        }
    }

    /// Checks what a manifest read from disk holds: every path and list of names where the
    /// records say.
    fn from_stored(stored: Stored) -> Option<GroupTable> {
        let Stored {
            names,
            paths,
            records,
        } = stored;
        let mut index = HashMap::with_capacity_and_hasher(records.len(), Default::default());
        for (at, record) in records.iter().enumerate() {
            let (start, len) = (record.path.0 as usize, record.path.1 as usize);
            let path = paths.get(start..start.checked_add(len)?)?;
            if record.names as usize >= names.len() {
                return None;
            }
            index.entry(path_hash(path)).or_insert(at as u32);
        }
        let names = names
            .into_iter()
            .map(|names| Group::from_names_string(names.into()))
            .collect::<Option<_>>()?;
        Some(GroupTable {
            names,
            paths,
            records,
            index,
        })
    }
}

/// Makes a [`GroupTable`] one group at a time.
#[derive(Default)]
pub struct TableBuilder {
    table: GroupTable,
    /// The list of names of each group's [`Group`] so far, by its names.
    numbers: HashMap<Arc<str>, u32, ahash::RandomState>,
}

impl TableBuilder {
    /// Adds the group `key` (the path of its first file).
    pub fn push(
        &mut self,
        key: &str,
        signature: u64,
        group: &Group,
        stamp: u64,
        folder: Option<FileStamp>,
    ) {
        let table = &mut self.table;
        let next = table.names.len() as u32;
        let names = *self.numbers.entry(group.names_string()).or_insert(next);
        if names == next {
            table.names.push(group.clone());
        }
        let at = table.records.len() as u32;
        table.index.entry(path_hash(key)).or_insert(at);
        let path = (table.paths.len() as u32, key.len() as u32);
        table.paths.push_str(key);
        table.records.push(Record {
            path,
            signature,
            names,
            stamp,
            folder,
        });
    }

    pub fn finish(self) -> GroupTable {
        self.table
    }
}

/// A [`GroupTable`] with some records changed, written as a table of its own.
pub struct Patched<'a> {
    table: &'a GroupTable,
    records: Vec<Record>,
}

/// The table as it is stored.
struct Stored {
    names: Vec<String>,
    paths: String,
    records: Vec<Record>,
}

fn serialize_parts<S: Serializer>(
    table: &GroupTable,
    records: &[Record],
    s: S,
) -> Result<S::Ok, S::Error> {
    let mut bytes = Vec::with_capacity(records.len() * RECORD);
    for record in records {
        record.write(&mut bytes);
    }
    let mut out = s.serialize_struct("GroupTable", 3)?;
    let names: Vec<&str> = table.names.iter().map(Group::names_str).collect();
    out.serialize_field("names", &names)?;
    out.serialize_field("paths", &table.paths)?;
    out.serialize_field("records", &Bytes(&bytes))?;
    out.end()
}

/// Bytes written as one string of bytes (serde's form of a `Vec<u8>` is a number each).
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

impl Serialize for GroupTable {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_parts(self, &self.records, s)
    }
}

impl Serialize for Patched<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_parts(self.table, &self.records, s)
    }
}

/// The records, read from their string of bytes.
struct Records(Vec<Record>);

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Records, D::Error> {
        d.deserialize_bytes(RecordsVisitor)
    }
}

struct RecordsVisitor;

impl Visitor<'_> for RecordsVisitor {
    type Value = Records;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "groups' records, {RECORD} bytes each")
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Records, E> {
        if !bytes.len().is_multiple_of(RECORD) {
            return Err(E::invalid_length(bytes.len(), &self));
        }
        bytes
            .chunks_exact(RECORD)
            .map(Record::read)
            .collect::<Option<Vec<_>>>()
            .map(Records)
            .ok_or_else(|| E::custom("a group's record of another form"))
    }
}

#[derive(Deserialize)]
struct StoredForm {
    names: Vec<String>,
    paths: String,
    records: Records,
}

impl<'de> Deserialize<'de> for GroupTable {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<GroupTable, D::Error> {
        let form = StoredForm::deserialize(d)?;
        GroupTable::from_stored(Stored {
            names: form.names,
            paths: form.paths,
            records: form.records.0,
        })
        .ok_or_else(|| de::Error::custom("a table of groups that does not hold together"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(n: u64) -> FileStamp {
        FileStamp {
            len: n,
            mtime: (n as i64 * 10, -(n as i64)),
            inode: u64::MAX - n,
        }
    }

    fn table() -> GroupTable {
        let eight = Group::new(["foto.jpg", "foto-480w.webp", "foto-480w.jpg"]);
        let other = Group::new(["peta.png", "peta-480w.webp"]);
        let mut builder = TableBuilder::default();
        builder.push("2024/a/foto.jpg", 1, &eight, 11, Some(stamp(1)));
        builder.push("2024/b/peta.png", 2, &other, 12, None);
        builder.push("2024/c/foto.jpg", 3, &eight.clone(), 13, Some(stamp(3)));
        builder.finish()
    }

    #[test]
    fn a_table_comes_back_as_it_was_written() {
        let written = table();
        let bytes = postcard::to_stdvec(&written).unwrap();
        let read: GroupTable = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(read.len(), 3);
        assert_eq!(read.names.len(), 2, "each list of names once");
        for at in 0..3 {
            assert_eq!(read.key(at), written.key(at));
            assert_eq!(read.record(at), written.record(at));
            assert_eq!(read.group(at), written.group(at));
            assert_eq!(read.find(written.key(at)), Some(at));
        }
        assert_eq!(read.find("2024/d/foto.jpg"), None);
        assert_eq!(read.find("2024/a/foto-480w.jpg"), None);
    }

    #[test]
    fn a_patched_table_changes_only_the_records_named() {
        let table = table();
        let patched = table.with_changes(&[(1, 99, Some(stamp(7)))]);
        let read: GroupTable =
            postcard::from_bytes(&postcard::to_stdvec(&patched).unwrap()).unwrap();
        assert_eq!(read.record(0), table.record(0));
        assert_eq!(read.record(2), table.record(2));
        assert_eq!(
            (read.record(1).stamp, read.record(1).folder),
            (99, Some(stamp(7)))
        );
        assert_eq!(read.key(1), "2024/b/peta.png");
        assert_eq!(read.record(1).signature, 2);
    }

    #[test]
    fn a_table_that_does_not_hold_together_is_refused() {
        let mut bytes = postcard::to_stdvec(&table()).unwrap();
        // The last record's folder flag, neither 0 nor 1.
        let flag = bytes.len() - 33;
        bytes[flag] = 2;
        assert!(postcard::from_bytes::<GroupTable>(&bytes).is_err());
        let cut = postcard::to_stdvec(&table()).unwrap();
        assert!(postcard::from_bytes::<GroupTable>(&cut[..cut.len() - 1]).is_err());
        // A path beyond the paths' string.
        let mut builder = TableBuilder::default();
        builder.push("a/f.jpg", 1, &Group::new(["f.jpg"]), 1, None);
        let mut table = builder.finish();
        table.records[0].path.1 = 99;
        let bytes = postcard::to_stdvec(&table).unwrap();
        assert!(postcard::from_bytes::<GroupTable>(&bytes).is_err());
    }
}
