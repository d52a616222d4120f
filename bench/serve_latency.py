#!/usr/bin/env python3
"""Save-to-reload latency of `cermin serve --watch` (issue: serve; target < 100 ms at 10k).

Usage: bench/serve_latency.py [--articles 10000] [--saves 30] [--bin target/release/cermin]
                              [--content DIR]

Makes (or reuses) a corpus with bench/gen_corpus.py under /dev/shm (or, with --content DIR,
a copy of the articles in DIR, a content folder kept outside the repository), starts
`cermin serve --watch --port 0` on it, listens to the live-reload event stream like a browser
tab does, then saves one article at a time the way editors do (write a temp file, rename it over
the article) and measures the time from the rename to the `reload` event arriving. Prints the
median and the 90th percentile, and the median CPU time the server used per save (which a
machine busy with other work does not inflate the way it does the latency). Standard library
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


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--saves", type=int, default=30)
    ap.add_argument("--bin", default=str(REPO / "target" / "release" / "cermin"))
    ap.add_argument("--content", metavar="DIR", help="edit a copy of these articles instead of generated ones")
    args = ap.parse_args()

    if args.content:
        site = copied(args.content, "serve-content-" + pathlib.Path(args.content).resolve().name)
    else:
        site = corpus(args.articles, "serve-")
    files = sorted((site / "content").rglob("*.md"))
    args.articles = len(files)
    server = subprocess.Popen(
        [args.bin, "serve", "--watch", "--port", "0", "--root", str(site)],
        stdout=subprocess.PIPE, stderr=None if os.environ.get("DEBUG") else subprocess.DEVNULL, text=True,
    )
    try:
        first = server.stdout.readline()
        port = int(first.split("http://127.0.0.1:")[1].split("/")[0])
        print(first.strip())
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
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
