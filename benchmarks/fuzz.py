"""The long fuzz run: mutate each reader's seed statement for a while, report crashes and the slowest input.

    .venv/bin/python benchmarks/fuzz.py --seconds 600        # about 10 minutes
    .venv/bin/python benchmarks/fuzz.py --seconds 60 --save build/fuzz-crashes

Crashes (an exception that is not a StatementKGError) are grouped by signature (type and the
line that raised); with ``--save`` one input per signature is written so that it can be added
to ``tests/data/bad/`` with the error line it must produce once fixed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzzing import SEEDS, check, mutate

SUFFIX = {"front-matter": ".md", "govuk-page": ".txt", "hansard": ".txt", "json": ".json"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seeds = {name: path.read_bytes() for name, path in SEEDS.items()}
    crashes: dict[str, tuple[int, bytes, str]] = {}
    runs = 0
    slowest = (0.0, "", b"")
    stop = time.monotonic() + args.seconds
    while time.monotonic() < stop:
        for name, seed in seeds.items():
            raw = mutate(seed, rng)
            crash, seconds = check(raw, f"fuzz{SUFFIX[name]}")
            runs += 1
            if seconds > slowest[0]:
                slowest = (seconds, name, raw)
            if crash:
                count = crashes.get(crash, (0, raw, name))[0]
                crashes[crash] = (count + 1, crashes.get(crash, (0, raw, name))[1], name)
    print(f"cases run: {runs}")
    print(f"crash signatures: {len(crashes)} ({sum(c for c, _, _ in crashes.values())} crashing cases)")
    for sig, (count, _, name) in sorted(crashes.items(), key=lambda kv: -kv[1][0]):
        print(f"  {count:6d}  {name:13s} {sig}")
    print(f"slowest input: {slowest[0]:.2f} s ({slowest[1]}, {len(slowest[2]):,} bytes)")
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for i, (_sig, (_, raw, name)) in enumerate(sorted(crashes.items())):
            (args.save / f"crash-{i}{SUFFIX[name]}").write_bytes(raw)
        (args.save / f"slowest{SUFFIX[slowest[1]] if slowest[1] else '.txt'}").write_bytes(slowest[2])
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
