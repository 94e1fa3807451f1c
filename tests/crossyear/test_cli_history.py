"""``--history``, the ``history`` key, and how each file shows what it was compared with."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.crossyear.pairs import SEED, earlier_year

BEFORE = earlier_year(changes={("requests", "carry_forward", 0): "2",
                               ("requests", "carry_forward", 6): "2"})


def gipr(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gipr_lint", *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", check=False)


def write(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024" / "tdz.txt").write_text(SEED, encoding="utf-8")
    (tmp_path / "2023" / "tdz.txt").write_text(BEFORE, encoding="utf-8")


def test_history_option_json_and_full_output(tmp_path: Path) -> None:
    write(tmp_path)
    done = gipr(["check", "--isolated", "--select", "X", "--format", "json", "2024",
                 "--history", "2023"], tmp_path)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    [entry] = data["files"]  # the history report is read, not linted
    # named as given, relative to the current directory like the linted file (it was the
    # absolute path: /home/…/2023/tdz.txt next to 2024/tdz.txt)
    assert entry["compared_with"] == {"path": "2023/tdz.txt",
                                      "agency": "大渡口区跳磴镇人民政府", "year": 2023,
                                      "history": True}
    assert [(d["code"], d["line"], d["column"], d["related"]) for d in entry["diagnostics"]] == [
        ("X001", 91, 2, ["2023/tdz.txt"]), ("X001", 97, 2, ["2023/tdz.txt"])]
    full = gipr(["check", "--isolated", "--select", "X", "2024", "--history", "2023"], tmp_path)
    assert ("2024/tdz.txt: compared with 2023's report 2023/tdz.txt (history)"
            in full.stdout.splitlines())
    absolute = gipr(["check", "--isolated", "--select", "X", "--format", "json", "2024",
                     "--history", str(tmp_path / "2023"), "2023/tdz.txt"], tmp_path)
    [entry] = json.loads(absolute.stdout)["files"]  # read once, named as first given
    assert entry["compared_with"]["path"] == str(tmp_path / "2023" / "tdz.txt")
    full = gipr(["check", "--isolated", "--select", "X", "2024", "2023"], tmp_path)
    assert full.returncode == 1
    assert ("2024/tdz.txt: compared with 2023's report 2023/tdz.txt (linted)"
            in full.stdout.splitlines())
    assert "上年结转 自然人 is 0, but 2023's 结转下年度 is 2 (2023/tdz.txt)" in full.stdout


def test_history_from_configuration(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "gipr-lint.toml").write_text('select = ["X"]\nhistory = ["2023/*.txt"]\n',
                                             encoding="utf-8")
    done = gipr(["check", "--format", "concise", "2024"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[0].startswith("2024/tdz.txt:91:2: error X001 ")


def test_missing_history_is_an_error_but_linting_goes_on(tmp_path: Path) -> None:
    write(tmp_path)
    done = gipr(["check", "--isolated", "--select", "X", "--format", "concise", "2024",
                 "--history", "nowhere"], tmp_path)
    assert done.returncode == 2
    assert "gipr-lint: --history: nowhere: no such file or directory" in done.stderr
    assert done.stdout == ""


def test_bad_history_key(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "gipr-lint.toml").write_text("history = 3\n", encoding="utf-8")
    done = gipr(["check", "2024"], tmp_path)
    assert done.returncode == 2
    assert "history" in done.stderr and "expected a list of earlier reports" in done.stderr


def test_cross_report_findings_survive_fix(tmp_path: Path) -> None:
    write(tmp_path)
    now = tmp_path / "2024" / "tdz.txt"
    now.write_text(SEED.replace("政务公开工作", "政务公开 工作", 1), encoding="utf-8")
    done = gipr(["check", "--isolated", "--select", "X001,F001", "--fix", "--format",
                 "concise", "2024", "2023"], tmp_path)
    assert "fixed 1 finding" in done.stderr
    assert "政务公开 工作" not in now.read_text(encoding="utf-8")
    lines = done.stdout.splitlines()
    assert [line.split(": ", 2)[1].split()[1] for line in lines] == ["X001", "X001"]
    assert all(line.startswith("2024/tdz.txt:") for line in lines)


def test_sarif_names_the_compared_report_and_validates(tmp_path: Path) -> None:
    import jsonschema

    write(tmp_path)
    done = gipr(["check", "--isolated", "--select", "X", "--format", "sarif", "2024", "2023"],
                tmp_path)
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    schema = Path(__file__).resolve().parent.parent / "schemas" / "sarif-schema-2.1.0.json"
    jsonschema.Draft4Validator(json.loads(schema.read_text(encoding="utf-8"))).validate(data)
    first = data["runs"][0]["results"][0]
    assert first["ruleId"] == "X001"
    assert first["relatedLocations"] == [{
        "id": 0, "physicalLocation": {"artifactLocation": {"uri": "2023/tdz.txt"}},
        "message": {"text": "compared with"}}]
