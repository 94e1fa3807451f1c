"""docs/plugins.md, followed literally: generate a skeleton with ``gipr-lint new-plugin``,
apply the guide's marked code blocks, and run the skeleton's own tests in a subprocess.

The guide marks the blocks a reader acts on with an HTML comment just before them:
``<!-- guide:run -->`` (shell commands), ``<!-- guide:append PATH -->`` and
``<!-- guide:write PATH -->`` (file contents). They are extracted from the guide here, so the
guide cannot drift from what works.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_lint.scaffold import ScaffoldError, create, default_prefix, skeleton

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "plugins.md"
BLOCK = re.compile(r"<!-- guide:(run|append|write)(?: (\S+))? -->\n```[a-z]*\n(.*?)```",
                   re.DOTALL)


def guide_steps() -> list[tuple[str, str | None, str]]:
    return [(m.group(1), m.group(2), m.group(3))
            for m in BLOCK.finditer(GUIDE.read_text(encoding="utf-8"))]


def _env(pythonpath: Path) -> dict[str, str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(pythonpath)}
    env.pop("PYTEST_ADDOPTS", None)
    return env


def _gipr_lint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gipr_lint", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_guide_marks_its_steps() -> None:
    kinds = [kind for kind, _, _ in guide_steps()]
    assert kinds[0] == "run" and "append" in kinds and "write" in kinds


def test_following_the_guide_gives_a_pack_whose_tests_pass(tmp_path: Path) -> None:
    cwd = tmp_path
    for kind, target, body in guide_steps():
        if kind == "run":
            for line in body.strip().splitlines():
                words = shlex.split(line)
                if words[0] == "cd":
                    cwd = cwd / words[1]
                    continue
                assert words[0] == "gipr-lint", line
                done = _gipr_lint(*words[1:], cwd=cwd)
                assert done.returncode == 0, done.stderr
        else:
            assert target is not None
            path = cwd / target
            if kind == "append":
                assert path.exists(), f"the guide appends to {target}, which the skeleton lacks"
                path.write_text(path.read_text(encoding="utf-8") + "\n\n" + body,
                                encoding="utf-8")
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(body, encoding="utf-8")
    assert cwd.name == "gipr-lint-shandong"
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                          cwd=cwd, env=_env(cwd), capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    # the skeleton's 3 cases and 2 tests, the guide's 2 cases and 1 test
    assert "8 passed" in done.stdout, done.stdout


def test_fresh_skeleton_passes_its_own_tests(tmp_path: Path) -> None:
    done = _gipr_lint("new-plugin", "xinxiang-city", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "gipr-lint-xinxiang-city"
    assert "Created gipr-lint-xinxiang-city" in done.stdout
    assert (folder / "gipr_lint_xinxiang_city" / "rules.py").exists()
    assert 'xinxiang-city = "gipr_lint_xinxiang_city"' in \
        (folder / "pyproject.toml").read_text(encoding="utf-8")
    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
                           cwd=folder, env=_env(folder), capture_output=True, text=True,
                           encoding="utf-8", timeout=300)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "5 passed" in tests.stdout


def test_new_plugin_refuses_an_existing_folder(tmp_path: Path) -> None:
    (tmp_path / "gipr-lint-henan").mkdir()
    (tmp_path / "gipr-lint-henan" / "keep.txt").write_text("mine", encoding="utf-8")
    done = _gipr_lint("new-plugin", "henan", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("gipr-lint: gipr-lint-henan: already exists; not overwriting it "
                           "(choose another name or --directory)\n")
    assert [p.name for p in (tmp_path / "gipr-lint-henan").iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(("name", "prefix", "message"), [
    ("Henan", None, "plugin name 'Henan' is not valid"),
    ("henan", "H", "code prefix 'H' is not valid"),
    ("henan", "hen", "code prefix 'hen' is not valid"),
])
def test_bad_name_or_prefix(name: str, prefix: str | None, message: str) -> None:
    with pytest.raises(ScaffoldError, match=re.escape(message)):
        skeleton(name, prefix)


def test_skeleton_names(tmp_path: Path) -> None:
    assert default_prefix("henan") == "HEN" and default_prefix("a1") == "AX"
    files = skeleton("henan-anyang", "HAY")
    assert set(files) == {"pyproject.toml", "README.md", "gipr_lint_henan_anyang/__init__.py",
                          "gipr_lint_henan_anyang/rules.py", "tests/cases/HAY001.toml",
                          "tests/test_rules.py"}
    assert 'code = "HAY001"' in files["gipr_lint_henan_anyang/rules.py"]
    assert create("henan", tmp_path / "out", prefix="HN") == tmp_path / "out"
    with pytest.raises(ScaffoldError, match="already exists"):
        create("henan", tmp_path / "out")
