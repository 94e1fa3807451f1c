"""Headless Chromium (the Debian package ``chromium``; ``.ci/run`` installs it) for page tests."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

#: Flags for a quiet, offline, throw-away browser: no sandbox (CI containers run as root), no
#: GPU, no background traffic, and every host name unresolvable, so that a page that tried to
#: load anything external would find nothing.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND")


def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail("the audit-page tests need Chromium: apt-get install -y chromium "
                "(.ci/run installs it)")


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="gipr-chromium-") as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
                              capture_output=True, text=True, timeout=120, check=False)


def dump_dom(page: Path, fragment: str = "") -> str:
    """The DOM after the page's scripts ran, serialised."""
    url = page.absolute().as_uri() + (f"#{fragment}" if fragment else "")
    done = _run(["--dump-dom", url])
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def screenshot(page: Path, target: Path, width: int = 1280, height: int = 2000) -> Path:
    """A PNG of the page's first ``height`` pixels."""
    done = _run([f"--screenshot={target}", f"--window-size={width},{height}",
                 "--hide-scrollbars", page.absolute().as_uri()])
    assert done.returncode == 0 and target.is_file(), done.stderr[-2000:]
    return target
