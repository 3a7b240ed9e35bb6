"""Regenerate the per-statement snapshots in tests/data/snapshots (``make snapshots``).

Run after a deliberate change to extraction or resolution, then read ``git diff tests/data/snapshots``:
each changed line is one fact of one statement that appeared or disappeared.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from snapshot_support import ROOT, write_all  # noqa: E402


def main() -> int:
    written = write_all()
    print(f"wrote {len(written)} snapshots under {(ROOT / 'tests' / 'data' / 'snapshots').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
