"""Summarises a bench/side-by-side.sh results file, written for this repo.

For each benchmark: the per-round medians of each side, their median (the figure that survives a busy machine),
the ratio ours / PyTorch of those medians, and the spread of each side's per-round medians ((max - min) / median,
so that a faster side is not flattered by smaller absolute numbers). Prints a table and appends one
{"summary": ...} line per benchmark to the same file.

    python3 bench/python/side_by_side_summary.py bench/results/side-by-side-YYYYmmdd-HHMMSS.jsonl
"""
import json
import statistics
import sys


def summarise(rows):
    sides = {}
    for row in rows:
        sides.setdefault(row["side"], []).append(row["result"]["median_ms"])
    out = {}
    for side, medians in sides.items():
        mid = statistics.median(medians)
        out[side] = {"round_medians_ms": medians, "median_of_medians_ms": round(mid, 4),
                     "spread": round((max(medians) - min(medians)) / mid, 4) if mid > 0 else 0.0}
    if "ours" in out and "pytorch" in out:
        out["ratio"] = round(out["ours"]["median_of_medians_ms"] / out["pytorch"]["median_of_medians_ms"], 4)
    return out


def main(path):
    with open(path) as f:
        rows = [json.loads(line) for line in f if line.strip()]
    rows = [r for r in rows if "summary" not in r]
    summaries = []
    for bench in dict.fromkeys(r["bench"] for r in rows):
        s = summarise([r for r in rows if r["bench"] == bench])
        summaries.append({"summary": bench, **s})
        print(f"{bench}: ratio ours/pytorch {s.get('ratio', 'n/a')}")
        for side in ("ours", "pytorch"):
            if side in s:
                d = s[side]
                rounds = " ".join(f"{m:.2f}" for m in d["round_medians_ms"])
                print(f"  {side:8} median of medians {d['median_of_medians_ms']:10.2f} ms  spread {d['spread'] * 100:6.1f}%  rounds: {rounds}")
    with open(path, "a") as f:
        for s in summaries:
            f.write(json.dumps(s) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
