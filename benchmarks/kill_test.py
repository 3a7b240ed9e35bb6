"""Kill -9 during build, export and timeline: no corrupt output, no temporary file left behind.

Usage: python benchmarks/kill_test.py [--runs N] [--seed S]

Each run starts one command over the bundled corpus, whose output already holds a good result,
kills it with SIGKILL after a random delay, then checks that the output is either the previous
bytes or a complete new result (it parses), and that no temporary file is left in the folder.
Prints one line per command and a summary; exits 1 on any corrupt output or stray file.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "import sys; from statementkg.cli import main; sys.argv[0] = 'statementkg'; main()"]


def _parses(path: Path) -> bool:
    if path.suffix == ".html":
        text = path.read_text(encoding="utf-8", errors="replace")
        return text.rstrip().endswith("</html>")
    fmt = pyoxigraph.RdfFormat.TRIG if path.suffix == ".trig" else pyoxigraph.RdfFormat.TURTLE
    try:
        sum(1 for _ in pyoxigraph.parse(path=str(path), format=fmt))
    except (SyntaxError, ValueError, OSError):
        return False
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=30, help="kills per command")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    corpus = ROOT / "data" / "statements"
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        graph = out / "graph.trig"
        subprocess.run([*CLI, "build", str(corpus), "-o", str(graph)], check=True, capture_output=True)
        commands = {
            "build": ([*CLI, "build", str(corpus), "-o", str(graph), "--no-cache"], graph),
            "export": ([*CLI, "export", "--data", str(graph), "--format", "turtle", "-o", str(out / "g.ttl")],
                       out / "g.ttl"),
            "timeline": ([*CLI, "timeline", "--data", str(graph), "-o", str(out / "t.html")], out / "t.html"),
        }
        for name, (cmd, target) in commands.items():
            subprocess.run(cmd, check=True, capture_output=True)  # a good previous output
            corrupt = stray = killed = 0
            for _ in range(args.runs):
                before = target.read_bytes()
                proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(rng.uniform(0.05, 2.5))
                if proc.poll() is None:
                    os.kill(proc.pid, signal.SIGKILL)
                    killed += 1
                proc.wait()
                after = target.read_bytes() if target.exists() else b""
                if after != before and not _parses(target):
                    corrupt += 1
                leftovers = [p.name for p in out.iterdir() if ".tmp" in p.name or p.name.startswith(".")]
                if leftovers:
                    stray += 1
                    for p in out.iterdir():  # clean up, so one stray file is counted once
                        if ".tmp" in p.name or p.name.startswith("."):
                            subprocess.run(["rm", "-rf", str(p)], check=False)
            print(f"{name:9s} runs {args.runs}  killed {killed}  corrupt outputs {corrupt}  "
                  f"runs leaving temp files {stray}")
            bad += corrupt + stray
    print(f"total: {3 * args.runs} runs, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
