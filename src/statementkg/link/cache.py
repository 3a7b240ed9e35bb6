"""On-disk answers of open-data services, keyed by endpoint and request, so reruns cost nothing.

One JSON file per answer under ``FOLDER/SERVICE/KEY.json`` holding the endpoint, the request
(a SPARQL query or a URL), the day it was retrieved and the body.  The retrieval day is what
link tables and the enrichment graph record as their date, so a rerun from the cache (and
``--offline``) reproduces them byte for byte.  Only well-formed answers are stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import LinkError
from ..files import write_atomic


def request_key(endpoint: str, method: str, request: str) -> str:
    return hashlib.sha256(f"{method} {endpoint}\n{request}".encode()).hexdigest()


@dataclass(frozen=True)
class CachedAnswer:
    endpoint: str
    request: str
    retrieved: dt.date
    body: str


class Cache:
    """A folder of cached answers; ``None`` folder means nothing is kept."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, service: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / service / f"{key}.json"

    def get(self, service: str, key: str) -> CachedAnswer | None:
        path = self._path(service, key)
        if path is None or not path.exists():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return CachedAnswer(data["endpoint"], data["request"], dt.date.fromisoformat(data["retrieved"]),
                                data["body"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise LinkError(f"{path}: unreadable cache entry ({exc}); delete it and run again online") from None

    def put(self, service: str, key: str, answer: CachedAnswer) -> None:
        path = self._path(service, key)
        if path is None:
            return
        data = {"endpoint": answer.endpoint, "request": answer.request, "retrieved": answer.retrieved.isoformat(),
                "body": answer.body}
        write_atomic(path, (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))
