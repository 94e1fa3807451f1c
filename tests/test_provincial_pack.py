"""The example provincial pack installed the way a third party's is: into a fresh virtual
environment, next to gipr-lint built from this checkout, and found through its entry point.

Slow (a venv and two package builds, ~30–60 s); it needs the package index for gipr-lint's
dependencies and hatchling, which are installed once before the two ``--no-deps`` builds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "plugins" / "gipr-lint-henan"
HEN_CODES = {"HEN001", "HEN002", "HEN003"}

#: gipr-lint's runtime dependencies (pyproject.toml) plus the build backend, installed once.
DEPENDENCIES = ["hatchling>=1.18", "lark>=1.1.9", "pluggy>=1.3", "rich>=13",
                "tomli>=2.0; python_version < '3.11'"]

CONFIG = """\
severity = { HEN001 = "error", overview-length = "info" }

[henan]
overview-max-chars = 300
"""

SIGNED_LATE = """高庄镇人民政府2024年政府信息公开工作年度报告
一、总体情况
2024年，我镇按照《中华人民共和国政府信息公开条例》《河南省政府信息公开办法》推进公开工作。
高庄镇人民政府
2025年2月25日
"""


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["NO_COLOR"] = "1"
    return env


def _run(*args: object, cwd: Path | None = None, check: bool = True
         ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=_env(), capture_output=True,
                          text=True, encoding="utf-8", timeout=600)
    if check and done.returncode != 0:
        pytest.fail(f"{' '.join(map(str, args))} exited {done.returncode}:\n"
                    f"{done.stdout}\n{done.stderr}")
    return done


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with gipr-lint (from this checkout) and gipr-lint-henan installed."""
    path = tmp_path_factory.mktemp("fresh") / "venv"
    _run(sys.executable, "-m", "venv", path)
    pip = [_bin(path, "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run(*pip, *DEPENDENCIES)
    _run(*pip, "--no-deps", "--no-build-isolation", ROOT)
    _run(*pip, "--no-deps", "--no-build-isolation", PACK)
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of reports with a config setting the pack's option and two severities."""
    path = tmp_path_factory.mktemp("reports")
    (path / "gipr-lint.toml").write_text(CONFIG, encoding="utf-8")
    shutil.copy(FIXTURES / "001_e0653abc3b201f3e.txt", path / "mengzhou.txt")
    (path / "signed-late.txt").write_text(SIGNED_LATE, encoding="utf-8")
    return path


def _lint(venv: Path, project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return _run(_bin(venv, "gipr-lint"), "mengzhou.txt", "signed-late.txt", "--format", "json",
                *extra, cwd=project, check=False)


def _found(done: subprocess.CompletedProcess[str]) -> dict[str, list[tuple[str, str]]]:
    """File name -> [(code, severity)] from JSON output."""
    data = json.loads(done.stdout)
    return {Path(f["path"]).name: [(d["code"], d["severity"]) for d in f["diagnostics"]]
            for f in data["files"]}


def test_installed_catalogs_speak_chinese(venv: Path, project: Path) -> None:
    """The compiled catalogs of gipr-lint, the national pack and the Henan pack are in the
    wheels: a non-editable install on a fresh venv prints Chinese messages."""
    done = _run(_bin(venv, "gipr-lint"), "mengzhou.txt", "--format", "concise", "--isolated",
                "--lang", "zh", cwd=project, check=False)
    lines = done.stdout.splitlines()
    assert "mengzhou.txt:5:1: info R001 总体情况未提及依申请公开，应涵盖主动公开、依申请公开、" \
        "政府信息管理、平台建设、监督保障五个方面" in lines
    assert any(line.endswith("warning HEN001 报告未引用《河南省政府信息公开办法》，应与《条例》"
                             "一并列为工作依据") for line in lines), lines
    summary = _run(_bin(venv, "gipr-lint"), "mengzhou.txt", "--isolated", "--lang", "zh",
                   cwd=project, check=False).stdout.splitlines()[-1]
    assert summary.startswith("共发现 ") and summary.endswith(
        "涉及 1 个文件；3 张统计表中 3 张已完整检查。")


def test_pack_installed_then_uninstalled(venv: Path, project: Path) -> None:
    listed = _run(_bin(venv, "gipr-lint"), "plugins").stdout
    assert "henan 0.1.0: HEN001, HEN002, HEN003" in listed

    with_pack = _lint(venv, project)
    assert with_pack.returncode == 1, with_pack.stderr
    found = _found(with_pack)
    hen = [item for item in found["mengzhou.txt"] if item[0] in HEN_CODES]
    # HEN001 is a warning by default, HEN002 (overview-length) a warning: both configured.
    assert hen == [("HEN001", "error"), ("HEN002", "info")]
    # the pack's township deadline (20 February) reaches the built-in rule Y004
    assert ("Y004", "warning") in found["signed-late.txt"]

    _run(_bin(venv, "python"), "-m", "pip", "uninstall", "--yes", "--quiet", "gipr-lint-henan")
    listed = _run(_bin(venv, "gipr-lint"), "plugins").stdout
    assert "henan" not in listed

    # The same run: the config names the pack's rules, which no longer exist -> a clear
    # configuration error (exit 2), and none of the pack's diagnostics.
    same = _lint(venv, project)
    assert same.returncode == 2
    assert "unknown rule 'HEN001'" in same.stderr
    assert not any(code in same.stdout for code in HEN_CODES)

    # Without that config the reports lint as before, minus everything the pack added.
    isolated = _found(_lint(venv, project, "--isolated"))
    codes = {code for items in isolated.values() for code, _ in items}
    assert not codes & HEN_CODES
    assert "Y004" not in {code for code, _ in isolated["signed-late.txt"]}
