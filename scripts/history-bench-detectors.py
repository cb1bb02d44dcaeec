"""bench:history's other column: the same series through Apache Otava's and asv's change detection.

Reads {"series": [[float, ...], ...]} on stdin; writes {"versions": ..., "otava": [[index, ...], ...],
"asv": [[index, ...], ...], "seconds": ...} on stdout. An index is the first point after a change,
as threadgate's detector reports it. Run by src/bench/history-bench.ts inside its own virtualenv.
"""
import json
import sys
import time
from importlib.metadata import version

from asv.step_detect import detect_steps
from otava.analysis import compute_change_points


def otava_changes(values):
    # Otava's defaults: window_len=50, max_pvalue=0.001 (the same significance threadgate uses).
    change_points, _weak = compute_change_points(values, window_len=50, max_pvalue=0.001)
    return sorted(int(cp.index) for cp in change_points)


def asv_changes(values):
    # asv fits piecewise-constant steps (Potts model, penalty chosen by asv itself); each step's
    # left edge after the first is a change. asv's own regression report keeps only upward steps
    # above a threshold; for detection of any change the step edges are the comparable answer.
    steps = detect_steps(values)
    return [int(step[0]) for step in steps[1:]]


def main():
    payload = json.load(sys.stdin)
    series = payload["series"]
    result = {"versions": {"apache-otava": version("apache-otava"), "asv": version("asv")}, "seconds": {}}
    for name, detect in (("otava", otava_changes), ("asv", asv_changes)):
        started = time.perf_counter()
        result[name] = [detect(values) for values in series]
        result["seconds"][name] = time.perf_counter() - started
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
