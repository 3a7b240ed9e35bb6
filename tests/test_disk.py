"""Stores are built in a folder of their own beside the build cache, and a killed build's is swept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from statementkg.disk import discard_folder, new_store_folder


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_building_folder_is_beside_the_cache_and_named_by_its_process(tmp_path: Path) -> None:
    folder = new_store_folder(tmp_path / "graph.trig")
    assert folder.parent == tmp_path / "cache"
    assert folder.name.startswith(f"store-building-{os.getpid()}-") and folder.is_dir()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".") or ".tmp" in p.name]


def test_the_folders_of_gone_processes_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    dead = cache / f"store-building-{_dead_pid()}-abc"
    live = cache / f"store-building-{os.getpid()}-def"
    for folder in (dead, live):
        folder.mkdir(parents=True)
        (folder / "000001.sst").write_bytes(b"x")
    mine = new_store_folder(tmp_path / "graph.trig")
    assert not dead.exists() and live.exists() and mine.exists()


def test_discarding_the_last_folder_leaves_no_cache_behind(tmp_path: Path) -> None:
    folder = new_store_folder(tmp_path / "graph.trig")
    discard_folder(folder)
    assert not (tmp_path / "cache").exists()
    kept = tmp_path / "cache" / "extract"
    kept.mkdir(parents=True)
    folder = new_store_folder(tmp_path / "graph.trig")
    discard_folder(folder)
    assert kept.is_dir()
