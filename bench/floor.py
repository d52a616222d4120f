#!/usr/bin/env python3
"""The floor of a build's file writing: the time to create the same folders and files, empty.

Usage: bench/floor.py SRC DEST [--keep]
       bench/floor.py SRC --save-shape SHAPE.json

Lists the folders and files under SRC (a build's output, or a shape saved earlier with
--save-shape; not timed), then creates the same tree under DEST (which must not exist) with
empty files, and prints the time that took (wall,
user and system). That is what the file system alone costs for a site of that shape: no
build can write its output faster than it can create its files and folders. Files are made
the cheap way, relative to an open folder (`openat`), one `mkdir` per folder. DEST is
deleted afterwards (not timed) unless --keep. Saving the shape lets a benchmark delete a big
output before making its floor, so that both never take disk space at once.
Standard library only; Linux.
"""

import argparse
import json
import os
import resource
import shutil
import sys
import time


def tree(src: str) -> list[tuple[str, list[str]]]:
    """(folder relative to src, its file names), parents before children."""
    if os.path.isfile(src):
        with open(src, encoding="utf-8") as saved:
            return [(folder, files) for folder, files in json.load(saved)]
    out = []
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        out.append((os.path.relpath(folder, src), sorted(files)))
    return out


def create(dest: str, shape: list[tuple[str, list[str]]]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    for folder, files in shape:
        path = os.path.join(dest, folder) if folder != "." else dest
        os.mkdir(path)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
        try:
            for name in files:
                os.close(os.open(name, flags, 0o644, dir_fd=fd))
        finally:
            os.close(fd)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src")
    ap.add_argument("dest", nargs="?")
    ap.add_argument("--keep", action="store_true", help="keep DEST")
    ap.add_argument("--save-shape", metavar="FILE", help="write SRC's folders and files to FILE (JSON) and stop")
    args = ap.parse_args()
    if args.save_shape:
        shape = tree(args.src)
        with open(args.save_shape, "w", encoding="utf-8") as out:
            json.dump(shape, out)
        print(f"shape of {args.src}: {len(shape):,} folders saved to {args.save_shape}")
        return 0
    if not args.dest:
        ap.error("DEST is needed unless --save-shape")
    if os.path.lexists(args.dest):
        raise SystemExit(f"{args.dest} exists: give a path that does not (it is created, then deleted)")
    os.makedirs(os.path.dirname(os.path.abspath(args.dest)), exist_ok=True)
    shape = tree(args.src)
    folders, files = len(shape), sum(len(names) for _, names in shape)
    before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    create(args.dest, shape)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"floor: created {folders:,} folders and {files:,} empty files in {wall:.2f} s "
        f"(user {after.ru_utime - before.ru_utime:.2f} s, system {after.ru_stime - before.ru_stime:.2f} s)"
    )
    if not args.keep:
        print(f"deleting {args.dest} (not timed)", file=sys.stderr, flush=True)
        shutil.rmtree(args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
