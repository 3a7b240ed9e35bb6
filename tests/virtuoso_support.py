"""A real OpenLink Virtuoso (Debian's ``virtuoso-opensource``) for the endpoint tests.

``start_virtuoso`` writes its own ``virtuoso.ini`` in a fresh folder (both ports free on
127.0.0.1, the database files in that folder, small buffers so it starts in a few seconds),
starts ``virtuoso-t +foreground`` as a child process, waits for ``/sparql`` to answer, and adds
a user allowed SPARQL updates (which is what Virtuoso's authenticated Graph Store endpoint
``/sparql-graph-crud-auth`` checks).  ``stop_virtuoso`` ends it by its process ID.

``make test`` installs the package when ``virtuoso-t`` is missing; without it the tests that
need Virtuoso fail, saying so, rather than being skipped.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from process_support import answers, stop

USER = "skgtest"
PASSWORD = "skg-test-password"
#: Debian's default password of the ``dba`` account of a new database
DBA_PASSWORD = "dba"


class VirtuosoUnavailable(RuntimeError):
    """Virtuoso is not installed, or did not start; the message says what to do."""


@dataclass
class Virtuoso:
    process: subprocess.Popen[bytes]
    folder: Path
    http_port: int
    sql_port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def sparql(self) -> str:
        """The public query endpoint."""
        return f"{self.base}/sparql"

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint that takes writes (HTTP Digest authentication)."""
        return f"{self.base}/sparql-graph-crud-auth"

    def log_tail(self, chars: int = 3000) -> str:
        text = ""
        for name in ("virtuoso.log", "stdout.log"):
            path = self.folder / name
            if path.is_file():
                text += f"--- {name}\n" + path.read_text(encoding="utf-8", errors="replace")[-chars:]
        return text


def binaries() -> tuple[str, str]:
    """The paths of ``virtuoso-t`` and Debian's ``isql-vt``, or ``VirtuosoUnavailable``."""
    server, client = shutil.which("virtuoso-t"), shutil.which("isql-vt") or shutil.which("isql-v")
    if server is None or client is None:
        raise VirtuosoUnavailable(
            "OpenLink Virtuoso is not installed (virtuoso-t and isql-vt are missing); `make test` installs "
            "it, or run: DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource"
        )
    return server, client


def _ini(folder: Path, http_port: int, sql_port: int) -> str:
    db = folder / "db"
    return f"""\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 8
CheckpointInterval = 60
O_DIRECT = 0
CaseMode = 2
AllowOSCalls = 0
DirsAllowed = ., {folder}
NumberOfBuffers = 4000
MaxDirtyBuffers = 3000
ThreadsPerQuery = 2
AsyncQueueMaxThreads = 4
MaxQueryMem = 256M

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}/www
MaxClientConnections = 8
ServerThreads = 8
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 400
"""


def _answers(base: str) -> bool:
    return answers(f"{base}/sparql", timeout=2)


def _isql(client: str, sql_port: int, script: str, timeout: float = 60) -> None:
    done = subprocess.run([client, f"127.0.0.1:{sql_port}", "dba", DBA_PASSWORD, "VERBOSE=OFF",
                           "ERRORS=STDOUT", f"EXEC={script}"],
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    output = done.stdout + done.stderr
    if done.returncode != 0 or "*** Error" in output:
        raise VirtuosoUnavailable(f"isql failed ({done.returncode}): {output.strip()[-1500:]}")


def start_virtuoso(folder: Path, http_port: int, sql_port: int, *, deadline: float = 60) -> Virtuoso:
    """A Virtuoso of its own in ``folder`` on 127.0.0.1, with the test user; stop it with ``stop_virtuoso``."""
    server, client = binaries()
    (folder / "db").mkdir(parents=True)
    (folder / "www").mkdir()
    ini = folder / "virtuoso.ini"
    ini.write_text(_ini(folder, http_port, sql_port), encoding="utf-8")
    with (folder / "stdout.log").open("wb") as log:
        process = subprocess.Popen([server, "+foreground", "+configfile", str(ini)], cwd=folder,
                                   stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    virtuoso = Virtuoso(process, folder, http_port, sql_port)
    try:
        until = time.monotonic() + deadline
        while time.monotonic() < until and process.poll() is None and not _answers(virtuoso.base):
            time.sleep(0.2)
        if process.poll() is not None or not _answers(virtuoso.base):
            state = f"it exited with {process.returncode}" if process.poll() is not None else (
                f"no answer within {deadline:g} s")
            raise VirtuosoUnavailable(f"Virtuoso did not answer on {virtuoso.sparql} ({state}); its log:\n"
                                      f"{virtuoso.log_tail()}")
        # SPARQL_UPDATE is the role /sparql-graph-crud-auth and /sparql-auth check; the default
        # permissions (read 1 + write 2 + sponge 4) let the user write any graph
        _isql(client, sql_port,
              f"DB.DBA.USER_CREATE('{USER}', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"{USER}\"; "
              f"DB.DBA.RDF_DEFAULT_USER_PERMS_SET('{USER}', 7);")
    except BaseException:
        stop_virtuoso(virtuoso)
        raise
    return virtuoso


def stop_virtuoso(virtuoso: Virtuoso) -> None:
    """End the server by its process ID (SIGTERM, then SIGKILL after 30 s)."""
    if virtuoso.process.poll() is None:
        stop(virtuoso.process, timeout=30)
