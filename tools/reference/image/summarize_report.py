#!/usr/bin/env python3
"""Per-group figures of a parity sweep: cases, failed cases (from the test run's .trx) and the largest error of each
compared tensor kind against its tolerance (from the DEFORUM_PARITY_REPORT file). See tools/reference/image/README.md."""
import argparse
import collections
import json
import os
import re
import xml.etree.ElementTree as ET


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", required=True, help="the folder make_image_cases.py wrote (its manifest.json)")
    ap.add_argument("--report", required=True, help="the DEFORUM_PARITY_REPORT file of the test run")
    ap.add_argument("--trx", help="the test run's trx log (dotnet test --logger trx), for the failure counts")
    a = ap.parse_args()

    cases = json.load(open(os.path.join(a.cases, "manifest.json"), encoding="utf-8"))["cases"]
    group_of = {c["id"]: c["group"] for c in cases}
    count = collections.Counter(group_of.values())
    failed = collections.Counter()
    if a.trx:
        ns = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"
        for r in ET.parse(a.trx).getroot().iter(ns + "UnitTestResult"):
            m = re.search(r'id: "([^"]+)"', r.get("testName"))
            if m and m.group(1) in group_of and r.get("outcome") != "Passed":
                failed[group_of[m.group(1)]] += 1
    worst = {}
    for line in open(a.report, encoding="utf-8"):
        what, diff, atol, rtol = line.rstrip("\n").split("\t")
        case_id, _, tensor = what.partition("/")
        if case_id not in group_of:
            continue
        key = (group_of[case_id], re.sub(r"_\d+$", "", tensor))   # out_save8_1 -> out_save8
        if key not in worst or float(diff) > worst[key][0]:
            worst[key] = (float(diff), float(atol), float(rtol), case_id)
    print("| group | cases | failed | compared | largest error | tolerance (atol, rtol) | in case |")
    print("|---|---|---|---|---|---|---|")
    for group in sorted(count):
        rows = sorted((k[1], v) for k, v in worst.items() if k[0] == group) or [("(values)", None)]
        for i, (tensor, v) in enumerate(rows):
            head = f"| {group} | {count[group]} | {failed[group] if a.trx else '?'} " if i == 0 else "| | | "
            tail = f"| {tensor} | {v[0]:.3g} | {v[1]:g}, {v[2]:g} | {v[3]} |" if v else "| (values) | | | |"
            print(head + tail)


if __name__ == "__main__":
    main()
