"""Every documented install command works from this repository as it is (issue 13).

The Markdown marks each shell block that installs something with a comment just before it:
``<!-- install:KIND -->`` where KIND says where it runs — ``readme`` (the README's first command,
in a copy of the checkout), ``checkout`` (in a copy of the checkout, one environment for all
such blocks, in document order), ``git`` (anywhere: the placeholder URL becomes a git copy of
the checkout), ``pack`` (in a pack made by ``gipr-lint new-plugin``), ``henan`` (in the example
pack's folder), ``ci`` (what ``.ci/run`` runs), ``windows`` (the README's Windows forms, checked
against the Linux ones) and ``publish`` (uploading a pack: checked, not run). The blocks are
extracted here and run; no test invents its own install command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_lint.scaffold import skeleton

ROOT = Path(__file__).resolve().parent.parent
URL = "https://example.invalid/gipr-lint.git"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
        ROOT / "plugins" / "gipr-lint-henan" / "README.md"]
MARKED = re.compile(r"<!-- install:(\w+)(?: ([^>]*?))? -->\n```(\w+)\n(.*?)```", re.S)
SHELL_BLOCK = re.compile(r"```(?:sh|bash|bat|shell|console)\n(.*?)```", re.S)
#: what a pip install may name: a folder, a git URL, or tools from the index (never gipr-lint
#: or a rule pack by bare name)
ALLOWED = re.compile(r"^(-e|\.|\./\S+|'\.\[\w+\]'|\"\.\[\w+\]\"|'[\w\[\]-]+ @ git\+\S+'|"
                     r"pytest|build|twine|pre-commit)$")


def blocks(kind: str, docs: list[Path] = DOCS) -> list[tuple[str, str]]:
    """(where, body) of every block marked ``install:kind``, in document order."""
    found = []
    for path in docs:
        for match in MARKED.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) == kind:
                found.append((f"{path.relative_to(ROOT)}", match.group(4)))
    return found


def scaffold_readme() -> str:
    return next(text for rel, text in skeleton("shandong", "SD").items() if rel == "README.md")


def install_lines(text: str) -> list[str]:
    return [line for block in SHELL_BLOCK.findall(text) for line in block.splitlines()
            if "pip install" in line]


# -- what the snippets say ---------------------------------------------------------------------


def test_every_install_snippet_is_marked() -> None:
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        unmarked = [block for block in SHELL_BLOCK.findall(text) if "pip install" in block
                    and not any(match.group(4) == block for match in MARKED.finditer(text))]
        assert unmarked == [], f"{path}: an install snippet without <!-- install:KIND -->"


@pytest.mark.parametrize("where", [*(str(path.relative_to(ROOT)) for path in DOCS), "scaffold"])
def test_no_snippet_installs_gipr_lint_from_an_index(where: str) -> None:
    text = scaffold_readme() if where == "scaffold" else (ROOT / where).read_text(
        encoding="utf-8")
    for line in install_lines(text):
        command = re.split(r"\s#", line)[0].split("&&")
        for part in command:
            if "pip install" not in part:
                continue
            words = re.findall(r"'[^']*'|\"[^\"]*\"|\S+", part.split("pip install", 1)[1])
            bad = [word for word in words if not ALLOWED.match(word)]
            assert bad == [], f"{where}: {line!r} installs {bad} from an index"


def test_readme_has_two_linux_commands_and_their_windows_forms() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linux = [body.strip() for _, body in blocks("readme", [ROOT / "README.md"])
             + blocks("ci", [ROOT / "README.md"])]
    assert len(linux) == 2
    assert readme.count("python3 -m venv") == 2
    assert [command.split(" && ")[2:] for command in linux] == [
        ["pip install .", "gipr-lint examples/gaozhuang-2024.txt"],
        ["pip install -e '.[test]'", "pytest"]]
    windows = [body.strip() for _, body in blocks("windows", [ROOT / "README.md"])]
    expected = [command.replace("python3 -m venv .venv && . .venv/bin/activate",
                                "py -m venv .venv && .venv\\Scripts\\activate")
                .replace("'", '"').replace("examples/", "examples\\") for command in linux]
    assert windows == expected


def test_readme_states_the_python_version_of_pyproject() -> None:
    import tomllib

    requires = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"]["requires-python"]
    assert requires == ">=3.10"
    assert "Python 3.10 or newer" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Python 3.10 or newer" in (ROOT / "docs" / "install.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet -e '.[test]'" in ci and "\npytest\n" in ci


# -- running them ------------------------------------------------------------------------------


def _env() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTEST_ADDOPTS", "PYTHONHOME")}
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p != bin_dir)
    env["NO_COLOR"] = "1"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def bash(script: str, cwd: Path, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", script], cwd=cwd, env=_env(), capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git copy of this checkout with one commit (what a user clones)."""
    copy = tmp_path_factory.mktemp("install") / "gipr-lint"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(
        ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".mypy_cache",
        "build", "dist", ".venv*", "venv"))
    env = {**_env(), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "snapshot"]):
        subprocess.run(["git", *args], cwd=copy, env=env, check=True, capture_output=True)
    return copy


@pytest.mark.slow
def test_the_readme_command_installs_and_lints_the_example(checkout: Path) -> None:
    ((_, body),) = blocks("readme", [ROOT / "README.md"])
    done = bash(body, checkout)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "examples/gaozhuang-2024.txt:60:6: error A001 [self-reference]" in done.stdout
    assert "Found 2 errors, 4 warnings in 1 file; 3 of 3 tables fully checked." in done.stdout


@pytest.mark.slow
def test_checkout_snippets_then_a_generated_pack(checkout: Path) -> None:
    script = "set -e\n" + "\n".join(body for _, body in blocks("checkout"))
    done = bash(script, checkout)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "gipr-lint 0.1.0" in done.stdout and "henan 0.1.0: HEN001, HEN002, HEN003" \
        in done.stdout
    activate = ". .venv/bin/activate\n"
    # the example pack's own development snippet, in its folder
    henan = "set -e\n" + activate.replace(".venv", "../../.venv") + "\n".join(
        body for _, body in blocks("henan"))
    done = bash(henan, checkout / "plugins" / "gipr-lint-henan")
    assert done.returncode == 0, done.stdout + done.stderr
    # a generated pack: plugins.md's install lines, then the pack README's
    done = bash(activate + "gipr-lint new-plugin shandong --prefix SD", checkout)
    assert done.returncode == 0, done.stderr
    pack = checkout / "gipr-lint-shandong"
    lines = [line for _, body in blocks("pack") for line in body.splitlines()
             if line.startswith(("pip install", "pytest"))]
    lines += install_lines(scaffold_readme())
    done = bash("set -e\n" + activate.replace(".venv", "../.venv") + "\n".join(lines)
                + "\ngipr-lint plugins", pack)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "shandong 0.1.0: SD001" in done.stdout


@pytest.mark.slow
def test_git_url_snippets(checkout: Path, tmp_path: Path) -> None:
    script = "set -e\n" + "\n".join(body for _, body in blocks("git"))
    # the copy is reached by a git+file:/// URL, whose empty host the packaging library of
    # pip < 24.1 rejects (an https URL, as documented, is fine with any pip): upgrade pip
    # right after the environment is made
    script = script.replace(". .venv/bin/activate\n",
                            ". .venv/bin/activate\npip install -q --upgrade 'pip>=24.1'\n", 1)
    done = bash(script.replace(URL, f"file://{checkout}"), tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "gipr-lint 0.1.0" in done.stdout and "henan 0.1.0: HEN001" in done.stdout
    server = bash(". .venv/bin/activate && gipr-lint server --help", tmp_path)
    assert server.returncode == 0, server.stderr  # the lsp extra came along


def test_publish_snippets_are_only_tools() -> None:
    ((_, body),) = blocks("publish")
    assert install_lines(f"```sh\n{body}```") == ["python -m pip install build twine"]


def test_the_skeleton_does_not_ask_an_index_for_gipr_lint() -> None:
    import tomllib

    pyproject = tomllib.loads(skeleton("shandong", "SD")["pyproject.toml"])
    assert pyproject["project"]["dependencies"] == []
    assert all("gipr-lint" not in requirement
               for extra in pyproject["project"]["optional-dependencies"].values()
               for requirement in extra)
