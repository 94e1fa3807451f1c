"""Per-file budgets for reading untrusted PDFs: size, pages, time and memory.

A PDF from the open web may be hostile: thousands of pages, a content stream that inflates
without end, objects nested thousands deep. Each PDF is therefore read within limits, and a
file that exceeds one is refused with a message naming the limit (the run goes on with the
other files). Where the platform allows it (``os.fork``: Linux, macOS), the file is read in a
child process with an address-space limit, and the child is killed when the time is up, so that
even a single page that never finishes cannot hang the run. Elsewhere the time limit is checked
between pages.

The limits are read from the environment, so that a reviewer can raise them for one run::

    GIPR_LINT_PDF_MAX_MB=100         # file size, in MB
    GIPR_LINT_PDF_MAX_PAGES=500      # pages in one file
    GIPR_LINT_PDF_TIMEOUT=30         # seconds to read one file
    GIPR_LINT_PDF_MAX_MEMORY_MB=1024 # memory the reading may take, in MB
    GIPR_LINT_PDF_ISOLATE=1          # 0: read in-process (no hard time or memory limit)
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from gipr_lint.reading.source import DecodeError

__all__ = ["Limits", "run_limited"]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Limits:
    """What reading one PDF may take."""

    max_mb: float = 100.0
    max_pages: int = 500
    timeout: float = 30.0
    max_memory_mb: float = 1024.0
    isolate: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """The limits set by ``GIPR_LINT_PDF_*`` variables, defaults for the others."""
        env = os.environ if environ is None else environ
        default = cls()

        def number(name: str, fallback: float) -> float:
            raw = env.get(name, "").strip()
            if not raw:
                return fallback
            try:
                value = float(raw)
            except ValueError:
                value = -1.0
            if value <= 0:
                raise DecodeError(f"{name}={raw!r} is not a positive number")
            return value

        return cls(max_mb=number("GIPR_LINT_PDF_MAX_MB", default.max_mb),
                   max_pages=int(number("GIPR_LINT_PDF_MAX_PAGES", default.max_pages)),
                   timeout=number("GIPR_LINT_PDF_TIMEOUT", default.timeout),
                   max_memory_mb=number("GIPR_LINT_PDF_MAX_MEMORY_MB", default.max_memory_mb),
                   isolate=env.get("GIPR_LINT_PDF_ISOLATE", "1").strip() not in ("0", "no",
                                                                                "false"))


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def _limit_memory(megabytes: float) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - not on Windows
        return
    used = _address_space()
    if used is None:
        return
    cap = used + int(megabytes * 1024 * 1024)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _child(work: Callable[[], T], write: int, memory_mb: float) -> None:
    """In the child: run ``work`` under the memory cap and send back the outcome."""
    try:
        _limit_memory(memory_mb)
        try:
            outcome: tuple[str, object] = ("ok", work())
        except DecodeError as exc:
            outcome = ("error", str(exc))
        except MemoryError:
            outcome = ("error", f"reading the PDF needs more than {memory_mb:g} MB of memory, "
                                "the limit for one file (raise it with "
                                "GIPR_LINT_PDF_MAX_MEMORY_MB)")
        except OSError as exc:
            outcome = ("oserror", exc.strerror or str(exc))
        except Exception as exc:
            outcome = ("error", f"not a readable PDF ({type(exc).__name__}: {exc})")
        data = pickle.dumps(outcome)
        view = memoryview(data)
        while view:
            view = view[os.write(write, view):]
    finally:
        os._exit(0)


def run_limited(work: Callable[[], T], limits: Limits) -> T:
    """Run ``work`` within the time and memory limits; raise ``DecodeError`` past them."""
    if not limits.isolate or not hasattr(os, "fork"):
        return work()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(read)
        _child(work, write, limits.max_memory_mb)
    os.close(write)
    chunks: list[bytes] = []
    deadline = time.monotonic() + limits.timeout
    timed_out = finished = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read], [], [], left)
            if not ready:
                continue
            chunk = os.read(read, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        finished = not timed_out
    finally:
        os.close(read)
        if not finished:  # over time, or interrupted (Ctrl-C): the child must not outlive us
            os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if timed_out:
        raise DecodeError(f"reading the PDF took longer than {limits.timeout:g} s, the limit "
                          "for one file (raise it with GIPR_LINT_PDF_TIMEOUT)")
    if not chunks:
        how = (f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"status {os.WEXITSTATUS(status)}")
        raise DecodeError(f"the PDF reader stopped ({how}) before it finished; the file may "
                          "need more memory than allowed (GIPR_LINT_PDF_MAX_MEMORY_MB)")
    kind, value = pickle.loads(b"".join(chunks))
    if kind == "ok":
        return value  # type: ignore[return-value]
    if kind == "oserror":
        raise OSError(str(value))
    raise DecodeError(str(value))
