#!/usr/bin/python3
"""Percentiles from an h2load --log-file (tab-separated: start time µs, HTTP status, latency µs).

Usage: latency.py LOGFILE [ENTRIES_PER_REQUEST]
Prints requests, HTTP non-200 count, p50/p90/p99/max latency in ms, and the achieved request and entry rates.
"""
import sys


def main():
    path, entries = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    rows = []
    with open(path) as f:
        for line in f:
            start, status, latency = line.split("\t")
            rows.append((int(start), int(status), int(latency)))
    if not rows:
        sys.exit("empty log")
    latencies = sorted(r[2] for r in rows)
    bad = sum(1 for r in rows if r[1] != 200)
    span = (max(r[0] + r[2] for r in rows) - min(r[0] for r in rows)) / 1e6

    def pct(p):
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] / 1000

    rate = len(rows) / span
    print(f"requests={len(rows)} non200={bad} p50={pct(50):.2f}ms p90={pct(90):.2f}ms p99={pct(99):.2f}ms "
          f"max={latencies[-1] / 1000:.2f}ms req/s={rate:.0f} entries/s={rate * entries:.0f}")


if __name__ == "__main__":
    main()
