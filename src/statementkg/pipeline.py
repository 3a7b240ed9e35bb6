"""The verbs of statementkg as plain functions: build, validate, query, export, timeline.

The CLI calls exactly these; each takes paths and options, returns data, and raises a
``StatementKGError`` for anything the user can fix.  Nothing here prints or exits.
"""

from __future__ import annotations

import gc
import resource
import shutil
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph
from rdflib import Dataset, URIRef

from .buildcache import cache_dir
from .curate import curate, load_corrections_for
from .datasets import load_dataset_from
from .disk import BackgroundLoad, discard_folder, install_store, new_store_folder, scratch_folder
from .engine import extract_all
from .errors import InputError
from .export import ExportFormat, serialize, trig_chunks
from .files import prepare_output, write_atomic_chunks
from .formats import GraphFormat
from .limits import DEFAULT_MAX_GRAPH_BYTES, DEFAULT_TIME_BUDGET, time_budget
from .link.build import load_links
from .link.run import LinkReport
from .model import Corpus, Extraction, Statement
from .quadsink import QuadSink
from .queries import run_saved_query
from .rdf import write_corpus
from .resolve import resolve
from .results import QueryResult
from .sources import iter_statement_files, load_statement, parse_statement
from .temporal import bounds_from_store, related_from_store, write_inferred
from .validate import ValidationReport, ValidationResult, consistency_shapes, validate_store
from .validate import validate as validate_dataset

Progress = Callable[[str, int, int], None]
#: stage name -> {"wall": s, "cpu": s, "rss_mb": peak so far}, filled in when a caller asks for it
Timings = dict[str, dict[str, float]]


def _cpu_seconds() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@contextmanager
def _stage(timings: Timings | None, name: str) -> Iterator[None]:
    """Time one build stage into ``timings`` (wall, CPU of this process and its workers, peak RSS).

    What the stage dropped is collected before the next one allocates: the collector runs rarely
    during a build (``BUILD_GC_THRESHOLDS``), and a stage's garbage in cycles (validation's
    rdflib graph of the focus nodes' neighbourhood) would otherwise add to the next stage's peak.
    """
    w0, c0 = time.perf_counter(), _cpu_seconds()
    yield
    gc.collect()
    if timings is None:
        return
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    timings[name] = {"wall": time.perf_counter() - w0, "cpu": _cpu_seconds() - c0, "rss_mb": peak / 1024}


#: the collector's thresholds during a build: a build allocates millions of small objects that live
#: until it ends (mentions, terms, bounds), and with the default thresholds (a collection every 700
#: allocations) the collector took 40% of resolution's time at 3,000 statements; collecting every
#: 50,000 still frees cycles, at about a third of that cost
BUILD_GC_THRESHOLDS = (50_000, 20, 10)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*BUILD_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


class BuiltStore(NamedTuple):
    corpus: Corpus
    #: a pyoxigraph store
    store: Any
    #: the folder ``store`` is in, or None when it is in memory
    location: Path | None
    #: for a store in memory that belongs on disk: N-Quads files holding it (``disk.BackgroundLoad``)
    copies: tuple[Path, ...] = ()


#: what a quad costs in pyoxigraph's in-memory store (measured: 410 bytes a quad for the 945,017
#: quads of 1,000 generated statements, indexes and strings included)
MEMORY_BYTES_PER_QUAD = 450
#: the most memory a build's in-memory store may take (1,000 statements take about 0.4 GB)
IN_MEMORY_MAX_BYTES = 1_200_000_000


def fits_in_memory(quads: int, in_memory: bool | None = None) -> bool:
    """Whether a store of ``quads`` is worth holding in memory during a build: ``in_memory`` when
    given, else whether it fits within ``IN_MEMORY_MAX_BYTES`` and a quarter of the memory free."""
    if in_memory is not None:
        return in_memory
    need = quads * MEMORY_BYTES_PER_QUAD
    return need <= IN_MEMORY_MAX_BYTES and need <= _available_memory() // 4


def _available_memory() -> int:
    """Bytes of memory available to this machine's processes now (Linux), or a gigabyte."""
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 1 << 30


@dataclass(frozen=True)
class BuildResult:
    statements: tuple[Statement, ...]
    corpus: Corpus
    #: the built dataset in a pyoxigraph store; None once installed beside the output (``installed``)
    store: Any
    report: ValidationReport
    #: violations that make the graph malformed; when there are any, nothing is written
    blocking: tuple[ValidationResult, ...]
    output: Path | None
    quads: int = 0
    #: the on-disk store beside the output, when written
    installed: Path | None = None

    @cached_property
    def dataset(self) -> Dataset:
        """The dataset as an rdflib Dataset, made on first use (for small corpora: about 3 KB a quad)."""
        if self.store is not None:
            return dataset_of_store(self.store)
        assert self.installed is not None
        return dataset_of_store(pyoxigraph.Store.read_only(str(self.installed)))


def read_statements(
    paths: Sequence[Path],
    progress: Progress | None = None,
    *,
    budget: float | None = DEFAULT_TIME_BUDGET,
    given: Sequence[tuple[Path, bytes]] = (),
) -> list[Statement]:
    """The statements in ``paths``; each file must be read within ``budget`` seconds (None: no limit).

    ``given`` holds statements already read (standard input), each as (the name it goes by, its
    bytes): the name's stem gives the statement IRI and its suffix the reader, as for a file.
    """
    files = iter_statement_files(paths) if paths else []
    total = len(files) + len(given)
    out: list[Statement] = []
    for i, f in enumerate(files, 1):
        with time_budget(budget, f"{f}: reading"):
            out.append(load_statement(f))
        if progress:
            progress("read", i, total)
    for i, (name, raw) in enumerate(given, len(files) + 1):
        with time_budget(budget, f"{name}: reading"):
            out.append(parse_statement(raw, name))
        if progress:
            progress("read", i, total)
    files = [*files, *(name for name, _ in given)]
    stems: dict[str, Path] = {}
    for st, f in zip(out, files, strict=True):
        if st.stem in stems:
            raise InputError(
                f"{f}: statement name {st.stem!r} is also used by {stems[st.stem]}; rename one of the files"
            )
        stems[st.stem] = f
    return out


def build_dataset(
    statements: Sequence[Statement],
    progress: Progress | None = None,
    **options: Any,
) -> tuple[Corpus, Dataset]:
    """``build_store``, with the dataset as an rdflib Dataset (for small corpora and tests)."""
    built = build_store(statements, progress, **options)
    return built.corpus, dataset_of_store(built.store)


def dataset_of_store(store: Any) -> Dataset:
    """Every named graph of a pyoxigraph store, as an rdflib Dataset with the project's prefixes."""
    from .namespaces import ID, PREFIXES
    from .results import memo_converter, term_from_oxigraph

    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True, replace=True)
    ds.bind("id", str(ID))
    conv = memo_converter(term_from_oxigraph)
    for q in store.quads_for_pattern(None, None, None, None):
        if q.graph_name.__class__.__name__ == "NamedNode":
            ds.graph(conv(q.graph_name)).add((conv(q.subject), conv(q.predicate), conv(q.object)))
    return ds


def build_store(
    statements: Sequence[Statement],
    progress: Progress | None = None,
    *,
    links: Path | None = None,
    budget: float | None = DEFAULT_TIME_BUDGET,
    timings: Timings | None = None,
    corrections: bool = True,
    cache: Path | None = None,
    jobs: int | None = None,
    location: Path | None = None,
    in_memory: bool | None = None,
) -> BuiltStore:
    """Extract, correct, resolve and model: statements in, a pyoxigraph store (with links and inferred order) out.

    The model is written as N-Quads and bulk-loaded (``QuadSink``).  The store is in memory when
    there is no ``location`` (a new folder), or when the dataset fits in memory
    (``fits_in_memory``; ``in_memory`` True or False decides instead): the later stages query it
    four to five times faster there, and ``copies`` holds it as N-Quads files for its copy on
    disk at ``location`` (``build`` loads it while it validates).  Otherwise it is on disk at
    ``location``, so memory does not grow with the dataset.

    Extracting one statement may take at most ``budget`` seconds (None: no limit); past it the
    build stops with a ``StatementKGError`` naming the file.  With ``cache`` (a folder), each
    statement's extraction is kept there and reused while the statement and the extraction code
    are unchanged; ``jobs`` worker processes extract the rest (see ``engine.extract_all``).  With
    ``corrections``, the ``STEM.corrections.yaml`` beside each statement is applied before
    resolution (``curate``); a correction that no longer applies stops the build with its ``file:line``.
    """
    import pyoxigraph as ox

    with _stage(timings, "extract"):
        extractions: list[Extraction] = extract_all(
            statements, cache=cache, jobs=jobs, budget=budget, progress=progress
        )
    hints = None
    if corrections:
        with _stage(timings, "curate"):
            curated = curate(extractions, load_corrections_for(statements))
            extractions, hints = list(curated.extractions), curated.hints
    linked = load_links(links) if links is not None else None
    with _stage(timings, "resolve"):
        corpus = resolve(extractions, known_bounds=linked.event_bounds() if linked else None, hints=hints)
    del extractions
    folder = scratch_folder(location) if location is not None else None
    with _stage(timings, "rdf"):
        sink = QuadSink(folder)
        try:
            write_corpus(corpus, sink)
            if linked is not None:
                linked.add_to(sink)  # type: ignore[arg-type]
        except BaseException:
            sink.discard()
            raise
        on_disk = location is not None and not fits_in_memory(sink.lines, in_memory)
        store = ox.Store(str(location)) if on_disk else ox.Store()
        # in memory with a place on disk: the files stay, to load the copy on disk from them
        keep = location is not None and not on_disk
        copies = [sink.load_into(store, keep=keep)]
    # a file kept here and left by a failure goes with the scratch folder (``build`` removes it)
    with _stage(timings, "order"):
        events = bounds_from_store(store)
        related = related_from_store(store, events.keys())
        names = sorted(URIRef(g.value) for g in store.named_graphs())
        sink = QuadSink(folder)
        write_inferred(sink, events, related, names)
        copies.append(sink.load_into(store, keep=keep))
    return BuiltStore(corpus, store, location if on_disk else None, tuple(p for p in copies if p is not None))


@_fewer_collections()
def build(
    paths: Sequence[Path],
    output: Path | None = None,
    *,
    progress: Progress | None = None,
    links: Path | None = None,
    budget: float | None = DEFAULT_TIME_BUDGET,
    timings: Timings | None = None,
    corrections: bool = True,
    given: Sequence[tuple[Path, bytes]] = (),
    use_cache: bool = True,
    jobs: int | None = None,
    in_memory: bool | None = None,
) -> BuildResult:
    """Read, extract, resolve, validate and (when ``output`` is given) write the dataset as TriG.

    ``links`` is a folder of SSSOM mapping tables (``statementkg link`` writes them): its accepted
    mappings go into the links graph, and the facts fetched for them into the enrichment graph.
    Reading them never touches the network.

    The graph is written unless it has structural violations (a malformed graph is never
    written).  Violations of the temporal consistency rules say that the sources contradict each
    other in time; they are kept in ``report`` for the caller to show, and do not stop the write.
    ``given`` are statements read already (standard input), see ``read_statements``.
    """
    if output is not None:
        prepare_output(output, tuple(paths))
    with _stage(timings, "read"):
        statements = read_statements(paths, progress, budget=budget, given=given)
    if output is not None:
        prepare_output(output, tuple(Path(s.path) for s in statements if Path(s.path).exists()))
    cache = cache_dir(output) if output is not None and use_cache else None
    location = new_store_folder(output) if output is not None else None
    loading: BackgroundLoad | None = None
    try:
        corpus, store, on_disk, copies = build_store(
            statements, progress, links=links, budget=budget, timings=timings, corrections=corrections,
            cache=cache, jobs=jobs, location=location, in_memory=in_memory)
        if copies:
            # the copy on disk loads on the other core while this one validates and writes
            assert location is not None
            loading = BackgroundLoad(copies, location)
        with _stage(timings, "validate"):
            report = validate_store(store, jobs=jobs, location=on_disk)
            blocking = report.structural_violations(consistency_shapes())
        written = output is not None and not blocking
        quads = len(store)
        installed: Path | None = None
        if written:
            assert output is not None and location is not None
            with _stage(timings, "write"):
                write_atomic_chunks(output, trig_chunks(store))
            with _stage(timings, "store"):
                if loading is not None:
                    store = None  # the copy in memory goes before the copy on disk is flushed
                    store = loading.result()
                store.flush()
                # not reopened from its place: another build of the same output may replace it
                # there at any moment (the caller opens it when it needs it)
                store = None
                installed = install_store(location, output)
    finally:
        if loading is not None:
            loading.close()
        if location is not None:
            discard_folder(scratch_folder(location, create=False))
            if location.exists():
                discard_folder(location)  # not installed: a failed or refused build
    return BuildResult(tuple(statements), corpus, store, report, blocking, output if written else None, quads,
                       installed)


def validate(graph: str | Path, *, max_bytes: int = DEFAULT_MAX_GRAPH_BYTES) -> ValidationReport:
    """Validate a dataset (file, store folder or endpoint URL) against the shapes; never raises for non-conformance.

    A built TriG or N-Quads file and a store folder are validated on a copy of the on-disk store
    (hard links: cheap), never by parsing the TriG.  The file may come from anyone: larger than
    ``max_bytes`` it is refused, and nothing it names (``owl:imports``, remote JSON-LD contexts)
    is ever fetched.
    """
    with _private_store(graph, max_bytes) as private:
        if private is not None:
            store, location = private
            return validate_store(store, location=location)
    return validate_dataset(load_dataset_from(graph, max_bytes=max_bytes))


@contextmanager
def _private_store(data: str | Path, max_bytes: int) -> Iterator[tuple[Any, Path] | None]:
    """A writable copy of the on-disk store holding ``data`` (a TriG or N-Quads file, or a store
    folder) and its folder, deleted afterwards; None for other data (an endpoint, another format)."""

    from .datasets import DataKind, data_kind
    from .disk import fresh_store
    from .formats import GraphFormat

    kind = data_kind(data)
    if kind is DataKind.ENDPOINT:
        yield None
        return
    if kind is DataKind.FILE:
        path = Path(data)
        if not path.is_file() or GraphFormat.from_path(path) not in (GraphFormat.TRIG, GraphFormat.NQUADS):
            yield None
            return
        if path.stat().st_size > max_bytes:
            yield None  # the loader refuses it with the usual message
            return
        location = fresh_store(path)
    else:
        location = Path(data)
    from .datasets import open_store_folder

    source = open_store_folder(location)
    scratch = new_store_folder(location, location)  # beside the build cache, swept if this is killed
    copy = scratch / "store"
    try:
        source.backup(str(copy))
        del source
        yield pyoxigraph.Store(str(copy)), copy
    finally:
        discard_folder(scratch)


def export(data: str | Path, fmt: ExportFormat | str, *, max_bytes: int = DEFAULT_MAX_GRAPH_BYTES) -> bytes:
    """``data`` (file, store folder or endpoint URL) re-serialised as ``fmt``; the same limits as ``validate``.

    TriG from a built file or store folder is written from the on-disk store, graph by graph.
    """
    fmt = fmt if isinstance(fmt, GraphFormat) else GraphFormat.from_name(fmt)
    if fmt is GraphFormat.TRIG:
        with _private_store(data, max_bytes) as private:
            if private is not None:
                return b"".join(trig_chunks(private[0]))
    return serialize(load_dataset_from(data, max_bytes=max_bytes), fmt)


def query(
    name: str, data: str | Path, params: Mapping[str, str] | None = None, *, folder: Path | None = None,
    limit: int | None = None, offset: int = 0,
) -> QueryResult:
    """Run saved query ``name`` (from ``folder``, default ``queries/``) over a dataset file or endpoint;
    ``limit``/``offset`` return one page of its rows."""
    return run_saved_query(name, data, dict(params or {}), folder=folder, limit=limit, offset=offset)


def link(
    source: str,
    data: Path,
    links: Path,
    *,
    endpoint: str | None = None,
    offline: bool = False,
    cache: Path | None = None,
    include_perpetrators: bool = False,
) -> LinkReport:
    """Propose, score and decide links from ``source`` for the graph ``data``; write ``links/SOURCE.sssom.tsv``."""
    from .link.run import link as run_link

    return run_link(source, data, links, endpoint=endpoint, offline=offline, cache=cache,
                    include_perpetrators=include_perpetrators)


def push(data: Path, endpoint: str, *, resume: bool = True, progress: Progress | None = None) -> int:
    """Replace each named graph of ``data`` on a Graph Store Protocol ``endpoint``; graphs written.

    ``endpoint`` is the Graph Store URL (``http://host:7878/store`` for Oxigraph); a bare server
    URL is taken to be an Oxigraph server.  With ``resume``, graphs already sent unchanged (as
    recorded in ``<data>.push.json``) are skipped, so a failed push picks up where it stopped.
    """
    import urllib.parse

    from .store import RemoteStore

    if urllib.parse.urlsplit(endpoint).path in ("", "/"):
        remote = RemoteStore.for_oxigraph(endpoint)
    else:
        remote = RemoteStore(endpoint, endpoint)
    state = data.with_name(data.name + ".push.json") if resume else None
    return remote.push(data, state=state, progress=progress)


def serve_command(data: Path, port: int) -> list[str]:
    """The ``oxigraph serve-read-only`` command serving ``data``'s fresh on-disk store on 127.0.0.1."""
    import sys

    from .disk import fresh_store
    from .errors import StoreError

    location = fresh_store(data)
    binary = Path(sys.executable).parent / "oxigraph"
    found = str(binary) if binary.is_file() else shutil.which("oxigraph")
    if found is None:
        raise StoreError("the `oxigraph` server is not installed; pip install oxigraph (the dev extras have it)")
    return [found, "serve-read-only", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
