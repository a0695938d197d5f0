"""Polite, bounded, cancellable HTTP: for in-app searches, the forgotten-accounts check and the
maintainers' link check.

- GET or POST (a form, or a body as given), with the caller's headers.
- verify=True always; environment proxies (with NO_PROXY) and CA bundles are honoured, which
  managed laptops behind a proxy need; an explicit proxy wins over them; ~/.netrc is never
  read (its passwords are not for the sites asked).
- a timeout on every read, an overall deadline on every attempt that holds however slowly
  the server trickles its headers or body (deadline.py), and a size cap on every answer.
- up to `retries` extra attempts on the request's retry statuses and on broken connections,
  with back-off, honouring Retry-After up to a cap; none when the computer seems offline.
- "offline" (no name lookup, refused, no route) told apart from other failures, so a caller
  can stop instead of trying every request in turn.
- a minimum delay between two requests to the same host, shared by all threads of a client.
- close() wakes every sleeping thread at once and cuts the connections in flight; their
  results are thrown away by the caller.
"""

from __future__ import annotations

import email.utils
import errno
import os
import re
import socket
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import urllib3

import socialsafe_desktop

from ..core.i18n import _
from .deadline import DeadlineAdapter, Watch, watching
from .errors import NetError
from .settings import HttpSettings

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_CHUNK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)


def user_agent() -> str:
    version = getattr(socialsafe_desktop, "__version__", "0")
    return f"SocialSafe/{version} (personal privacy self-audit)"


class _Session(requests.Session):
    """requests' Session, with the environment read once per host instead of on every request
    (requests walks os.environ twice a request and looks for ~/.netrc three times; with a dozen
    workers that is interpreter time taken from the window).

    What requests takes from the environment, kept: the proxies (HTTP_PROXY, HTTPS_PROXY,
    ALL_PROXY, NO_PROXY) and the CA bundle (REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE). Changed: an
    explicit proxy (policy or Settings) wins over the environment's (requests lets the
    environment win), and ~/.netrc is never read: a password kept there for one server must not
    go to the sites a check asks."""

    def __init__(self, proxy: str | None = None) -> None:
        super().__init__()
        self.trust_env = False
        self._explicit_proxy = proxy
        self._ca_bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
        self._environment_proxies: dict[tuple[str, str], dict[str, str]] = {}
        self._lock = threading.Lock()

    def _proxies_for(self, url: str, proxies: Mapping[str, str] | None) -> dict[str, str]:
        """The proxies for `url`: the explicit one, else the environment's for its scheme and
        host (NO_PROXY applied), read once per scheme and host."""
        proxies = dict(proxies or {})
        if self._explicit_proxy:
            proxies.update({"http": self._explicit_proxy, "https": self._explicit_proxy})
            return proxies
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc.lower())  # NO_PROXY may name a host with its port
        with self._lock:
            found = self._environment_proxies.get(key)
        if found is None:
            found = requests.utils.get_environ_proxies(url, no_proxy=proxies.get("no_proxy"))
            with self._lock:
                self._environment_proxies[key] = found
        for scheme, address in found.items():
            proxies.setdefault(scheme, address)
        return proxies

    def merge_environment_settings(self, url, proxies, stream, verify, cert):  # noqa: ANN001 (requests' signature)
        if (verify is True or verify is None) and self._ca_bundle:
            verify = self._ca_bundle
        return super().merge_environment_settings(url, self._proxies_for(url, proxies), stream, verify, cert)

    def rebuild_proxies(self, prepared_request, proxies):  # noqa: ANN001 (requests' signature)
        # A redirect to another host goes through that host's proxy (requests looks in the
        # environment here only when trust_env is on).
        return super().rebuild_proxies(prepared_request, self._proxies_for(prepared_request.url, proxies))


def make_session(proxy: str | None = None) -> requests.Session:
    session = _Session(proxy)
    session.verify = True
    session.headers["User-Agent"] = user_agent()
    return session


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str
    charset: str | None = None  # only when the server named one; else let the parser detect it


@dataclass(frozen=True)
class HttpRequest:
    """What to send. GET by default; `data` makes a body: a mapping is sent as an HTML form
    (application/x-www-form-urlencoded), text or bytes as they are (set Content-Type in
    `headers`). `retry_statuses` are the statuses worth asking again after a pause; a service
    whose 429 means "you look like a robot" passes a set without it."""

    url: str
    params: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    allow_redirects: bool = True
    method: str = "GET"
    data: Mapping[str, str] | str | bytes | None = None
    retry_statuses: frozenset[int] = RETRY_STATUSES


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


# Why a connection could not be made that mean "this computer is not on a network that reaches
# the internet", rather than "that server is unwell".
_OFFLINE_ERRNOS = frozenset(
    code for code in (
        getattr(errno, name, None)
        for name in ("ECONNREFUSED", "ENETUNREACH", "EHOSTUNREACH", "ENETDOWN", "EHOSTDOWN", "EADDRNOTAVAIL",
                     "WSAECONNREFUSED", "WSAENETUNREACH", "WSAEHOSTUNREACH", "WSAENETDOWN", "WSAEHOSTDOWN")
    ) if code is not None
)


def _body(data: Mapping[str, str] | str | bytes | None) -> dict[str, str] | bytes | None:
    if isinstance(data, Mapping):
        return dict(data)
    if isinstance(data, str):
        return data.encode("utf-8")  # requests would send text as Latin-1
    return data


def _causes(exc: BaseException):
    """exc and everything it wraps (urllib3 keeps the reason in args and in __cause__)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen or len(seen) > 20:
            continue
        seen.add(id(current))
        yield current
        todo.append(getattr(current, "reason", None))
        todo.extend(arg for arg in getattr(current, "args", ()) if isinstance(arg, BaseException))
        todo.append(current.__cause__)
        todo.append(current.__context__)


def is_offline_error(exc: BaseException) -> bool:
    """True when a failed connection means no route to the server at all: the name could not
    be looked up, the connection was refused, or there is no network to send it on."""
    for cause in _causes(exc):
        if isinstance(cause, (socket.gaierror, urllib3.exceptions.NameResolutionError, ConnectionRefusedError)):
            return True
        if isinstance(cause, OSError) and cause.errno in _OFFLINE_ERRNOS:
            return True
    return False


def _is_read_timeout(exc: BaseException) -> bool:
    # requests reports a timeout while reading the body as a ConnectionError wrapping urllib3's.
    inner = exc.args[0] if exc.args else None
    return isinstance(inner, (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.TimeoutError))


class HttpClient:
    """One client per run or check: polite to each host, bounded in time and size, cancellable.

    Every attempt has an overall deadline of three times `timeout` (connect, headers and
    body together), kept however slowly the server sends; each single read also has `timeout`.
    """

    DEADLINE_FACTOR = 3

    def __init__(
        self,
        settings: HttpSettings | None = None,
        *,
        limiter: HostRateLimiter | None = None,
    ) -> None:
        self.settings = settings or HttpSettings()
        self.limiter = limiter or HostRateLimiter(self.settings.host_delay)
        self.session = make_session(self.settings.proxy)
        adapter = DeadlineAdapter()
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        self._cancel = threading.Event()
        self._watches: set[Watch] = set()
        self._watches_lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    @property
    def deadline(self) -> float:
        """Seconds one attempt may take in all."""
        return self.DEADLINE_FACTOR * self.settings.timeout

    def close(self) -> None:
        """Stop: wake all sleeps, cut the connections in flight, drop pooled ones. Calls in
        flight end at once with kind "cancelled"."""
        self._cancel.set()
        with self._watches_lock:
            watches = list(self._watches)
        for watch in watches:
            watch.fire("cancelled")
        self.session.close()

    def _check_cancelled(self) -> None:
        if self._cancel.is_set():
            raise NetError("cancelled", _("The search was cancelled."))

    def _sleep(self, seconds: float) -> None:
        # Event.wait instead of time.sleep, so close() wakes us immediately.
        if seconds > 0 and self._cancel.wait(seconds):
            raise NetError("cancelled", _("The search was cancelled."))
        self._check_cancelled()

    def get(self, request: HttpRequest, service: str) -> HttpResponse:
        """send(), under the name callers used before POST existed."""
        return self.send(request, service)

    def send(self, request: HttpRequest, service: str) -> HttpResponse:
        """Send with rate limit, retries and caps. Any final HTTP status is returned for the
        caller to judge; transport problems raise NetError naming `service`.

        A connection that breaks is tried again after a pause (up to `retries` times). One
        that cannot be made at all because the computer seems offline is not: that rarely
        mends within seconds, and the caller stops at once and says so instead."""
        settings = self.settings
        try:
            host = (urlsplit(request.url).hostname or "").lower()
        except ValueError:
            host = ""
        if not host:
            raise NetError("config", _("The address for {service} is not a valid web address: correct it in "
                                        "Settings.").format(service=service))
        for attempt in range(settings.retries + 1):
            self._sleep(self.limiter.reserve(host))
            try:
                response = self._send_once(request, service)
            except NetError as error:
                if error.kind == "network" and attempt < settings.retries:
                    self._sleep(settings.backoff * 2**attempt)
                    continue
                raise
            if response.status in request.retry_statuses and attempt < settings.retries:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None:
                    wait = settings.backoff * 2**attempt
                elif wait > settings.max_retry_after:
                    return response  # asked to wait too long: report it now rather than hang
                self._sleep(wait)
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def _send_once(self, request: HttpRequest, service: str) -> HttpResponse:
        self._check_cancelled()
        watch = Watch()
        with self._watches_lock:
            self._watches.add(watch)
        watch.start(self.deadline)
        try:
            return self._attempt(request, service, watch)
        finally:
            watch.finish()
            with self._watches_lock:
                self._watches.discard(watch)

    def _attempt(self, request: HttpRequest, service: str, watch: Watch) -> HttpResponse:
        settings = self.settings
        try:
            with watching(watch), self.session.request(
                request.method,
                request.url,
                params=dict(request.params),
                data=_body(request.data),
                headers=dict(request.headers),
                timeout=(settings.timeout, settings.timeout),
                stream=True,
                verify=True,
                allow_redirects=request.allow_redirects,
            ) as raw:
                self._after_fault(watch, service)
                body = self._read_capped(raw, service, watch)
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
            self._after_fault(watch, service)
            raise self._timeout(service) from exc
        except requests.exceptions.SSLError as exc:
            self._after_fault(watch, service)
            raise NetError(
                "tls",
                _("The secure connection to {service} could not be verified, so nothing was sent: if your "
                   "organisation uses a proxy, ask your IT team.").format(service=service),
            ) from exc
        except requests.exceptions.ProxyError as exc:
            self._after_fault(watch, service)
            raise NetError("network", _("The proxy server did not let us reach {service}: ask your IT team.").format(
                service=service)) from exc
        except (requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            self._after_fault(watch, service)
            if _is_read_timeout(exc):
                raise self._timeout(service) from exc
            if is_offline_error(exc):
                raise NetError(
                    "offline",
                    _("Could not connect to {service}: this computer seems to be offline, or {service} cannot be "
                       "reached from here.").format(service=service),
                ) from exc
            raise NetError(
                "network",
                _("Could not connect to {service}: the connection broke off; try again later.").format(service=service),
            ) from exc
        except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema, requests.exceptions.InvalidHeader) as exc:
            raise NetError("config", _("The address for {service} is not a valid web address: correct it in "
                                        "Settings.").format(service=service)) from exc
        except requests.exceptions.RequestException as exc:
            self._after_fault(watch, service)
            raise NetError("network", _("The answer from {service} could not be read: try again later.").format(
                service=service)) from exc
        except urllib3.exceptions.HTTPError as exc:  # from reading the body ourselves
            self._after_fault(watch, service)
            if isinstance(exc, (urllib3.exceptions.ReadTimeoutError, urllib3.exceptions.TimeoutError)):
                raise self._timeout(service) from exc
            raise NetError("network", _("The answer from {service} could not be read: try again later.").format(
                service=service)) from exc
        except OSError as exc:  # a socket shut by the watch can surface as a bare OSError
            self._after_fault(watch, service)
            raise NetError("network", _("The answer from {service} could not be read: try again later.").format(
                service=service)) from exc

    def _after_fault(self, watch: Watch, service: str) -> None:
        """If the attempt was cut short, say why instead of describing the broken read."""
        self._check_cancelled()
        if watch.fired == "cancelled":
            raise NetError("cancelled", _("The search was cancelled."))
        if watch.fired == "deadline":
            raise self._too_slow(service)

    def _timeout(self, service: str) -> NetError:
        return NetError(
            "timeout",
            _("{service} did not answer within {timeout:g} seconds: try again later.").format(
                service=service, timeout=self.settings.timeout),
        )

    def _too_slow(self, service: str) -> NetError:
        return NetError(
            "timeout",
            _("{service} took longer than {deadline:g} seconds to send its answer, so it was stopped: try again "
               "later.").format(service=service, deadline=self.deadline),
        )

    def _read_capped(self, raw: requests.Response, service: str, watch: Watch) -> bytes:
        limit = self.settings.max_bytes
        too_large = NetError(
            "too_large",
            _("{service} sent a page larger than {size:g} MB, so it was not read: it was not what was asked for.").format(
                service=service, size=limit / (1024 * 1024)),
        )
        declared = raw.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise too_large
        # read1 returns whatever has arrived (never waits to fill a whole piece), so the
        # deadline is looked at after every trickle; a read that stalls is cut by the watch.
        stream = raw.raw
        chunks, total = [], 0
        while True:
            self._after_fault(watch, service)
            piece = stream.read1(_CHUNK, decode_content=True)  # decompressed: a zip bomb is capped too
            if not piece:
                break
            total += len(piece)
            if total > limit:
                raise too_large
            chunks.append(piece)
        self._after_fault(watch, service)  # an answer cut short by the watch is not an answer
        return b"".join(chunks)
