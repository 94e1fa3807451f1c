"""The parser of the one sub-command the arguments name (what a run builds) reads them as the
parser of every sub-command does, and says the same in its help and errors."""

from __future__ import annotations

import contextlib
import io

import pytest

from gipr_lint.cli.arguments import COMMANDS, build_parser, parse_arguments

ARGUMENTS = [
    ["check"], ["check", "a.txt", "b", "--format", "json", "-j", "2", "--select", "T,Y001",
                "--severity", "T001=off", "--no-respect-gitignore", "-o", "out", "--lang", "zh"],
    ["check", "--history", "x", "y", "--fix", "--unsafe-fixes", "--config", "c.toml", "-q"],
    ["parse", "a.txt", "--format", "tree"], ["parse", "--grammar"], ["rules", "--format", "json"],
    ["rule", "T001"], ["plugins"], ["new-plugin", "henan", "--prefix", "HN"],
    ["server", "--debounce", "50"],
]


@pytest.mark.parametrize("argv", ARGUMENTS, ids=" ".join)
def test_one_commands_parser_reads_as_the_whole_parser(argv: list[str]) -> None:
    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


def _said(argv: list[str], command: str | None) -> tuple[object, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            pytest.raises(SystemExit) as exited:
        build_parser(command).parse_args(argv)
    return exited.value.code, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_help_and_errors_are_the_same(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    for argv in ([command, "--help"], [command, "--no-such-option"]):
        assert _said(argv, command) == _said(argv, None)


def test_the_whole_parser_lists_every_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, said = _said(["--help"], None)
    assert code == 0
    listed = [line.split()[0] for line in said.split("COMMAND\n", 1)[1].splitlines()
              if line.startswith("    ") and not line.startswith("     ")]
    assert listed == ["check", "parse", "rules", "rule", "plugins", "new-plugin", "server"]


def _parsed(argv: list[str]) -> tuple[object, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), pytest.raises(SystemExit) as exited:
        parse_arguments(argv)
    return exited.value.code, err.getvalue()


@pytest.mark.parametrize(("argv", "said"), [
    (["check", "r.txt", "--formt", "json"],
     "gipr-lint check: error: unrecognized arguments: --formt json; did you mean --format?"),
    (["check", "--exlude=drafts", "r.txt"],
     "gipr-lint check: error: unrecognized arguments: --exlude=drafts; did you mean --exclude?"),
    (["parse", "r.txt", "--grammer"],
     "gipr-lint parse: error: unrecognized arguments: --grammer; did you mean --grammar?"),
    (["check", "r.txt", "--per-file-ignores", "x"],  # a configuration key: nothing near
     "gipr-lint check: error: unrecognized arguments: --per-file-ignores x"),
])
def test_a_misspelt_option_is_told_by_its_command(argv: list[str], said: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A misspelt option was reported with the program's usage (`gipr-lint [-h] [--version]
    COMMAND ...`, which lists none of check's options) and no hint; now with the command's
    usage and the nearest option."""
    monkeypatch.setenv("COLUMNS", "100")
    code, err = _parsed(argv)
    assert code == 2
    assert err.startswith(f"usage: gipr-lint {argv[0]} [-h]")
    assert err.splitlines()[-1] == said


def test_known_arguments_parse_as_before() -> None:
    for argv in ARGUMENTS:
        assert vars(parse_arguments(list(argv))) == vars(build_parser().parse_args(argv))


def _help(argv: list[str]) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as exited:
        parse_arguments(argv)
    assert exited.value.code == 0
    return out.getvalue()


@pytest.mark.parametrize("command", COMMANDS)
def test_help_in_chinese_fits_the_terminal(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--help` was all English on a Chinese system; Chinese lines are wrapped by display
    width (a Chinese character takes two cells), so the page fits an 80-column terminal."""
    import unicodedata

    monkeypatch.setenv("COLUMNS", "80")
    page = _help([command, "--help", "--lang", "zh"])
    assert page.startswith(f"用法：gipr-lint {command} [-h]")
    assert "  -h, --help" in page and "显示本帮助并退出" in page
    assert "show this help" not in page
    widths = [sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)
              for line in page.splitlines()]
    assert max(widths) <= 78


def test_help_speaks_the_systems_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("GIPR_LINT_LANG", "zh")
    page = _help(["check", "--help"])
    assert "  --fix                 自动改正有把握的问题\n" in page
    assert "  -j N, --jobs N        用 N 个进程并行检查（默认：1）\n" in page
    monkeypatch.setenv("GIPR_LINT_LANG", "en")
    page = _help(["check", "--help"])
    assert page.startswith("usage: gipr-lint check [-h]")
    assert "  --fix                 apply safe fixes\n" in page
    assert ("  --columns {chars,bytes}\n                        what columns count: characters "
            "(default) or UTF-8\n                        bytes, for editors such as Vim whose "
            "errorformat %c is\n                        a byte column\n") in page


def test_a_misspelt_option_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    code, err = _parsed(["check", "r.txt", "--formt", "json", "--lang", "zh"])
    assert code == 2 and err.startswith("用法：gipr-lint check [-h]")
    assert err.splitlines()[-1] == ("gipr-lint check：错误：无法识别的参数：--formt json；"
                                    "是否应为 --format？")


@pytest.mark.parametrize(("argv", "said"), [
    (["check", "--format"], "gipr-lint check：错误：参数 --format/--output-format：需要一个值"),
    (["check", "--color", "red"],
     "gipr-lint check：错误：参数 --color：无效的选择：'red'（可选：'auto', 'always', 'never'）"),
    (["check", "-j", "x"], "gipr-lint check：错误：参数 -j/--jobs：无效的 int 值：'x'"),
    (["rule"], "gipr-lint rule：错误：缺少以下参数：CODE|NAME"),
    (["rule", "T001", "extra"], "gipr-lint rule：错误：无法识别的参数：extra"),
])
def test_argparses_own_errors_in_chinese(argv: list[str], said: str,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """argparse's own words (`error:`, `expected one argument`, `invalid choice`, `the
    following arguments are required`) were English in a Chinese run; --lang en keeps them."""
    code, err = _parsed([argv[0], "--lang", "zh", *argv[1:]])
    assert code == 2 and err.splitlines()[-1] == said
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, err = _parsed([argv[0], "--lang", "en", *argv[1:]])
    assert code == 2 and "：" not in err and " error: " in err.splitlines()[-1]
