"""A sync with nothing new to copy, of 1,000 export files, against ``rsync -a`` of the same tree.

The tree is what a few years of exports look like in the outbox: the workshop programme and
people workbooks, one attendance CSV per workshop, sign-in sheets and certificate PDFs, in
folders by kind and year, 1,000 files in all with sizes like the real ones (a few KB to a few
hundred KB; the people workbook a few MB). Both copies are made once first (not timed), then
each side runs again with nothing changed.

Measured, alternating the two sides, several runs each, medians reported:
  value:    ``exchange.sync.sync(paths, target)`` in this process, the operation
            ``sassot-desktop sync`` calls: manifest read, both trees listed, every file's size
            and time compared, nothing written;
  baseline: the ``rsync -a OUTBOX/ TARGET/`` process, timed from just before it starts until
            it exits (rsync's own quick check: size and modification time of each file).
Also printed on stderr, not part of the ratio: the whole ``sassot-desktop sync`` process
(Python start-up, opening the data folder, the same sync).

Target: ratio <= 1. rsync must be installed (``apt-get install rsync``); CI does not run this.

    python bench/sync.py [--files N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import print_context, print_result, temporary_folder

from sassot_desktop import paths
from sassot_desktop.exchange.sync import sync

TARGET_RATIO = 1.0
KB = 1024


def export_tree(outbox: Path, files: int, rng: random.Random) -> int:
    """Write ``files`` export files into ``outbox``; the total size in bytes."""
    sizes = {
        "Workshop programme.xlsx": 40 * KB,
        "People.xlsx": 3 * KB * KB,
    }
    kinds = [
        ("Attendance", "csv", (1 * KB, 6 * KB)),
        ("Sign-in sheets", "pdf", (30 * KB, 90 * KB)),
        ("Certificates", "pdf", (60 * KB, 400 * KB)),
    ]
    titles = ["Safeguarding and Protecting Children", "Emergency First Aid", "Club Treasurer"]
    for number in range(files - len(sizes)):
        folder, suffix, (low, high) = kinds[number % len(kinds)]
        year = 2020 + number % 7
        title = titles[number % len(titles)]
        name = f"{folder}/{year}/{year}-{number % 12 + 1:02d}-14 {title} (#{number}).{suffix}"
        sizes[name] = rng.randint(low, high)
    for name, size in sizes.items():
        path = outbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(size))
    return sum(sizes.values())


def timed(work) -> float:
    started = time.perf_counter()
    work()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, metavar="N")
    parser.add_argument("--runs", type=int, default=15, metavar="N")
    args = parser.parse_args()
    rsync = shutil.which("rsync")
    if rsync is None:
        sys.exit("rsync is not installed: apt-get install rsync")
    print_context()
    with temporary_folder() as base:
        base = Path(base)
        folders = paths.resolve(base / "data").ensure()
        total = export_tree(folders.outbox, args.files, random.Random(2026))
        print(f"{args.files:,} export files, {total / KB / KB:.1f} MB, in {folders.outbox}")
        ours, theirs = base / "shared drive", base / "rsync copy"
        ours.mkdir()
        theirs.mkdir()
        rsync_command = [rsync, "-a", f"{folders.outbox}/", f"{theirs}/"]

        def sync_once():
            report = sync(folders, str(ours))
            if report.copied or not report.complete:
                raise SystemExit(f"not a no-op: {report.summary()}")

        def rsync_once():
            subprocess.run(rsync_command, check=True)

        first = timed(lambda: sync(folders, str(ours)))
        first_rsync = timed(rsync_once)
        print(f"first copy: sync {first:.0f} ms, rsync -a {first_rsync:.0f} ms (not compared)")
        ours_ms, rsync_ms = [], []
        for _ in range(args.runs):
            ours_ms.append(timed(sync_once))
            rsync_ms.append(timed(rsync_once))
        value, baseline = statistics.median(ours_ms), statistics.median(rsync_ms)
        print(f"no-op sync (in process)   median {value:7.2f} ms  min {min(ours_ms):7.2f} ms")
        print(f"no-op rsync -a (process)  median {baseline:7.2f} ms  min {min(rsync_ms):7.2f} ms")

        command = [sys.executable, "-m", "sassot_desktop", "--data-dir", str(folders.data_dir)]
        quiet = {"check": True, "stdout": subprocess.DEVNULL}
        whole = [
            timed(lambda: subprocess.run([*command, "sync", "--target", str(ours)], **quiet))
            for _ in range(3)
        ]
        print(
            f"whole `sassot-desktop sync` process, no-op: median {statistics.median(whole):.0f} ms",
            file=sys.stderr,
        )
        ratio = value / baseline
        print(f"ratio {ratio:.2f} (target <= {TARGET_RATIO})")
        print_result(
            value,
            "ms",
            baseline,
            files=args.files,
            runs=args.runs,
            target_ratio=TARGET_RATIO,
            whole_process_ms=round(statistics.median(whole), 1),
        )


if __name__ == "__main__":
    main()
