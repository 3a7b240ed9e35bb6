"""Where the graph lives: an embedded pyoxigraph store, or a SPARQL 1.1 endpoint, behind one interface.

``open_store`` picks one from what the user typed: a file path gives an ``EmbeddedStore`` loaded
from that file (in memory, nothing to install or start), an ``http(s)://`` URL gives a
``RemoteStore`` that queries over HTTP (SPARQL 1.1 Protocol, JSON results; retried when the
server asks, bounded by a total deadline) and writes through the Graph Store Protocol.
Both answer ``query`` with the same ``QueryResult`` of rdflib terms.

Query values are bound as RDF terms, never formatted into the query by hand: both stores get
one ``VALUES`` row built from N-Triples-serialised terms (``inject_values``), placed first in the
outer WHERE group, so a parameter needs no place after SELECT (where grlc's textual
substitution would turn it into a constant).
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.error
import urllib.parse
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph

from .errors import QueryError, StoreError
from .formats import GraphFormat
from .ids import GRAPH_IMPORTED
from .results import QueryResult, Term, term_from_json, term_from_oxigraph, to_ntriples

#: Triples from a file without graphs (Turtle, N-Triples) go here: saved queries read named graphs only.
IMPORTED_GRAPH = GRAPH_IMPORTED


#: the serialisations a store can load: the one format enum
DataFormat = GraphFormat


def _data_format(value: GraphFormat | str) -> GraphFormat:
    return value if isinstance(value, GraphFormat) else GraphFormat.from_name(value)


def format_for(path: Path) -> GraphFormat:
    """The serialisation of a data file, from its suffix."""
    return GraphFormat.from_path(path)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise StoreError(
            f"{path}: no such graph file; run `statementkg build` first or check the path"
        ) from None
    except IsADirectoryError:
        raise StoreError(f"{path}: is a folder; give the graph file (e.g. build/graph.trig)") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot read ({exc.strerror}); check its permissions") from exc


def _parse_error(source: str, fmt: DataFormat, exc: SyntaxError) -> StoreError:
    detail = re.sub(r"^Parser error at line \d+ (?:column|between columns) [\d and]+: ", "", str(exc))
    where = f"{source}:{exc.lineno}" if exc.lineno else source
    return StoreError(f"{where}: cannot parse as {fmt.label}: {detail}; fix the file or rebuild it")


def _iter_quads(data: bytes, fmt: DataFormat, source: str) -> list[pyoxigraph.Quad]:
    """Parse ``data``; triples of graph-less formats are put in ``IMPORTED_GRAPH``."""
    kwargs: dict[str, Any] = {}
    if not fmt.has_graphs:
        kwargs["to_graph"] = pyoxigraph.NamedNode(str(IMPORTED_GRAPH))
    try:
        return list(pyoxigraph.parse(data, format=fmt.oxigraph, **kwargs))
    except SyntaxError as exc:
        raise _parse_error(source, fmt, exc) from exc


class Store(ABC):
    """What the pipeline needs from a place that holds the graph: load data, ask SELECT queries."""

    @abstractmethod
    def query(self, sparql: str, substitutions: Mapping[str, Term] | None = None) -> QueryResult:
        """Run a SELECT query with the variables in ``substitutions`` (names without ``?``) bound."""

    @abstractmethod
    def load(self, data: bytes, format: DataFormat | str, *, source: str = "<data>") -> None:
        """Add the quads of ``data``; ``source`` names it in error messages."""

    def load_file(self, path: Path | str) -> None:
        """Add the quads of a data file (format by suffix)."""
        path = Path(path)
        fmt = format_for(path)
        self.load(_read_bytes(path), fmt, source=str(path))

    def close(self) -> None:  # noqa: B027 - most stores hold nothing to release
        """Release what the store holds; the default store holds nothing."""

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class EmbeddedStore(Store):
    """An in-memory pyoxigraph store: the default, with nothing to install or start."""

    def __init__(self) -> None:
        self._store: pyoxigraph.Store | None = pyoxigraph.Store()

    @classmethod
    def from_file(cls, path: Path | str) -> EmbeddedStore:
        """A store holding the dataset in ``path`` (TriG, Turtle, N-Quads, N-Triples, JSON-LD).

        A built TriG with its on-disk store beside it (``store/``, written by ``build``) is read
        from that store, without parsing the TriG; a stale store is rebuilt from the TriG first.
        """
        from .disk import open_fresh, store_dir

        path = Path(path)
        if path.suffix.lower() in (".trig", ".nq", ".nquads") and store_dir(path).is_dir() and path.is_file():
            store = cls()
            store._store = open_fresh(path)
            return store
        store = cls()
        store.load_file(path)
        return store

    @property
    def _oxigraph(self) -> pyoxigraph.Store:
        if self._store is None:
            raise StoreError("the embedded store was closed; open it again with EmbeddedStore.from_file")
        return self._store

    def __len__(self) -> int:
        return len(self._oxigraph)

    def load(self, data: bytes, format: DataFormat | str, *, source: str = "<data>") -> None:
        fmt = _data_format(format)
        kwargs: dict[str, Any] = {}
        if not fmt.has_graphs:
            kwargs["to_graph"] = pyoxigraph.NamedNode(str(IMPORTED_GRAPH))
        try:
            self._oxigraph.load(data, format=fmt.oxigraph, **kwargs)
        except SyntaxError as exc:
            raise _parse_error(source, fmt, exc) from exc

    def query(self, sparql: str, substitutions: Mapping[str, Term] | None = None) -> QueryResult:
        # the same VALUES row an endpoint gets, not pyoxigraph's substitutions: those bind only
        # projected variables, and a projected parameter breaks grlc's textual substitution
        text = inject_values(fold_expression_values(sparql, substitutions or {}), substitutions or {})
        try:
            answer = self._oxigraph.query(text)
            if not isinstance(answer, pyoxigraph.QuerySolutions):
                raise QueryError("only SELECT queries give rows; rewrite the query as a SELECT")
            variables = tuple(v.value for v in answer.variables)
            names = tuple(zip(variables, answer.variables, strict=True))
            rows = tuple(
                {name: term_from_oxigraph(solution[var]) for name, var in names if solution[var] is not None}
                for solution in answer
            )
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}; fix the query") from exc
        except (RuntimeError, ValueError) as exc:
            # pyoxigraph reports evaluation problems as RuntimeError
            raise QueryError(f"the query cannot be run: {exc}; fix the query or its parameters") from exc
        except OSError as exc:
            raise StoreError(f"the embedded store cannot be read: {exc}") from exc
        return QueryResult(variables, rows)

    def close(self) -> None:
        self._store = None


# ---------------------------------------------------------------- binding values on an endpoint

_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def sparql_code_mask(sparql: str) -> str:
    """``sparql`` with comments, string contents and IRIs blanked out (same length, same lines).

    What is left is the query's own syntax, so keywords, braces and variables can be found
    with plain scanning without mistaking ``#`` in an IRI or ``{`` in a string for syntax.
    """
    out = list(sparql)
    n = len(sparql)

    def blank(start: int, end: int) -> None:
        for k in range(start, end):
            if out[k] != "\n":
                out[k] = " "

    i = 0
    while i < n:
        ch = sparql[i]
        if ch == "#":
            end = sparql.find("\n", i)
            end = n if end < 0 else end
            blank(i, end)
            i = end
        elif ch in "\"'":
            long_quote = sparql.startswith(ch * 3, i)
            j = i + (3 if long_quote else 1)
            while j < n:
                if sparql[j] == "\\":
                    j += 2
                elif long_quote and sparql.startswith(ch * 3, j):
                    j += 3
                    break
                elif not long_quote and (sparql[j] == ch or sparql[j] == "\n"):
                    j += 1
                    break
                else:
                    j += 1
            blank(i, min(j, n))
            i = j
        elif ch == "<" and (match := _IRIREF.match(sparql, i)):
            blank(i, match.end())
            i = match.end()
        else:
            i += 1
    return "".join(out)


def _where_brace(sparql: str) -> int:
    """Offset of the ``{`` that opens the outermost WHERE group of a SELECT query."""
    mask = sparql_code_mask(sparql)
    depth = 0
    first_brace = -1
    i = 0
    while i < len(mask):
        ch = mask[i]
        if ch == "{":
            if depth == 0 and first_brace < 0:
                first_brace = i
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and (word := _WORD.match(mask, i)) and (i == 0 or mask[i - 1] not in "?$:_"):
            if word.group().upper() == "WHERE" and not mask.startswith(":", word.end()):
                brace = mask.find("{", word.end())
                if brace >= 0:
                    return brace
            i = word.end()
            continue
        i += 1
    if first_brace < 0:
        raise QueryError("the query has no WHERE group to bind parameters in; is it a SELECT query?")
    return first_brace


def inject_values(sparql: str, substitutions: Mapping[str, Term]) -> str:
    """``sparql`` with one ``VALUES`` row binding ``substitutions``, first thing in its WHERE group.

    Why this is safe: every value is written by ``to_ntriples(strict=True)``, which produces one
    complete RDF term token: IRIs holding any character IRIREF forbids (``>`` among them) are
    refused, and literal text escapes backslash, quote and line breaks, so no value can close
    its token and add syntax of its own.  (SPARQL's ``\\u`` pre-pass can at worst turn an
    escaped ``\\u`` of a value into another escaped character inside the same string.)  Variable
    names are checked to be plain names.  Placed first in the top-level group, the row joins
    with the rest of the group like pyoxigraph's substitution does; the saved-query rules
    (queries/README.md) keep parameters out of nested filters, where the two would differ.
    """
    if not substitutions:
        return sparql
    names = sorted(substitutions)
    for name in names:
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"cannot bind ?{name}: a variable name has only letters, digits and _")
    header = " ".join(f"?{name}" for name in names)
    row = " ".join(to_ntriples(substitutions[name], strict=True) for name in names)
    at = _where_brace(sparql) + 1
    return f"{sparql[:at]}\n  VALUES ({header}) {{ ({row}) }}\n{sparql[at:]}"


_EXPRESSION_KEYWORD = re.compile(r"\b(?:FILTER|BIND)\s*\(", re.IGNORECASE)


def fold_expression_values(sparql: str, substitutions: Mapping[str, Term]) -> str:
    """``sparql`` with each bound variable written as its term inside ``FILTER (...)`` and
    ``BIND (...)`` expressions, as grlc binds it (the ``VALUES`` row still binds it everywhere else).

    Oxigraph's optimiser folds constants but not a ``VALUES`` row: ``FILTER (?relation != "x" ||
    COALESCE(?__flag, false))`` with the flag written as ``false`` lets it drop a whole ``UNION``
    branch before evaluating it, where the variable would make it evaluate the branch and
    filter afterwards.  The value is the same one the row binds, written by the same
    ``to_ntriples(strict=True)`` (see ``inject_values`` for why that is safe), so the answer does
    not change; only where the engine can see the value does.
    """
    if not substitutions:
        return sparql
    mask = sparql_code_mask(sparql)
    spans: list[tuple[int, int]] = []
    for match in _EXPRESSION_KEYWORD.finditer(mask):
        if match.start() > 0 and mask[match.start() - 1] in "?$:_":
            continue
        depth, i = 0, match.end() - 1
        while i < len(mask):
            depth += {"(": 1, ")": -1}.get(mask[i], 0)
            if depth == 0:
                break
            i += 1
        spans.append((match.end(), i))
    edits: list[tuple[int, int, str]] = []
    for name, term in substitutions.items():
        if not re.fullmatch(r"[A-Za-z0-9_]+", name):
            raise QueryError(f"cannot bind ?{name}: a variable name has only letters, digits and _")
        token = to_ntriples(term, strict=True)
        for found in re.finditer(rf"[?$]{name}(?![A-Za-z0-9_])", mask):
            if any(start <= found.start() < end for start, end in spans):
                edits.append((found.start(), found.end(), token))
    for start, end, token in sorted(edits, reverse=True):
        sparql = sparql[:start] + token + sparql[end:]
    return sparql


# ---------------------------------------------------------------- remote endpoint


class RemoteStore(Store):
    """A SPARQL 1.1 endpoint (Oxigraph server, Fuseki, GraphDB, Virtuoso...).

    Queries go to ``query_endpoint`` by HTTP POST (JSON results, see ``http_request``); data goes to
    ``graph_store_endpoint`` with the SPARQL 1.1 Graph Store HTTP Protocol, one request per
    named graph.
    """

    def __init__(self, query_endpoint: str, graph_store_endpoint: str | None = None, *,
                 timeout: float = 60.0) -> None:
        self.query_endpoint = query_endpoint
        self.graph_store_endpoint = graph_store_endpoint
        self.timeout = timeout

    @classmethod
    def for_oxigraph(cls, base_url: str, *, timeout: float = 60.0) -> RemoteStore:
        """The endpoints of an ``oxigraph serve`` at ``base_url``: ``/query`` and ``/store``."""
        base = base_url.rstrip("/")
        return cls(f"{base}/query", f"{base}/store", timeout=timeout)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_endpoint!r}, {self.graph_store_endpoint!r})"

    # ------------------------------------------------------------ query

    def query(self, sparql: str, substitutions: Mapping[str, Term] | None = None) -> QueryResult:
        text = inject_values(sparql, substitutions or {})
        url = self.query_endpoint
        body = urllib.parse.urlencode({"query": text}).encode("utf-8")
        status, payload = http_request(
            url, body, "POST", {"Content-Type": "application/x-www-form-urlencoded",
                                "Accept": "application/sparql-results+json"}, deadline=self.timeout,
            credentials=_credentials(url),
        )
        if status == 400:
            raise QueryError(f"{url} rejected the query as malformed: {_snippet(payload)}; "
                             "the endpoint may lack a SPARQL 1.1 feature the query uses")
        if status == 404:
            raise StoreError(f"{url}: no SPARQL endpoint there (404); give the query URL, "
                             "e.g. http://127.0.0.1:7878/query for an Oxigraph server")
        if status in (401, 403):
            raise StoreError(f"{url} refused the query (not authorised, {status}); use an endpoint you may read, "
                             f"or {_CREDENTIALS_HINT}")
        if status >= 300:
            raise StoreError(f"{url} answered {status} ({_snippet(payload)}); check the URL is a SPARQL endpoint")
        try:
            answer = json.loads(payload.decode("utf-8"))
        except (ValueError, RecursionError):
            raise StoreError(
                f"{url} did not answer with SPARQL JSON results; is it a SPARQL endpoint?"
            ) from None
        return _result_from_json(answer, url)

    # ------------------------------------------------------------ Graph Store Protocol

    def load(self, data: bytes, format: DataFormat | str, *, source: str = "<data>") -> None:
        """Add every graph of ``data`` to the endpoint (HTTP POST per graph: existing triples stay)."""
        self._send(_iter_quads(data, _data_format(format), source), "POST")

    def push(self, dataset: Path | str, *, state: Path | None = None,
             progress: Callable[[str, int, int], None] | None = None) -> int:
        """Replace each named graph of a dataset file on the endpoint (HTTP PUT per graph).

        Each graph is replaced as one unit.  Graphs of the endpoint that the file does not have
        are left alone.  With ``state`` (a JSON file), the SHA-256 of every graph sent is recorded
        there as soon as the endpoint accepts it, and a graph already sent with the same content
        to the same endpoint is skipped: a push that failed half-way resumes where it stopped.
        Returns the number of graphs written.
        """
        path = Path(dataset)
        fmt = format_for(path)
        return self._send(_iter_quads(_read_bytes(path), fmt, str(path)), "PUT", state=state, progress=progress)

    def _send(self, quads: Iterable[pyoxigraph.Quad], method: str, *, state: Path | None = None,
              progress: Callable[[str, int, int], None] | None = None) -> int:
        endpoint = self.graph_store_endpoint
        if endpoint is None:
            raise StoreError(
                f"{self.query_endpoint}: no Graph Store Protocol endpoint to write to; give one "
                "(e.g. RemoteStore.for_oxigraph('http://127.0.0.1:7878') writes to /store)"
            )
        graphs: dict[str, list[pyoxigraph.Triple]] = {}
        for quad in quads:
            name = quad.graph_name
            if isinstance(name, pyoxigraph.BlankNode):
                raise StoreError(
                    f"a graph named by a blank node ({name}) cannot be sent; name every graph by IRI"
                )
            key = "" if isinstance(name, pyoxigraph.DefaultGraph) else name.value
            graphs.setdefault(key, []).append(quad.triple)
        sent = _load_push_state(state, endpoint)
        credentials = _credentials(endpoint)
        written = 0
        # Graph by graph: blank nodes would not be shared across graphs, but the build makes none.
        for done, key in enumerate(sorted(graphs)):
            if progress:
                progress("push", done, len(graphs))
            body = pyoxigraph.serialize(sorted(graphs[key], key=str), format=pyoxigraph.RdfFormat.N_TRIPLES)
            assert isinstance(body, bytes)
            digest = hashlib.sha256(body).hexdigest()
            if sent.get(key) == digest:
                continue
            sep = "&" if "?" in endpoint else "?"
            target = f"{endpoint}{sep}default" if key == "" else (
                f"{endpoint}{sep}graph={urllib.parse.quote(key, safe='')}")
            status, payload = http_request(
                target, body, method, {"Content-Type": "application/n-triples"},
                deadline=self.timeout, name=endpoint, credentials=credentials,
            )
            if status in (401, 403):
                who = f"the credentials of {credentials[0]!r} were refused" if credentials else "no credentials given"
                raise StoreError(f"{endpoint} did not allow the write ({status}: {who}); {_CREDENTIALS_HINT}")
            if status >= 300:
                raise StoreError(
                    f"{target}: the graph store answered {status} ({_snippet(payload)}); check that {endpoint} "
                    "is a Graph Store Protocol endpoint that accepts writes"
                )
            written += 1
            if state is not None:
                sent[key] = digest
                _save_push_state(state, endpoint, sent)
        if progress:
            progress("push", len(graphs), len(graphs))
        return written


def _load_push_state(state: Path | None, endpoint: str) -> dict[str, str]:
    if state is None or not state.is_file():
        return {}
    try:
        data = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    graphs = data.get(endpoint, {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in graphs.items()} if isinstance(graphs, dict) else {}


def _save_push_state(state: Path, endpoint: str, sent: Mapping[str, str]) -> None:
    from .files import write_atomic

    data: dict[str, Any] = {}
    if state.is_file():
        try:
            data = json.loads(state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
    data[endpoint] = dict(sorted(sent.items()))
    write_atomic(state, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


_CREDENTIALS_HINT = "set STATEMENTKG_USER and STATEMENTKG_PASSWORD, or a ~/.netrc entry for the host"


def _credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for ``url``: ``STATEMENTKG_USER``/``STATEMENTKG_PASSWORD``, else ~/.netrc (or $NETRC).

    Never from the command line (it would show in the process list and shell history).  They are
    sent only when the server asks (a 401 challenge), by HTTP Digest or Basic as it asks: Virtuoso's
    ``/sparql-graph-crud-auth`` wants Digest and refuses a Basic header sent unasked.
    """
    import netrc
    import os

    user, password = os.environ.get("STATEMENTKG_USER"), os.environ.get("STATEMENTKG_PASSWORD")
    if user and password is not None:
        return user, password
    try:
        host = urllib.parse.urlsplit(url).hostname or ""
    except ValueError:  # not a URL: the request says so
        return None
    try:
        found = netrc.netrc(os.environ.get("NETRC") or None).authenticators(host)
    except (FileNotFoundError, netrc.NetrcParseError, OSError):
        found = None
    if found is None:
        return None
    login, _account, secret = found
    return login, secret or ""


class _AnswerOnce:
    """A 401 challenge answered once, in a scheme the handler speaks; otherwise the 401 stands.

    (urllib's Digest handler would send refused credentials again, with a fresh nonce, up to five
    times; and either handler raises on a scheme it does not speak.)
    """

    auth_header: str

    def http_error_401(self, req: urllib.request.Request, fp: Any, code: int, msg: str,
                       headers: Any) -> Any:
        if req.has_header(self.auth_header):
            return None
        try:
            return super().http_error_401(req, fp, code, msg, headers)  # type: ignore[misc]
        except ValueError:
            return None


class _DigestOnce(_AnswerOnce, urllib.request.HTTPDigestAuthHandler):
    pass


class _BasicOnce(_AnswerOnce, urllib.request.HTTPBasicAuthHandler):
    pass


def _auth_handlers(url: str, credentials: tuple[str, str] | None) -> list[urllib.request.BaseHandler]:
    if credentials is None:
        return []
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *credentials)
    return [_DigestOnce(passwords), _BasicOnce(passwords)]


#: answers with these codes are retried (after Retry-After, bounded) while the deadline allows
RETRY_STATUSES = frozenset({429, 503})
MAX_RETRIES = 4
MAX_RETRY_WAIT = 30.0
MAX_ANSWER_BYTES = 256 * 1024 * 1024


def _snippet(payload: bytes) -> str:
    text = payload.decode("utf-8", "replace").strip()
    first = text.splitlines()[0] if text else "no body"
    return first[:200]


def _retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait before retrying: the server's Retry-After (seconds or HTTP date), else backoff."""
    if value:
        value = value.strip()
        if value.isdigit():
            return float(value)
        try:
            import email.utils

            when = email.utils.parsedate_to_datetime(value)
            import datetime as dt

            delta: float = (when - dt.datetime.now(when.tzinfo or dt.UTC)).total_seconds()
            return max(0.0, delta)
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return float(min(MAX_RETRY_WAIT, 0.5 * 2**attempt))


class _NoRedirectLoop(urllib.request.HTTPRedirectHandler):
    max_redirections = 5


def _request_once(url: str, body: bytes | None, method: str, headers: Mapping[str, str],
                  deadline_at: float, credentials: tuple[str, str] | None = None) -> tuple[int, bytes, str | None]:
    """(status, body, Retry-After) of one request; reading stops at the deadline."""
    import time

    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    opener = urllib.request.build_opener(_NoRedirectLoop(), *_auth_handlers(url, credentials))
    remaining = deadline_at - time.monotonic()
    try:
        response = opener.open(request, timeout=max(0.1, min(remaining, 30.0)))
    except urllib.error.HTTPError as exc:
        try:
            payload = exc.read(64 * 1024)
        except OSError:
            payload = b""
        if 300 <= exc.code < 400:
            raise StoreError(f"{url}: too many redirects (a redirect loop?); give the endpoint's own URL") from None
        return exc.code, payload, exc.headers.get("Retry-After") if exc.headers else None
    with response:
        chunks: list[bytes] = []
        size = 0
        while True:
            if time.monotonic() > deadline_at:
                raise TimeoutError("the answer did not arrive in time")
            chunk = response.read1(64 * 1024)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_ANSWER_BYTES:
                raise StoreError(f"{url} sent more than {MAX_ANSWER_BYTES:,} bytes; ask a narrower query")
            chunks.append(chunk)
        return response.status, b"".join(chunks), None


def http_request(url: str, body: bytes | None, method: str, headers: Mapping[str, str], *,
                 deadline: float, name: str | None = None,
                 credentials: tuple[str, str] | None = None) -> tuple[int, bytes]:
    """One HTTP exchange with an endpoint, bounded in time and retried when the server asks.

    ``deadline`` is the total seconds for the whole exchange, retries and a slow (trickling)
    answer included; a 429 or 503 is retried up to ``MAX_RETRIES`` times after its Retry-After
    (at most ``MAX_RETRY_WAIT`` s, and never past the deadline).  Every failure to get an answer
    is a ``StoreError``; the caller judges the status and body it returns.  ``credentials``
    (user, password) answer the server's 401 challenge, Digest or Basic (see ``_credentials``).
    """
    import http.client
    import threading
    import time

    try:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("not an http(s) URL with a host")
        _ = parts.port
    except ValueError as exc:
        raise StoreError(f"{url}: not a valid endpoint URL ({exc}); check the URL") from None
    deadline_at = time.monotonic() + deadline
    attempt = 0
    while True:
        outcome: dict[str, Any] = {}

        def work(outcome: dict[str, Any] = outcome) -> None:
            try:
                outcome["value"] = _request_once(url, body, method, headers, deadline_at, credentials)
            except BaseException as exc:  # handed to the calling thread
                outcome["error"] = exc

        worker = threading.Thread(target=work, daemon=True)
        worker.start()
        worker.join(max(0.0, deadline_at - time.monotonic()) + 0.5)
        if worker.is_alive() or isinstance(outcome.get("error"), TimeoutError):
            raise StoreError(f"{url} did not answer within {deadline:g} s; check the server or ask a narrower query")
        error = outcome.get("error")
        if isinstance(error, StoreError):
            raise error
        if isinstance(error, (urllib.error.URLError, OSError, http.client.HTTPException, ValueError)):
            raise StoreError(_unreachable(name or url, error)) from None
        if error is not None:
            raise error
        status, payload, retry_after = outcome["value"]
        if status in RETRY_STATUSES and attempt < MAX_RETRIES:
            wait = min(_retry_after(retry_after, attempt), MAX_RETRY_WAIT)
            if time.monotonic() + wait < deadline_at:
                time.sleep(wait)
                attempt += 1
                continue
        if status in RETRY_STATUSES:
            raise StoreError(f"{url} is busy ({status}) and still was after {attempt} retries; try again later")
        return status, payload


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _unreachable(url: str, exc: BaseException) -> str:
    reason = getattr(exc, "reason", None) or exc
    return (f"cannot reach {url} ({reason}); check the URL and that the server is running "
            "(e.g. `oxigraph serve --location DIR --bind 127.0.0.1:7878`)")


def _result_from_json(answer: Any, url: str) -> QueryResult:
    try:
        variables = tuple(str(v) for v in answer["head"]["vars"])
        bindings = answer["results"]["bindings"]
    except (KeyError, TypeError):
        raise StoreError(f"{url} answered without SELECT results (head.vars, results.bindings); "
                         "saved queries must be SELECT queries") from None
    if not isinstance(bindings, list):
        raise StoreError(f"{url} answered with results.bindings that is not a list; is it a SPARQL endpoint?")
    import logging

    from rdflib import Literal

    # rdflib logs a traceback for each ill-typed literal it builds; here that is one Error: line
    term_log = logging.getLogger("rdflib.term")
    quiet = _DropAll()
    term_log.addFilter(quiet)
    try:
        rows = []
        for binding in bindings:
            if not isinstance(binding, dict):
                raise StoreError(f"{url} answered with a result row that is not an object; is it a SPARQL endpoint?")
            row = {}
            for name, value in binding.items():
                if name not in variables:
                    continue
                if not isinstance(value, dict):
                    raise StoreError(f"{url} answered with a malformed binding for ?{name}; is it a SPARQL endpoint?")
                term = term_from_json(value)
                if isinstance(term, Literal) and term.ill_typed:
                    raise StoreError(
                        f"{url} answered ?{name} = {str(term)[:60]!r}, not a valid {term.datatype}; "
                        "the endpoint's data is malformed"
                    )
                row[name] = _canonical_boolean(term)
            rows.append(row)
    finally:
        term_log.removeFilter(quiet)
    return QueryResult(variables, tuple(rows))


_BOOLEANS = {"1": "true", "0": "false"}


def _canonical_boolean(term: Term) -> Term:
    """A boolean in its canonical form: Virtuoso answers ``"1"^^xsd:boolean`` for ``true``."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(term, Literal) and term.datatype == XSD.boolean and str(term) in _BOOLEANS:
        return Literal(_BOOLEANS[str(term)], datatype=XSD.boolean)
    return term


class _DropAll:
    def filter(self, record: object) -> bool:
        return False


def open_store(data: str | Path) -> Store:
    """A store for ``--data``: an ``http(s)://`` URL is an endpoint, a folder a store, anything else a file.

    A bare server URL (no path) is taken to be an Oxigraph server and its ``/query`` endpoint used.
    """
    from .datasets import DataKind, data_kind, open_store_folder

    text = str(data)
    kind = data_kind(data)
    if kind is DataKind.ENDPOINT:
        if urllib.parse.urlsplit(text).path in ("", "/"):
            return RemoteStore.for_oxigraph(text)
        return RemoteStore(text)
    if kind is DataKind.STORE:
        store = EmbeddedStore()
        store._store = open_store_folder(Path(data))
        return store
    return EmbeddedStore.from_file(Path(data))
