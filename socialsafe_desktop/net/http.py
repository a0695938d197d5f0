"""Polite, bounded, cancellable HTTP: for in-app searches, the forgotten-accounts check and the
maintainers' link check.

- verify=True always; environment proxies and CA bundles are honoured (trust_env), which
  managed laptops behind a proxy need.
- a timeout on every request, and a size cap on every answer (read in chunks, stopped early).
- up to `retries` extra attempts on 429/5xx/connection failures, with back-off, honouring
  Retry-After up to a cap.
- a minimum delay between two requests to the same host, shared by all threads of a client.
- close() wakes every sleeping thread at once and makes in-flight calls give up; their results
  are thrown away by the caller.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import urllib3

import socialsafe_desktop

from .errors import NetError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CHUNK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def user_agent() -> str:
    version = getattr(socialsafe_desktop, "__version__", "0")
    return f"SocialSafe/{version} (personal privacy self-audit)"


def make_session(proxy: str | None = None) -> requests.Session:
    session = requests.Session()
    session.trust_env = True
    session.verify = True
    session.headers["User-Agent"] = user_agent()
    if proxy:  # an explicit proxy (policy or Settings) wins over the environment's
        session.proxies.update({"http": proxy, "https": proxy})
    return session


@dataclass(frozen=True)
class HttpSettings:
    """How politely and how long we talk to a server; every network feature has these."""

    timeout: float = 10.0          # seconds, for connecting and for each wait on the answer
    host_delay: float = 1.0        # seconds between two requests to the same host
    retries: int = 2               # extra attempts after a 429/5xx/connection failure
    backoff: float = 1.0           # first retry waits this long, then twice as long
    max_retry_after: float = 30.0  # a server asking us to wait longer than this gets no retry
    max_bytes: int = 2 * 1024 * 1024  # a results page is ~50 kB; anything past this is not one
    max_workers: int = 4           # requests in flight at once (across hosts)
    proxy: str | None = None       # from the managed policy or Settings; None: the environment's


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str
    charset: str | None = None  # only when the server named one; else let the parser detect it


@dataclass(frozen=True)
class HttpRequest:
    url: str
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    allow_redirects: bool = True
    method: str = "GET"         # "POST" for checks that send a form or JSON body
    data: bytes | None = None   # the request body, for POST


class HostRateLimiter:
    """Hands out start times at least `delay` apart per host. Thread-safe."""

    def __init__(self, delay: float) -> None:
        self.delay = max(0.0, delay)
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def reserve(self, host: str) -> float:
        """Book the next slot for host; returns how many seconds to wait before using it."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self.delay
            return start - now


def retry_after_seconds(value: str | None) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date); None when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _is_read_timeout(exc: BaseException) -> bool:
    # requests reports a timeout while reading the body as a ConnectionError wrapping urllib3's.
    inner = exc.args[0] if exc.args else None
    return isinstance(inner, (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.TimeoutError))


class HttpClient:
    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        limiter: HostRateLimiter | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self.limiter = limiter or HostRateLimiter(self.settings.host_delay)
        self.session = make_session(self.settings.proxy)
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def close(self) -> None:
        """Stop: wake all sleeps, drop pooled connections. Calls in flight end with kind "cancelled"."""
        self._cancel.set()
        self.session.close()

    def _check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise NetError("cancelled", "The search was cancelled.")

    def _sleep(self, seconds: float) -> None:
        # Event.wait instead of time.sleep, so close() wakes us immediately.
        if seconds > 0 and self._cancel.wait(seconds):
            raise NetError("cancelled", "The search was cancelled.")
        self._check_cancelled()

    def get(self, request: HttpRequest, service: str) -> HttpResponse:
        """GET with rate limit, retries and caps. Any final HTTP status is returned for the
        caller to judge; transport problems raise NetError naming `service`."""
        settings = self.settings
        try:
            host = (urlsplit(request.url).hostname or "").lower()
        except ValueError:
            host = ""
        if not host:
            raise NetError("config", f"The address for {service} is not a valid web address: correct it in Settings.")
        for attempt in range(settings.retries + 1):
            self._sleep(self.limiter.reserve(host))
            try:
                response = self._get_once(request, service)
            except NetError as error:
                if error.kind == "network" and attempt < settings.retries:
                    self._sleep(settings.backoff * 2**attempt)
                    continue
                raise
            if response.status in RETRY_STATUSES and attempt < settings.retries:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None:
                    wait = settings.backoff * 2**attempt
                elif wait > settings.max_retry_after:
                    return response  # asked to wait too long: report it now rather than hang
                self._sleep(wait)
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, request: HttpRequest, service: str) -> HttpResponse:
        settings = self.settings
        self._check_cancelled()
        try:
            with self.session.request(
                request.method,
                request.url,
                params=dict(request.params),
                data=request.data,
                headers=dict(request.headers),
                timeout=(settings.timeout, settings.timeout),
                stream=True,
                verify=True,
                allow_redirects=request.allow_redirects,
            ) as raw:
                self._check_cancelled()
                body = self._read_capped(raw, service)
                content_type = raw.headers.get("Content-Type", "")
                match = _CHARSET.search(content_type)
                return HttpResponse(
                    status=raw.status_code,
                    headers=raw.headers,
                    body=body,
                    url=raw.url,
                    charset=match.group(1) if match else None,
                )
        except NetError:
            raise
        except requests.exceptions.Timeout as exc:
            self._check_cancelled()
            raise self._timeout(service) from exc
        except requests.exceptions.SSLError as exc:
            self._check_cancelled()
            raise NetError(
                "tls",
                f"The secure connection to {service} could not be verified, so nothing was sent: "
                "if your organisation uses a proxy, ask your IT team.",
            ) from exc
        except requests.exceptions.ProxyError as exc:
            self._check_cancelled()
            raise NetError("network", f"The proxy server did not let us reach {service}: ask your IT team.") from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            self._check_cancelled()
            if _is_read_timeout(exc):
                raise self._timeout(service) from exc
            raise NetError(
                "network",
                f"Could not connect to {service}: check your internet connection, or the address in Settings.",
            ) from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, requests.exceptions.InvalidHeader) as exc:
            raise NetError("config", f"The address for {service} is not a valid web address: correct it in Settings.") from exc
        except requests.exceptions.RequestException as exc:
            self._check_cancelled()
            raise NetError("network", f"The answer from {service} could not be read: try again later.") from exc

    def _timeout(self, service: str) -> NetError:
        return NetError(
            "timeout",
            f"{service} did not answer within {self.settings.timeout:g} seconds: "
            "try again later.",
        )

    def _read_capped(self, raw: requests.Response, service: str) -> bytes:
        limit = self.settings.max_bytes
        too_large = NetError(
            "too_large",
            f"{service} sent a page larger than {limit / (1024 * 1024):g} MB, so it was not read: "
            "it was not what was asked for.",
        )
        declared = raw.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        # The socket timeout applies to each read; this bounds a server that trickles bytes.
        deadline = time.monotonic() + 3 * self.settings.timeout
        chunks, total = [], 0
        for chunk in raw.iter_content(_CHUNK):  # decompressed bytes, so a zip bomb is capped too
            self._check_cancelled()
            total += len(chunk)
            if total > limit:
                raise too_large
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise self._timeout(service)
        return b"".join(chunks)
