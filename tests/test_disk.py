"""Stores are built in a folder of their own beside the build cache, and a killed build's is swept;
a store in memory is copied to disk in the background."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest

from statementkg.disk import BackgroundLoad, discard_folder, new_store_folder, scratch_folder
from statementkg.errors import StoreError


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


_S_P = "<http://example.org/s> <http://example.org/p>"


def _nquads(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_background_load_holds_every_file_and_deletes_them(tmp_path: Path) -> None:
    location = new_store_folder(tmp_path / "graph.trig")
    files = scratch_folder(location)
    assert files.parent == location.parent and files.name.startswith(location.name)
    parts = [_nquads(files, f"{i}.nq", f'{_S_P} "{i}" <http://example.org/g> .\n') for i in range(3)]
    store = BackgroundLoad(parts, location).result()
    assert len(store) == 3 and not any(p.exists() for p in parts)
    del store
    assert len(pyoxigraph.Store.read_only(str(location))) == 3


def test_a_failed_background_load_says_so_and_leaves_no_file(tmp_path: Path) -> None:
    location = new_store_folder(tmp_path / "graph.trig")
    broken = _nquads(scratch_folder(location), "broken.nq", "<http://example.org/s> this is not N-Quads\n")
    load = BackgroundLoad([broken], location)
    with pytest.raises(StoreError, match="cannot load the built dataset"):
        load.result()
    assert not broken.exists()


def test_an_abandoned_background_load_ends_before_its_folder_goes(tmp_path: Path) -> None:
    location = new_store_folder(tmp_path / "graph.trig")
    part = _nquads(scratch_folder(location), "a.nq", f"{_S_P} <http://example.org/o> .\n")
    load = BackgroundLoad([part], location)
    load.close()  # a refused build: nobody asks for the store
    assert not part.exists()
    discard_folder(scratch_folder(location, create=False))
    discard_folder(location)
    assert not (tmp_path / "cache").exists()
