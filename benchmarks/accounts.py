"""Forgotten accounts: 700 sites checked against local servers with 200 ms latency.

Fifty HTTP servers, each on its own loopback address (127.0.0.10 .. 127.0.0.59), so they are
fifty hosts to the runner and its per-host politeness is real: 14 sites per host, one request
in flight per host, the check's own settings (a second between two requests to one host,
16 workers). Every answer takes 200 ms; one site in ten has the account. The servers run in a
child process, so the memory figure is the check's own.

Measured in the same run:
  total_s                  start to "finished" for all 700 sites
  min_host_gap_s           the shortest time between two requests to one host, seen by the
                           servers. The client books starts at least 1 s apart; the servers
                           see them through connection set-up on a busy 2-core machine, so
                           the aim allows 0.1 s of that jitter
  max_in_flight_per_host   the most requests one host had at once (aim: 1)
  rss_growth_mb            the check's growth in peak resident memory over the run
  rss_peak_mb              the check process's peak resident memory (Python, requests, the list)
  cancel_to_idle_ms        a new run cancelled after its first result: from cancel() to the
                           runner reporting "finished" (median of several tries)
  cancel_to_workers_ended_ms  the same, to the last worker thread ending
  max_caller_block_ms      the longest start() or cancel() call: what the window's thread
                           would wait for
  max_caller_gap_ms        the longest gap between ticks of a 5 ms loop on the calling thread
                           while 16 workers run (the runner alone, without Qt). As the Qt
                           bridges do during a run, the interpreter switches threads every 1 ms
  max_gui_stall_ms         the same 700 sites checked through the window's Forgotten accounts
                           page (offscreen): the longest gap between ticks of a 5 ms Qt timer on
                           the GUI thread, from pressing Check (on a page shown and laid out)
                           until the page has settled,
                           including the answers saved to a real store on disk in batches and
                           the list of the 70 accounts found (one site in ten has the account)
  gui_total_s              that check, from pressing Check to "finished" on the page
  gui_cancel_ms            pressing Cancel on the page after the first answers: how long until
                           the page is idle (the click returns with the check stopped and what
                           arrived saved)
Prints one JSON line.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import resource
import statistics
import sys
import threading
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from socialsafe_desktop.accounts.checker import FOUND, check_settings  # noqa: E402
from socialsafe_desktop.accounts.estimate import plan_check  # noqa: E402
from socialsafe_desktop.accounts.runner import AccountCheckRunner  # noqa: E402
from socialsafe_desktop.accounts.sites import parse_sites  # noqa: E402

HOSTS, PER_HOST, LATENCY = 50, 14, 0.200
SITES = HOSTS * PER_HOST
CANCEL_TRIES = 5
TICK = 0.005
AIMS = {"total_s": 60, "max_in_flight_per_host": 1, "min_host_gap_s": 0.9, "cancel_to_idle_ms": 250,
        "max_caller_block_ms": 50, "max_caller_gap_ms": 50, "max_gui_stall_ms": 50, "gui_total_s": 60,
        "gui_cancel_ms": 250}
PROFILE = b'<html><body><div class="profile-card">Sam Example</div></body></html>'
MISSING = b"<html><body><h1>Page not found</h1></body></html>"


def serve(conn) -> None:
    """The child process: fifty servers; sends their addresses, then, when asked, what they saw."""
    lock = threading.Lock()
    starts: dict[str, list[float]] = {}
    in_flight: dict[str, int] = {}
    most: dict[str, int] = {}

    class Slow(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            host = self.server.server_address[0]
            with lock:
                starts.setdefault(host, []).append(time.monotonic())
                in_flight[host] = in_flight.get(host, 0) + 1
                most[host] = max(most.get(host, 0), in_flight[host])
            try:
                time.sleep(LATENCY)
                site = int(self.path.split("/")[1][1:])
                found = site % 10 == 0
                body = PROFILE if found else MISSING
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass  # a cancelled client hung up
            finally:
                with lock:
                    in_flight[host] -= 1

        def log_message(self, *args) -> None:
            pass

    servers = []
    for n in range(HOSTS):
        server = ThreadingHTTPServer((f"127.0.0.{10 + n}", 0), Slow)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    conn.send([f"http://{s.server_address[0]}:{s.server_address[1]}" for s in servers])
    while True:
        message = conn.recv()
        with lock:
            if message == "report":
                gaps = [b - a for times in starts.values() for a, b in itertools.pairwise(sorted(times))]
                conn.send({"min_gap": min(gaps) if gaps else None, "most": max(most.values(), default=0),
                           "requests": sum(len(t) for t in starts.values())})
            elif message == "reset":
                starts.clear()
                most.clear()
                conn.send("ok")
            else:
                conn.send("bye")
                return


def site_list(bases: list[str]):
    sites = []
    for n in range(SITES):
        base = bases[n % HOSTS]
        sites.append({"name": f"Site {n:03d}", "uri_check": f"{base}/s{n}/{{account}}", "e_code": 200,
                      "e_string": 'class="profile-card"', "m_code": 404, "m_string": "", "cat": "social"})
    return parse_sites({"categories": ["social"], "sites": sites}, allow_loopback_http=True)


class Events:
    def __init__(self) -> None:
        self.finished = threading.Event()
        self.first_result = threading.Event()
        self.finished_at = 0.0
        self.results = 0
        self.found = 0

    def __call__(self, event) -> None:
        if event.kind == "result":
            self.results += 1
            self.found += event.result.outcome == FOUND
            self.first_result.set()
        elif event.kind == "finished":
            self.finished_at = time.perf_counter()
            self.finished.set()


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # macOS: bytes; Linux: kB


def gui_figures(sites, settings) -> dict:
    """The check through the real page and bridge, offscreen, on a store in a temporary folder."""
    import os
    import tempfile

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from socialsafe_desktop.accounts.deletion import parse_deletion_directory
    from socialsafe_desktop.core.profile import Handle, Profile
    from socialsafe_desktop.paths import resolve_paths
    from socialsafe_desktop.ui.app import build_context
    from socialsafe_desktop.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        paths = resolve_paths(Path(folder) / "data")
        paths.ensure()
        ctx = build_context(paths)
        session = ctx.session
        session.save_profile(Profile(handles=[Handle("sam-example"), Handle("sam-example-two")]))
        session.accounts.use_data(sites, parse_deletion_directory({"services": []}), allow_loopback_http=True,
                                  settings=settings)
        window = MainWindow(ctx)
        window.show()
        for step in ("about", "search", "accounts"):  # the way a person comes to it
            window.flow.go_to(step)
        page = window.current_page()
        deadline = time.monotonic() + 30
        while page.accounts is None and time.monotonic() < deadline:
            app.processEvents()
        if page.accounts is None:
            raise SystemExit("the Forgotten accounts page did not load its data")
        # The page settles first: a person presses Check on a page they have read, and the
        # press of the mouse button (or Tab) puts the focus on Check before it is released.
        page.run_button.setFocus()
        settle = time.monotonic() + 0.5
        while time.monotonic() < settle:
            app.processEvents()

        clock = QElapsedTimer()
        gaps = []
        last = [0]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(round(TICK * 1000))
        timer.timeout.connect(tick)
        clock.start()
        timer.start()
        started = time.perf_counter()
        page.run_button.click()
        while page.bridge.is_running:
            app.processEvents()
        gui_total = time.perf_counter() - started
        for _ in range(20):
            app.processEvents()
        timer.stop()
        found = page.accounts.counts().found
        if found != SITES // 10 or page.accounts.state("sam-example").done != SITES:
            raise SystemExit(f"the page recorded {found} accounts; expected {SITES // 10}")

        # Cancel through the page, a new username, after its first answers have arrived.
        page.username_box.setCurrentIndex(page.username_box.findData("sam-example-two"))
        page.run_button.click()
        while page.progress_bar.value() < 1:
            app.processEvents()
        pressed = time.perf_counter()
        page.cancel_button.click()
        cancel_ms = (time.perf_counter() - pressed) * 1000
        if page.bridge.is_running or page.cancel_button.isEnabled():
            raise SystemExit("the page was not idle after Cancel")
        window.close()
        session.close()
    return {"max_gui_stall_ms": round(max(0, max(gaps) - TICK * 1000), 1), "gui_total_s": round(gui_total, 2),
            "gui_cancel_ms": round(cancel_ms, 2), "gui_accounts_found": found}


def main() -> None:
    parent, child = multiprocessing.Pipe()
    server_process = multiprocessing.Process(target=serve, args=(child,), daemon=True)
    server_process.start()
    bases = parent.recv()
    sites = site_list(bases)
    if sites.problems or len(sites.sites) != SITES:
        raise SystemExit(f"the benchmark's site list did not load: {sites.problems[:3]}")
    settings = replace(check_settings(), timeout=10.0)
    plan = plan_check(sites, "sam-example", allow_loopback_http=True)

    sys.setswitchinterval(0.001)  # as ui/search_worker.SearchBridge does while a run goes

    # 1. The whole list, with the calling thread watched.
    rss_before = peak_rss_mb()
    events = Events()
    runner = AccountCheckRunner(settings, events)
    blocks = []
    started = time.perf_counter()
    runner.start(plan.checks)
    blocks.append(time.perf_counter() - started)
    worst_gap, last = 0.0, time.perf_counter()
    while not events.finished.wait(TICK):
        now = time.perf_counter()
        worst_gap, last = max(worst_gap, now - last), now
    total_s = events.finished_at - started
    rss_growth = peak_rss_mb() - rss_before
    parent.send("report")
    seen = parent.recv()
    if events.results != SITES or events.found != SITES // 10:
        raise SystemExit(f"{events.results} results, {events.found} found; expected {SITES} and {SITES // 10}")

    # 2. Cancel just after the first result of a new run.
    parent.send("reset")
    parent.recv()
    to_idle, to_ended = [], []
    for _ in range(CANCEL_TRIES):
        events = Events()
        runner = AccountCheckRunner(settings, events)
        runner.start(plan.checks)
        if not events.first_result.wait(30):
            raise SystemExit("no result arrived")
        pressed = time.perf_counter()
        runner.cancel()
        blocks.append(time.perf_counter() - pressed)
        if not events.finished.is_set():
            raise SystemExit("cancel returned before the runner reported finished")
        to_idle.append((events.finished_at - pressed) * 1000)
        if not runner.join(30):
            raise SystemExit("a worker did not end after cancel")
        to_ended.append((time.perf_counter() - pressed) * 1000)
        if events.results >= SITES:
            raise SystemExit("the run finished before it could be cancelled")
    # 3. The whole list through the window's page and bridge.
    gui = gui_figures(sites, settings)
    parent.send("stop")
    parent.recv()
    server_process.join(5)

    print(json.dumps({
        "benchmark": "accounts", "sites": SITES, "hosts": HOSTS, "latency_ms": round(LATENCY * 1000),
        "host_delay_s": settings.host_delay, "workers": settings.max_workers,
        "total_s": round(total_s, 2),
        "min_host_gap_s": round(seen["min_gap"], 3), "max_in_flight_per_host": seen["most"],
        "requests_seen": seen["requests"],
        "rss_growth_mb": round(rss_growth, 1), "rss_peak_mb": round(peak_rss_mb(), 1),
        "cancel_to_idle_ms": round(statistics.median(to_idle), 2),
        "cancel_to_workers_ended_ms": round(statistics.median(to_ended), 1),
        "max_caller_block_ms": round(max(blocks) * 1000, 2),
        "max_caller_gap_ms": round(max(0.0, worst_gap - TICK) * 1000, 1),
        **gui,
        "aims": AIMS,
    }))


if __name__ == "__main__":
    main()
