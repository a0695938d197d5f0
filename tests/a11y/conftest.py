"""A real Linux desktop for the accessibility tests: Xvfb at a projector's 1366×768, openbox (so
windows get real keyboard focus and maximise as they do for a person), a private D-Bus session
with the AT-SPI accessibility bus (at-spi-bus-launcher), SocialSafe in a subprocess on Qt's xcb
platform with its AT-SPI bridge on, and a reader in a separate process (the system's python3
with pyatspi) that sees what Orca sees and presses keys through the X server.

When a piece is missing (not Linux, no Xvfb, no python3-pyatspi) the tests are skipped and say
which; `make test` installs them on Debian when run as root.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
READER = HERE / "atspi_reader.py"
SCREEN = (1366, 768)
SYSTEM_PYTHON = "/usr/bin/python3"


def _missing() -> str | None:
    for tool in ("Xvfb", "openbox", "xdotool", "xprop", "dbus-daemon"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path("/usr/libexec/at-spi-bus-launcher").exists():
        return "at-spi2-core is not installed"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True) \
        if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        return "python3-pyatspi is not installed for the system python3"
    return None


def _wait_for(what: str, check, timeout: float = 20.0):
    """Poll a condition that has no event to wait on (another process getting ready)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.05)
    raise TimeoutError(f"{what} was not ready after {timeout:.0f} s")


class Desktop:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.procs: list[subprocess.Popen] = []
        self.env: dict[str, str] = {}
        self.display_fd: int | None = None

    def start(self) -> None:
        base = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALSAFE_", "DBUS_", "QT_"))}
        bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.procs.append(bus)
        address = bus.stdout.readline().strip()
        if not address:
            raise RuntimeError("dbus-daemon did not start")
        # -displayfd: Xvfb writes its display number once it accepts connections.
        read_fd, write_fd = os.pipe()
        xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0",
                                 f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp", "-noreset"],
                                pass_fds=(write_fd,), stderr=subprocess.DEVNULL)
        self.procs.append(xvfb)
        os.close(write_fd)
        ready, _, _ = select.select([read_fd], [], [], 30)
        number = os.read(read_fd, 16).decode().strip() if ready else ""
        self.display_fd = read_fd  # kept open while Xvfb runs: it exits when the pipe closes
        if not number:
            raise RuntimeError("Xvfb did not start")
        self.env = {**base, "DISPLAY": f":{number}", "DBUS_SESSION_BUS_ADDRESS": address,
                    "HOME": str(self.workdir / "home"), "XDG_CONFIG_HOME": str(self.workdir / "home" / ".config"),
                    "XDG_RUNTIME_DIR": str(self.workdir / "runtime")}
        for folder in ("home", "runtime"):
            (self.workdir / folder).mkdir(mode=0o700, exist_ok=True)
        self.procs.append(subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for("openbox", lambda: "_NET_SUPPORTING_WM_CHECK(WINDOW)" in subprocess.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], env=self.env, capture_output=True, text=True).stdout)
        self.procs.append(subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                                           env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        _wait_for("the AT-SPI bus", lambda: subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.a11y.Bus", "/org/a11y/bus",
             "org.a11y.Bus.GetAddress"], env=self.env, capture_output=True).returncode == 0)

    def stop(self) -> None:
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(10)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(10)
        if self.display_fd is not None:
            os.close(self.display_fd)


class Reader:
    """The screen reader's side, in its own process."""

    def __init__(self, env: dict[str, str]):
        self.proc = subprocess.Popen([SYSTEM_PYTHON, str(READER)], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        first = self._read_line(30)
        assert json.loads(first) == {"ready": True}

    def _read_line(self, timeout: float) -> str:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            raise TimeoutError("the AT-SPI reader did not answer")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the AT-SPI reader stopped")
        return line

    def ask(self, op: str, **args):
        self.proc.stdin.write(json.dumps({"op": op, **args}) + "\n")
        self.proc.stdin.flush()
        answer = json.loads(self._read_line(float(args.get("timeout", 10)) + 60))
        if not answer["ok"]:
            raise AssertionError(f"reader: {answer['error']}")
        return answer["result"]

    def close(self) -> None:
        self.proc.stdin.close()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


class RunningApp:
    """SocialSafe started as a person starts it, on the test desktop."""

    def __init__(self, desktop: Desktop, data_dir: Path, args: list[str]):
        env = {**desktop.env, "QT_QPA_PLATFORM": "xcb", "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
               "SOCIALSAFE_DATA_DIR": str(data_dir), "SOCIALSAFE_POLICY": str(data_dir.parent / "no-policy.toml")}
        self.log = data_dir.parent / "app-output.txt"
        self.proc = subprocess.Popen([sys.executable, "-m", "socialsafe_desktop", *args], env=env,
                                     stdout=self.log.open("w"), stderr=subprocess.STDOUT)
        self.reader = Reader(desktop.env)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def close(self) -> None:
        self.reader.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


@pytest.fixture(scope="session")
def desktop(tmp_path_factory):
    reason = _missing() if sys.platform.startswith("linux") else "the Linux accessibility stack is Linux only"
    if reason:
        pytest.skip(f"real-desktop accessibility tests need it: {reason}")
    d = Desktop(tmp_path_factory.mktemp("desktop"))
    try:
        d.start()
        yield d
    finally:
        d.stop()


@pytest.fixture
def start_app(desktop, tmp_path):
    started: list[RunningApp] = []

    def start(*args: str) -> RunningApp:
        running = RunningApp(desktop, tmp_path / "data", list(args))
        started.append(running)
        return running

    yield start
    for running in started:
        running.close()
