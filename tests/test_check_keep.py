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


def test_what_the_start_made_is_frozen_while_the_reports_are_linted(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The collector is on again when the first report is linted, with the plugins and all
    the start made out of its sight (its first collection would walk them all); once the
    command is over nothing is left frozen, and the collector is as it was."""
    from gipr_lint.linting import runner

    seen: list[tuple[bool, int]] = []
    lint_files = runner.lint_files

    def spy(*args: object, **kwargs: object) -> object:
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return lint_files(*args, **kwargs)

    monkeypatch.setattr(runner, "lint_files", spy)
    assert gc.isenabled() and gc.get_freeze_count() == 0
    out = str(tmp_path / "out")
    main(["check", str(FIXTURES / "000_6a437f78ed373b70.txt"), "--isolated", "-o", out])
    [(enabled, frozen)] = seen
    assert enabled and frozen > 1000
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        main(["check", str(FIXTURES / "000_6a437f78ed373b70.txt"), "--isolated", "-o", out])
        assert not gc.isenabled() and seen[1] == (False, 0)  # off: left off, nothing frozen
    finally:
        gc.enable()
    assert gc.get_freeze_count() == 0
