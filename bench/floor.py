#!/usr/bin/env python3
"""The floor of a build's file writing: the time to create the same folders and files, empty.

Usage: bench/floor.py SRC DEST [--threads N] [--keep]
       bench/floor.py SRC --save-shape SHAPE.json

Lists the folders and files under SRC (a build's output, or a shape saved earlier with
--save-shape; not timed), then creates the same tree under DEST (which must not exist) with
empty files, and prints the time that took (wall, user and system). That is what the file
system alone costs for a site of that shape: no build can write its output faster than it can
create its files and folders. Files are made the cheap way, relative to an open folder
(`openat`), one `mkdir` per folder.

--threads N creates them from N threads, as a build's writer threads do (`mkdir` and `open`
release Python's lock, so the threads wait in the kernel side by side): folders are made
depth by depth, each depth's folders (and their files) shared among the threads, so a
folder always exists before its children. With one thread the same order is followed.

DEST is deleted afterwards (not timed) unless --keep. Saving the shape lets a benchmark delete
a big output before making its floor, so that both never take disk space at once.
Standard library only; Linux.
"""

import argparse
import json
import os
import resource
import shutil
import sys
import threading
import time

Shape = list[tuple[str, list[str]]]

# Folders handed to a thread at a time: few enough that the threads end a depth together,
# many enough that the hand-out costs nothing beside the system calls.
BATCH = 256


def tree(src: str) -> Shape:
    """(folder relative to src, its file names), parents before children."""
    if os.path.isfile(src):
        with open(src, encoding="utf-8") as saved:
            return [(folder, files) for folder, files in json.load(saved)]
    out = []
    for folder, dirs, files in os.walk(src):
        dirs.sort()
        out.append((os.path.relpath(folder, src), sorted(files)))
    return out


def by_depth(shape: Shape) -> list[Shape]:
    """The shape's folders below the top one, grouped by depth: depth 1 first."""
    depths: list[Shape] = []
    for folder, files in shape:
        if folder == ".":
            continue
        depth = folder.count(os.sep) + 1
        while len(depths) < depth:
            depths.append([])
        depths[depth - 1].append((folder, files))
    return depths


def make_folder(root: int, folder: str, files: list[str]) -> None:
    """One folder and its empty files, relative to the open folder `root`."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
    if folder != ".":
        os.mkdir(folder, dir_fd=root)
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY, dir_fd=root)
    try:
        for name in files:
            os.close(os.open(name, flags, 0o644, dir_fd=fd))
    finally:
        os.close(fd)


def create(dest: str, shape: Shape, threads: int) -> None:
    os.mkdir(dest)
    root = os.open(dest, os.O_RDONLY | os.O_DIRECTORY)
    try:
        top = [files for folder, files in shape if folder == "."]
        make_folder(root, ".", top[0] if top else [])
        for level in by_depth(shape):
            create_level(root, level, threads)
    finally:
        os.close(root)


def create_level(root: int, level: Shape, threads: int) -> None:
    """Folders of one depth (their parents exist), shared among `threads` threads."""
    if threads <= 1:
        for folder, files in level:
            make_folder(root, folder, files)
        return
    next_batch = iter(range(0, len(level), BATCH))
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            while not errors:
                with lock:
                    start = next(next_batch, None)
                if start is None:
                    return
                for folder, files in level[start : start + BATCH]:
                    make_folder(root, folder, files)
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("src")
    ap.add_argument("dest", nargs="?")
    ap.add_argument("--threads", type=int, default=1, metavar="N", help="create from N threads (default 1)")
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
    if args.threads < 1:
        ap.error("--threads must be 1 or more")
    if os.path.lexists(args.dest):
        raise SystemExit(f"{args.dest} exists: give a path that does not (it is created, then deleted)")
    os.makedirs(os.path.dirname(os.path.abspath(args.dest)), exist_ok=True)
    shape = tree(args.src)
    folders, files = len(shape), sum(len(names) for _, names in shape)
    before, start = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    create(args.dest, shape, args.threads)
    wall, after = time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF)
    print(
        f"floor: created {folders:,} folders and {files:,} empty files in {wall:.2f} s "
        f"(user {after.ru_utime - before.ru_utime:.2f} s, system {after.ru_stime - before.ru_stime:.2f} s, "
        f"{args.threads} thread{'s' if args.threads > 1 else ''})"
    )
    if not args.keep:
        print(f"deleting {args.dest} (not timed)", file=sys.stderr, flush=True)
        shutil.rmtree(args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
