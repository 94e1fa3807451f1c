"""A tiny Language Server Protocol client for the tests: JSON-RPC with ``Content-Length``
framing over a subprocess's stdio, with a timeout on every wait so a hanging server fails the
test instead of blocking the run."""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

Message = dict[str, Any]


class LspError(AssertionError):
    """The server answered with an error, sent garbage, went away or took too long."""


def encode_message(message: Message) -> bytes:
    body = json.dumps(message, ensure_ascii=False).encode("utf-8")
    return f"Content-Length: {len(body)}\r\n\r\n".encode("ascii") + body


def read_message(stream: IO[bytes]) -> Message | None:
    """One framed message from ``stream``; ``None`` at end of file."""
    length = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.rstrip(b"\r\n")
        if not line:
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if length is None:
        raise LspError("a message without Content-Length")
    body = stream.read(length)
    if len(body) < length:
        return None
    return json.loads(body.decode("utf-8"))


class LspClient:
    """Runs ``command`` and talks LSP to it. Use as a context manager: leaving it shuts the
    server down (``shutdown`` then ``exit``) and kills it if it does not go."""

    def __init__(self, command: Sequence[str], *, cwd: Path | None = None,
                 env: dict[str, str] | None = None, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.process = subprocess.Popen(list(command), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        cwd=cwd, env=env)
        self._next_id = 0
        self._inbox: queue.Queue[Message | None] = queue.Queue()
        self.notifications: list[Message] = []
        self._responses: dict[int, Message] = {}
        self.stderr = b""
        self.server_requests: list[Message] = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.returncode: int | None = None

    # -- plumbing --------------------------------------------------------------------------

    def _read_stdout(self) -> None:
        assert self.process.stdout is not None
        try:
            while (message := read_message(self.process.stdout)) is not None:
                self._inbox.put(message)
        except Exception as exc:  # a framing error: hand it to the waiting test
            self._inbox.put({"__error__": repr(exc)})
        self._inbox.put(None)

    def _read_stderr(self) -> None:
        assert self.process.stderr is not None
        for chunk in iter(lambda: self.process.stderr.read(4096), b""):  # type: ignore[union-attr]
            self.stderr += chunk

    def _send(self, message: Message) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(encode_message({"jsonrpc": "2.0", **message}))
            self.process.stdin.flush()
        except (BrokenPipeError, OSError) as exc:
            raise LspError(f"the server went away: {exc}; stderr: {self.stderr!r}") from exc

    def _pump(self, deadline_left: float) -> None:
        """Handle one incoming message (waiting at most ``deadline_left`` seconds)."""
        try:
            message = self._inbox.get(timeout=max(0.01, deadline_left))
        except queue.Empty:
            return
        if message is None:
            raise LspError(f"the server closed its output; stderr: {self.stderr.decode()!r}")
        if "__error__" in message:
            raise LspError(message["__error__"])
        if "method" in message and "id" in message:  # a request from the server
            self.server_requests.append(message)
            self._send({"id": message["id"], "result": None})
        elif "method" in message:
            self.notifications.append(message)
        else:
            self._responses[message["id"]] = message

    def _wait(self, done: Callable[[], Any], what: str, timeout: float | None) -> Any:
        import time

        limit = self.timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        while True:
            value = done()
            if value:
                return value
            left = deadline - time.monotonic()
            if left <= 0:
                raise LspError(f"timed out after {limit} s waiting for {what}; stderr: "
                               f"{self.stderr.decode(errors='replace')[-2000:]!r}")
            self._pump(left)

    # -- the API the tests use ----------------------------------------------------------------

    def request(self, method: str, params: Any = None, timeout: float | None = None) -> Any:
        """Send a request and return its result (raises :class:`LspError` on an error)."""
        self._next_id += 1
        ident = self._next_id
        self._send({"id": ident, "method": method, "params": params})
        response = self._wait(lambda: self._responses.pop(ident, None), f"{method} response",
                              timeout)
        if "error" in response:
            raise LspError(f"{method}: {response['error']}")
        return response.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        self._send({"method": method, "params": params})

    def wait_for(self, method: str, predicate: Callable[[Any], bool] = lambda params: True,
                 timeout: float | None = None, after: int = 0) -> Any:
        """The params of the first notification ``method`` (from index ``after`` of
        :attr:`notifications` on) that satisfies ``predicate``."""

        def found() -> Any:
            for message in self.notifications[after:]:
                if message["method"] == method and predicate(message.get("params")):
                    return message["params"]
            return None

        return self._wait(found, method, timeout)

    def close(self, timeout: float = 10.0) -> int:
        """``shutdown`` and ``exit``; the server's exit code (after killing it if need be)."""
        if self.process.poll() is None:
            with contextlib.suppress(LspError):
                self.request("shutdown", None, timeout=timeout)
                self.notify("exit")
        try:
            self.returncode = self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.returncode = self.process.wait(timeout=timeout)
        return self.returncode

    def __enter__(self) -> LspClient:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.returncode is None:
            self.close()
