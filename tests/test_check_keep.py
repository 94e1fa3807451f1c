"""``gipr-lint check`` keeps the last run's results until the process ends, never freeing
them one by one at exit (a large run's results took ~10 ms to free after the output)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gipr_lint.cli import check, main
from tests.conftest import FIXTURES


def test_the_last_run_is_kept_and_frozen_at_exit(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    registered = []
    monkeypatch.setattr(check, "_LAST_RUN", [])
    monkeypatch.setattr("atexit.register", registered.append)
    seeds = sorted(str(path) for path in FIXTURES.glob("*.txt"))[:2]
    for seed in seeds:
        main(["check", seed, "--isolated", "--format", "json", "-o", str(tmp_path / "out")])
    capsys.readouterr()
    kept = check._LAST_RUN
    assert kept[1] is kept  # holds itself: the clearing of the modules cannot free it
    assert [result.path for result in kept[0]] == seeds[1:]  # the earlier run was let go
    assert registered == [gc.freeze]  # once: at exit it is frozen, out of the last collection
