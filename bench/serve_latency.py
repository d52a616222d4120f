#!/usr/bin/env python3
"""Save-to-reload latency of `cermin serve --watch` (issue: serve; target < 100 ms at 10k).

Usage: bench/serve_latency.py [--articles 10000] [--saves 30] [--bin target/release/cermin]
                              [--content DIR | --site DIR] [--max-rss-gb N]

Makes (or reuses) a corpus with bench/gen_corpus.py under /dev/shm (or, with --content DIR,
a copy of the articles in DIR, a content folder kept outside the repository), starts
`cermin serve --watch --port 0` on it, listens to the live-reload event stream like a browser
tab does, then saves one article at a time the way editors do (write a temp file, rename it over
the article) and measures the time from the rename to the `reload` event arriving. Prints the
median and the 90th percentile, and the median CPU time the server used per save (which a
machine busy with other work does not inflate the way it does the latency), the time to the
first build and the server's resident memory (now and peak) after it and after the saves.
With --site DIR the site folder is used where it is (a large corpus made elsewhere, such as
bench/million.sh's), and the saved articles are put back as they were at the end. With
--max-rss-gb the server is stopped when its resident memory passes that. Standard library
only.
"""

import argparse
import http.client
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time


from corpus import REPO, copied, corpus  # noqa: E402


def events(resp):
    """Yields SSE event names from a streaming response."""
    name = None
    while True:
        line = resp.fp.readline()
        if not line:
            return
        line = line.decode().rstrip("\r\n")
        if line.startswith("event:"):
            name = line[6:].strip()
        elif line == "" and name:
            yield name
            name = None


def cpu_ms(pid: int) -> float:
    """CPU time the process has used so far, all its threads (Linux schedstat, in ns)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except FileNotFoundError:
            pass  # a thread that ended
    return total / 1e6


def memory_mb(pid: int) -> tuple[int, int]:
    """The process's resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.split()
    return int(fields["VmRSS"][0]) // 1024, int(fields["VmHWM"][0]) // 1024


def stop_above(server: subprocess.Popen, limit_mb: int, stopped: list) -> None:
    """Stops the server when its resident memory passes limit_mb (watched twice a second)."""
    while server.poll() is None:
        try:
            rss, _ = memory_mb(server.pid)
        except (FileNotFoundError, ProcessLookupError, KeyError):
            return  # gone, or a zombie (no VmRSS) once the server has stopped
        if rss > limit_mb:
            stopped.append(rss)
            server.kill()
            return
        time.sleep(0.5)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--saves", type=int, default=30)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    ap.add_argument("--content", metavar="DIR", help="edit a copy of these articles instead of generated ones")
    ap.add_argument("--site", metavar="DIR", help="serve this site folder in place (saved articles are put back)")
    ap.add_argument("--max-rss-gb", type=float, help="stop the server when its resident memory passes this")
    args = ap.parse_args()

    if args.site:
        site = pathlib.Path(args.site)
    elif args.content:
        site = copied(args.content, "serve-content-" + pathlib.Path(args.content).resolve().name)
    else:
        site = corpus(args.articles, "serve-")
    files = sorted((site / "content").rglob("*.md"))
    args.articles = len(files)
    started = time.perf_counter()
    server = subprocess.Popen(
        [args.bin, "serve", "--watch", "--port", "0", "--root", str(site)],
        stdout=subprocess.PIPE, stderr=None if os.environ.get("DEBUG") else subprocess.DEVNULL, text=True,
    )
    stopped = []
    if args.max_rss_gb:
        threading.Thread(
            target=stop_above, args=(server, int(args.max_rss_gb * 1024), stopped), daemon=True
        ).start()
    originals = {}
    try:
        first = server.stdout.readline()
        if stopped:
            print(f"stopped: resident memory {stopped[0]} MB passed {args.max_rss_gb} GB while building")
            return 1
        port = int(first.split("http://127.0.0.1:")[1].split("/")[0])
        print(first.strip())
        rss, peak = memory_mb(server.pid)
        print(f"first build: {time.perf_counter() - started:.1f} s to serving; "
              f"resident memory {rss} MB, peak {peak} MB")
        conn = http.client.HTTPConnection("127.0.0.1", port)
        conn.request("GET", "/__cermin/events")
        stream = events(conn.getresponse())
        assert next(stream) == "hello"
        rng = random.Random(7)
        latencies = []
        cpu = []
        for i in range(args.saves):
            article = rng.choice(files)
            text = article.read_text()
            originals.setdefault(article, text)
            temp = article.with_name(f".{article.name}.tmp")
            temp.write_text(text + f"\nSunting ke-{i}.\n")
            cpu0 = cpu_ms(server.pid)
            os.replace(temp, article)
            t0 = time.perf_counter()
            for name in stream:
                if os.environ.get("DEBUG"):
                    print("event", name, flush=True)
                if name == "reload":
                    break
            latencies.append((time.perf_counter() - t0) * 1000)
            cpu.append(cpu_ms(server.pid) - cpu0)
            time.sleep(0.3)
        latencies.sort()
        p90 = latencies[int(len(latencies) * 0.9) - 1]
        print(f"{args.articles} articles, {args.saves} saves: save -> reload event "
              f"median {statistics.median(latencies):.0f} ms, p90 {p90:.0f} ms, "
              f"min {latencies[0]:.0f} ms, max {latencies[-1]:.0f} ms; "
              f"CPU time of the server per save median {statistics.median(cpu):.0f} ms "
              f"(all threads; on a busy machine the latency waits for cores, this does not)")
        rss, peak = memory_mb(server.pid)
        print(f"after the saves: resident memory {rss} MB, peak {peak} MB")
    finally:
        server.terminate()
        server.wait(timeout=60)
        if args.site:
            for article, text in originals.items():
                article.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
