"""Search: a 15-search plan run inside the app against local servers with 300 ms latency.

Three threaded HTTP servers on 127.0.0.1 (three hosts), each answering every request after
300 ms with a DuckDuckGo-shaped page of ten results. The real Search yourself page runs the
plan through its SearchBridge, one provider per host with five searches each, so the GUI
thread does everything it does for a person: saving results and adding a card per page.

Measured in the same run:
  total_s            start to the bridge reporting "finished"
  max_gui_stall_ms   longest gap between ticks of a 5 ms QTimer while the run goes and its
                     result cards are built, minus 5 ms
  cancel_to_idle_ms  a second run (new words, so new pages), Cancel pressed after its first
                     result, until the bridge reports idle (median of several tries)

Two more drive the SearchBridge directly (so they do not depend on the page's insides), before
the window exists:
  flood_*            15 searches, each answered by a 1.6 MB SearXNG answer of 40,000 results:
                     peak memory (growth of the process's peak resident size, and the
                     tracemalloc peak of parsing one answer), the longest GUI stall, the time to
                     "finished", and how many results reached the GUI thread (the caps: 50 per
                     search, 500 per run)
  offline_run_to_banner_ms  15 searches with every connection refused, the app's default
                     settings: start to the bridge's run_summary (what the page's one banner
                     shows), median of several tries
Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import resource
import socket
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from socialsafe_desktop.core.profile import Profile  # noqa: E402
from socialsafe_desktop.core.queries import PlannedSearch  # noqa: E402
from socialsafe_desktop.paths import resolve_paths  # noqa: E402
from socialsafe_desktop.search.parsing import parse_searxng  # noqa: E402
from socialsafe_desktop.search.providers import DuckDuckGoProvider, SearxngProvider  # noqa: E402
from socialsafe_desktop.search.settings import SearchSettings  # noqa: E402
from socialsafe_desktop.ui.app import build_context  # noqa: E402
from socialsafe_desktop.ui.main_window import MainWindow  # noqa: E402
from socialsafe_desktop.ui.search_worker import SearchBridge  # noqa: E402

SEARCHES, HOSTS, LATENCY = 15, 3, 0.300
TICK_MS = 5
CANCEL_TRIES = 5
FLOOD_RESULTS = 40_000
OFFLINE_TRIES = 5
AIMS = {"max_gui_stall_ms": 50, "cancel_to_idle_ms": 250, "flood_max_gui_stall_ms": 50,
        "flood_peak_rss_mb": 200, "offline_run_to_banner_ms": 2000}


def results_page(query: str) -> bytes:
    """Ten results, different for every query, in the shape html.duckduckgo.com uses."""
    blocks = []
    for n in range(10):
        target = f"https://site{n}.example.org/{quote(query)}/page-{n}"
        blocks.append(
            '<div class="result results_links results_links_deep web-result"><div class="links_main result__body">'
            f'<h2 class="result__title"><a rel="nofollow" class="result__a" '
            f'href="//duckduckgo.com/l/?uddg={quote(target, safe="")}&amp;rut=x">{escape(query)} result {n}</a></h2>'
            f'<a class="result__snippet" href="#">A page about {escape(query)}, number {n}, with a line of '
            'text that reads like a snippet from a real search engine.</a></div></div>')
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>results</title></head>'
            '<body class="body--html"><div class="serp__results"><div id="links" class="results">'
            + "".join(blocks) + "</div></div></body></html>").encode()


class SlowDuckDuckGo(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 (http.server naming); DuckDuckGo's form is POSTed
        length = int(self.headers.get("Content-Length") or 0)
        self.answer(parse_qs(self.rfile.read(length).decode()).get("q", [""])[0])

    def do_GET(self) -> None:  # noqa: N802
        self.answer(parse_qs(urlsplit(self.path).query).get("q", [""])[0])

    def answer(self, query: str) -> None:
        time.sleep(LATENCY)
        body = results_page(query)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # a cancelled client hung up

    def log_message(self, *args) -> None:
        pass


def flood_answer() -> bytes:
    """A SearXNG JSON answer of 40,000 results, about 1.6 MB: under the 2 MB size cap."""
    items = [{"url": f"https://x.example/{n}", "title": "t"} for n in range(FLOOD_RESULTS)]
    return json.dumps({"query": "x", "results": items}, separators=(",", ":")).encode()


class FloodingSearxng(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        try:
            self.wfile.write(self.body)
        except OSError:
            pass

    def log_message(self, *args) -> None:
        pass


def start_server(handler) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def flood_run(app) -> dict:
    """15 searches, each answered with 40,000 results, through the bridge with the GUI watched."""
    FloodingSearxng.body = flood_answer()
    server = start_server(FloodingSearxng)
    tracemalloc.start()
    parse_searxng(FloodingSearxng.body)
    parse_peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    bridge = SearchBridge(SearchSettings(host_delay=0.0, timeout=10, retries=0))
    provider = SearxngProvider(f"http://127.0.0.1:{server.server_address[1]}/")
    shown: list[int] = []
    bridge.search_done.connect(lambda _sid, results: shown.append(len(results)))
    searches = [PlannedSearch(f"flood-{n}", "custom", f"flood {n}") for n in range(SEARCHES)]
    for _ in range(5):
        app.processEvents()
    rss_before = peak_rss_mb()
    meter = StallMeter()
    meter.start()
    started = time.perf_counter()
    bridge.start([(provider, searches)])
    wait_for(bridge.finished)
    total_s = time.perf_counter() - started
    stall_ms = meter.stop()
    server.shutdown()
    if len(shown) != SEARCHES:
        raise SystemExit(f"flood: only {len(shown)} of {SEARCHES} searches finished")
    return {"flood_results_per_answer": FLOOD_RESULTS, "flood_answer_mb": round(len(FloodingSearxng.body) / 1e6, 2),
            "flood_total_s": round(total_s, 3), "flood_max_gui_stall_ms": round(stall_ms, 1),
            "flood_peak_rss_mb": round(peak_rss_mb() - rss_before, 1), "flood_parse_peak_mb": round(parse_peak, 1),
            "flood_results_shown": sum(shown)}


def offline_run_to_banner_ms(app) -> float:
    """Every connection refused, the app's default settings: start to the one summary."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens here now
    times = []
    for attempt in range(OFFLINE_TRIES):
        bridge = SearchBridge(SearchSettings())
        provider = DuckDuckGoProvider(f"http://127.0.0.1:{port}/html/")
        summaries = []
        bridge.run_summary.connect(lambda summary, seen=summaries: seen.append((time.perf_counter(), summary)))
        searches = [PlannedSearch(f"off-{attempt}-{n}", "custom", f"offline {n}") for n in range(SEARCHES)]
        started = time.perf_counter()
        bridge.start([(provider, searches)])
        wait_for(bridge.finished, timeout_s=30)
        if not summaries or summaries[0][1].reason != "offline":
            raise SystemExit("offline: the run did not end with an offline summary")
        times.append((summaries[0][0] - started) * 1000)
    return statistics.median(times)


def start_servers() -> list[ThreadingHTTPServer]:
    servers = []
    for _ in range(HOSTS):
        server = ThreadingHTTPServer(("127.0.0.1", 0), SlowDuckDuckGo)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    return servers


class StallMeter:
    """A 5 ms timer; the longest gap between two ticks beyond 5 ms is how long the GUI froze."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def start(self) -> None:
        self.last, self.worst = time.perf_counter(), 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> float:
        self.timer.stop()
        return max(0.0, self.worst * 1000 - TICK_MS)


def wait_for(signal, timeout_s: float = 60.0) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def cancel_after_first_result(page, jobs) -> float:
    """Milliseconds from pressing Cancel (just after the first result came in) to idle."""
    times: dict[str, float] = {}

    def press_cancel() -> None:
        times["pressed"] = time.perf_counter()
        page.plan_tab.run_panel.cancel_button.click()

    def first_result(*_args) -> None:
        if "result" not in times:
            times["result"] = time.perf_counter()
            QTimer.singleShot(0, press_cancel)  # from the event loop, like a real click

    def idle(_cancelled: bool) -> None:
        times["idle"] = time.perf_counter()

    page.bridge.search_done.connect(first_result)
    page.bridge.finished.connect(idle)
    page.start_run(jobs)
    wait_for(page.bridge.finished)
    page.bridge.search_done.disconnect(first_result)
    page.bridge.finished.disconnect(idle)
    if "pressed" not in times or not page.plan_tab.run_panel.run_button.isEnabled():
        raise SystemExit("cancel did not leave the page idle")
    return (times["idle"] - times["pressed"]) * 1000


def main() -> None:
    app = QApplication.instance() or QApplication([])
    # First, before the window and its caches raise the process's peak memory.
    flood = flood_run(app)
    offline_ms = offline_run_to_banner_ms(app)
    servers = start_servers()
    settings = SearchSettings(host_delay=0.05, timeout=10, retries=0)
    providers = [DuckDuckGoProvider(f"http://127.0.0.1:{s.server_address[1]}/html/") for s in servers]
    with tempfile.TemporaryDirectory() as data:
        paths = resolve_paths(data)
        paths.ensure()
        ctx = build_context(paths)
        ctx.session.search_settings = settings
        ctx.session.save_profile(Profile())  # an empty profile builds no plan: these 15 are the plan
        window = MainWindow(ctx)
        window.resize(1200, 820)
        window.show()
        window.flow.go_to("about")
        window.flow.go_to("search")
        page = window.current_page()
        page.plan_tab.app_radio.setChecked(True)

        def plan(run: str):
            page.ctx.store.replace_plan([PlannedSearch(f"custom:{run}-{i}", "custom", f"alex example {run} {i}")
                                         for i in range(SEARCHES)])
            page.sync_plan()
            searches = page.searches_to_send()
            per_host = SEARCHES // HOSTS
            return [(providers[h], searches[h * per_host:(h + 1) * per_host]) for h in range(HOSTS)]

        # 1. The whole plan, with the GUI watched from when Run is pressed. The new plan is laid
        # out first: a person presses Run on a page they have read.
        jobs = plan("full")
        # In an event loop, as the app's: it also runs the deletions Qt defers (the previous
        # plan's rows), which processEvents() never runs, so they would land in the run.
        settle = QEventLoop()
        QTimer.singleShot(500, settle.quit)
        settle.exec()
        meter = StallMeter()
        meter.start()
        started = time.perf_counter()
        page.start_run(jobs)
        wait_for(page.bridge.finished)
        total_s = time.perf_counter() - started
        # The GUI is still watched while the last result cards are built.
        deadline = time.perf_counter() + 30
        while not page.results.settled() and time.perf_counter() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        stall_ms = meter.stop()
        done = sum(1 for state, _ in page.statuses.values() if state == "done")
        cards = len(page.results.cards)
        if done != SEARCHES:
            raise SystemExit(f"only {done} of {SEARCHES} searches finished")

        # 2. Cancel after the first result, as a person would press it.
        cancel_ms = [cancel_after_first_result(page, plan(f"cancel{attempt}")) for attempt in range(CANCEL_TRIES)]

        window.close()
        ctx.session.close()
    for server in servers:
        server.shutdown()
    print(json.dumps({
        "benchmark": "search", "searches": SEARCHES, "hosts": HOSTS, "latency_ms": round(LATENCY * 1000),
        "total_s": round(total_s, 3), "max_gui_stall_ms": round(stall_ms, 1),
        "cancel_to_idle_ms": round(statistics.median(cancel_ms), 2),
        **flood, "offline_run_to_banner_ms": round(offline_ms, 1),
        "aims": AIMS,
    }))
    print(f"(pages shown: {cards}; one runner per host, 5 searches each)", file=sys.stderr)


if __name__ == "__main__":
    main()
