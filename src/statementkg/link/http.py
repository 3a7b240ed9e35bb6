"""The polite client every source uses: one request at a time per service, retries, cache, offline.

* a descriptive ``User-Agent`` (Wikimedia's policy asks for a name, version and contact);
* a timeout on every request; a response slower than it is a ``LinkError``;
* one request at a time per service (a lock per service name) and a pause between requests;
* retries with exponential backoff on 429 and 503 (tenacity), honouring ``Retry-After`` in
  seconds, capped at ``max_wait``; 500 and other statuses are one clear ``LinkError``;
* ``check`` inspects a 200 body (an error page or a half-written JSON document inside a 200 is
  an error, and is never cached);
* answers are cached on disk (``cache.py``); ``offline`` answers from the cache alone, and
  ``Client.missing`` lists what it could not answer.

Nothing here prints.  ``send`` callables do the HTTP (urllib, or SPARQLWrapper for SPARQL) and
raise ``urllib.error.HTTPError`` / ``URLError`` / ``TimeoutError`` as those do.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field

from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from .. import __version__
from ..errors import LinkError
from .cache import Cache, CachedAnswer, request_key

USER_AGENT = (
    f"statementkg/{__version__} (https://w3id.org/statementkg; knowledge graph of UK government statements) "
    "python-urllib"
)

_LOCKS: dict[str, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock(service: str) -> threading.Lock:
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(service, threading.Lock())


class _Retryable(Exception):
    def __init__(self, status: int, retry_after: float | None, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.retry_after = retry_after


class OfflineMiss(LinkError):
    """An answer needed while offline is not in the cache."""


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    now = now or dt.datetime.now(dt.UTC)
    return max(0.0, (when - now).total_seconds())


Send = Callable[[float], bytes]
Check = Callable[[bytes], None]


@dataclass
class Client:
    """One service's client: its name keys the lock and the cache folder."""

    service: str
    cache: Cache = field(default_factory=lambda: Cache(None))
    offline: bool = False
    timeout: float = 30.0
    attempts: int = 4
    backoff: float = 1.0
    max_wait: float = 120.0
    min_interval: float = 0.0
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    today: Callable[[], dt.date] = dt.date.today
    missing: list[str] = field(default_factory=list)
    requests_sent: int = 0
    _last: float = 0.0

    def fetch(self, endpoint: str, method: str, request: str, send: Send, check: Check | None = None) -> CachedAnswer:
        """The answer to ``request`` at ``endpoint``: from the cache, or sent (politely) and cached."""
        key = request_key(endpoint, method, request)
        hit = self.cache.get(self.service, key)
        if hit is not None:
            return hit
        if self.offline:
            self.missing.append(f"{method} {endpoint} {request[:200]}")
            raise OfflineMiss(
                f"offline: the {self.service} answer to this request is not in the cache ({endpoint}); "
                "run once without --offline"
            )
        body = self._send_with_retries(endpoint, send)
        if check is not None:
            check(body)
        answer = CachedAnswer(endpoint, request, self.today(), body.decode("utf-8"))
        self.cache.put(self.service, key, answer)
        return answer

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, _Retryable) and exc.retry_after is not None:
            return min(exc.retry_after, self.max_wait)
        return float(min(self.backoff * 2 ** (state.attempt_number - 1), self.max_wait))

    def _send_with_retries(self, endpoint: str, send: Send) -> bytes:
        retrying = Retrying(
            retry=retry_if_exception_type(_Retryable),
            stop=stop_after_attempt(self.attempts),
            wait=self._wait,
            sleep=self.sleep,
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return self._send_once(endpoint, send)
        except _Retryable as exc:
            raise LinkError(
                f"{endpoint}: still answering {exc.status} after {self.attempts} attempts ({exc}); "
                "try again later or use --offline with a filled cache"
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(self, endpoint: str, send: Send) -> bytes:
        with _lock(self.service):
            gap = self.min_interval - (time.monotonic() - self._last)
            if gap > 0:
                self.sleep(gap)
            try:
                self.requests_sent += 1
                return send(self.timeout)
            except urllib.error.HTTPError as exc:
                detail = _http_detail(exc)
                if exc.code in (429, 503):
                    raise _Retryable(exc.code, retry_after_seconds(exc.headers.get("Retry-After")), detail) from None
                raise LinkError(f"{endpoint}: HTTP {exc.code} {detail}; check the endpoint URL and query") from None
            except TimeoutError:
                raise LinkError(f"{endpoint}: no answer within {self.timeout:g} s; try again later") from None
            except urllib.error.URLError as exc:
                if isinstance(exc.reason, TimeoutError):
                    raise LinkError(f"{endpoint}: no answer within {self.timeout:g} s; try again later") from None
                raise LinkError(f"{endpoint}: cannot reach the service ({exc.reason}); check the URL or the network")\
                    from None
            except (ConnectionError, OSError) as exc:
                raise LinkError(f"{endpoint}: connection failed ({exc}); try again later") from None
            finally:
                self._last = time.monotonic()


def _http_detail(exc: urllib.error.HTTPError) -> str:
    try:
        body = exc.read().decode("utf-8", "replace")
    except OSError:
        body = ""
    first = " ".join(body.split())[:160]
    return f"{exc.reason}" + (f": {first}" if first else "")


def get_url(url: str, user_agent: str, accept: str) -> Send:
    """A ``send`` that GETs ``url`` with urllib (proxies from the environment, ``no_proxy`` honoured)."""

    def send(timeout: float) -> bytes:
        req = urllib.request.Request(url, headers={"User-Agent": user_agent, "Accept": accept})
        with urllib.request.urlopen(req, timeout=timeout) as response:
            data: bytes = response.read()
            return data

    return send
