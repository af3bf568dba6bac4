"""Helpers the benchmarks share: command line, demo data folder, percentiles, the JSON line.

Every benchmark prints human-readable figures and, as its very last line, one JSON object with
at least ``value``, ``unit``, ``baseline`` and ``ratio`` (value / baseline).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import tempfile
import time
from pathlib import Path

FULL_PEOPLE = 100_000
DEMO_PEOPLE = 400  # what demo.fill adds itself; more are added with demo.add_people_up_to


def argument_parser(description: str, default_people: int = FULL_PEOPLE):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--people",
        type=int,
        default=default_people,
        metavar="N",
        help=f"people in the database (default {default_people:,}; smaller for a quick check)",
    )
    return parser


def parse_args(description: str, default_people: int = FULL_PEOPLE) -> argparse.Namespace:
    return argument_parser(description, default_people).parse_args()


def temporary_folder() -> tempfile.TemporaryDirectory:
    """Where a benchmark keeps its data; the log file the app leaves open does not stop cleanup."""
    return tempfile.TemporaryDirectory(prefix="sassot-bench-", ignore_cleanup_errors=True)


def open_demo_workspace(data_dir: Path, people: int):
    """A data folder holding the demo year (its 40 workshops, one tonight) and ``people`` people."""
    from sassot_desktop import demo
    from sassot_desktop.clock import venue_today
    from sassot_desktop.workspace import open_workspace

    started = time.perf_counter()
    workspace = open_workspace(data_dir)
    # The venue's today, so the start page always finds tonight's workshop.
    demo.fill(workspace.db, people=min(people, DEMO_PEOPLE), today=venue_today())
    if people > DEMO_PEOPLE:
        demo.add_people_up_to(workspace.db, people)
    print(f"Demo data with {people:,} people built in {time.perf_counter() - started:.1f} s")
    return workspace


def percentile(samples: list[float], percent: float) -> float:
    """Nearest-rank percentile: the smallest sample at or above ``percent`` of all samples."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def summary(samples_ms: list[float]) -> dict[str, float]:
    return {
        "n": len(samples_ms),
        "p50": round(percentile(samples_ms, 50), 3),
        "p95": round(percentile(samples_ms, 95), 3),
        "max": round(max(samples_ms), 3),
    }


def print_summary(label: str, samples_ms: list[float]) -> None:
    figures = summary(samples_ms)
    print(
        f"{label:<44} n={figures['n']:<4} p50={figures['p50']:8.2f} ms  "
        f"p95={figures['p95']:8.2f} ms  max={figures['max']:8.2f} ms"
    )


def print_result(value: float, unit: str, baseline: float, **extra) -> None:
    """The machine-readable result: must be the last line the benchmark prints."""
    result = {
        "value": round(value, 3),
        "unit": unit,
        "baseline": round(baseline, 3),
        "ratio": round(value / baseline, 3) if baseline else None,
        **extra,
    }
    print(json.dumps(result), flush=True)


def silence_offscreen_warnings() -> None:
    """Drop the offscreen platform's "does not support propagateSizeHints()" noise."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def print_context() -> None:
    """What the figures depend on: versions, and how busy the machine was when we started."""
    import platform

    import PySide6

    load = os.getloadavg() if hasattr(os, "getloadavg") else ()
    print(
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"{os.cpu_count()} CPUs, load average {', '.join(f'{x:.2f}' for x in load) or '?'}"
    )
