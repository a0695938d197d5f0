"""Raw socket servers on 127.0.0.1 for faults an HTTP framework cannot produce: connections
dropped before an answer, and answers trickled a byte at a time. Each connection is handed to a
script, on its own thread; close() ends every script and connection at once."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Callable


class ScriptedServer:
    def __init__(self, script: Callable[[ScriptedServer, socket.socket, int], None]) -> None:
        self.script = script
        self.stopped = threading.Event()
        self.connections = 0
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return  # closed
            with self._lock:
                index = self.connections
                self.connections += 1
                self._open.append(conn)
            threading.Thread(target=self._run, args=(conn, index), daemon=True).start()

    def _run(self, conn: socket.socket, index: int) -> None:
        try:
            self.script(self, conn, index)
        except OSError:
            pass  # the client went away, as clients do
        finally:
            conn.close()

    def pause(self, seconds: float) -> bool:
        """Wait between two trickled bytes; True when the server is closing instead."""
        return self.stopped.wait(seconds)

    def close(self) -> None:
        self.stopped.set()
        self.sock.close()
        with self._lock:
            for conn in self._open:
                try:
                    conn.close()
                except OSError:
                    pass


def read_request(conn: socket.socket) -> bytes:
    """The request's head and body (by Content-Length)."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = conn.recv(65536)
        if not piece:
            return data
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        piece = conn.recv(65536)
        if not piece:
            break
        body += piece
    return head + b"\r\n\r\n" + body


def reset(conn: socket.socket) -> None:
    """Hang up hard (a TCP reset), as a crashing server or a flaky middlebox does."""
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def respond(conn: socket.socket, body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8") -> None:
    conn.sendall(
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n".encode() + body
    )


class SilentServer:
    """Accepts connections (the kernel does, from the backlog) and never says a word."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(32)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self) -> None:
        self.sock.close()  # resets the waiting connections, so stranded clients end at once


def closed_port_url() -> str:
    """An address on this machine where nothing listens: connecting is refused at once."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


def trickle_headers(server: ScriptedServer, conn: socket.socket, index: int, every: float = 0.05) -> None:
    """A status line, then header bytes one at a time for as long as the client listens."""
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    while not server.pause(every):
        conn.sendall(b"a")


def trickle_body(server: ScriptedServer, conn: socket.socket, index: int, every: float = 0.05) -> None:
    """Headers at once, promising a large body, then the body one byte at a time."""
    read_request(conn)
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n")
    while not server.pause(every):
        conn.sendall(b"x")
