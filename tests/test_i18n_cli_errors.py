"""The CLI's own error lines speak Chinese with ``--lang zh`` (clerks read them), and exit 2."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import GAOZHUANG, RunCli
from tests.readers.test_pdf_errors import scan_pdf

WORDS = {"words": "words"}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def lines(text: str) -> list[str]:
    return text.splitlines()


def test_empty_folder_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    done = cli("--isolated", "--lang", "zh", "--extensions", ".txt,.docx", "empty", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: 没有检查任何文件：empty 中没有扩展名为 .docx, .txt 的文件（隐藏文件、被排除的"
        "文件和 git 忽略的文件不检查；用 --show-files 可列出将要检查的文件）"]


def test_missing_file_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    done = cli("--isolated", "--lang", "zh", "missing.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == ["gipr-lint: missing.txt: 无法读取：文件或文件夹不存在",
                                  "gipr-lint: 没有检查任何文件"]


def test_legacy_word_file_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "报告.doc").write_bytes(OLE2 + b"\x00" * 512)
    done = cli("--isolated", "--lang", "zh", "报告.doc", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: 报告.doc: 无法读取：这是旧版 Word/WPS 文件（.doc/.wps），不能直接检查：请用 "
        "Word 或 WPS 打开，另存为 .docx（文件 → 另存为 → Word 文档 .docx）",
        "gipr-lint: 没有检查任何文件"]


def test_scanned_pdf_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(scan_pdf())
    done = cli("--isolated", "--lang", "zh", "scan.pdf", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: scan.pdf: 无法读取：PDF 没有文字层（共 1 页图片，可能是扫描件）：需要先做 OCR "
        "文字识别才能检查",
        "gipr-lint: 没有检查任何文件"]


def test_binary_and_empty_text_files_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02" * 50)
    (tmp_path / "b.docx").write_bytes(b"")
    done = cli("--isolated", "--lang", "zh", "a.txt", "b.docx", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: a.txt: 无法读取：这是二进制数据，不是文本格式的报告",
        "gipr-lint: b.docx: 无法读取：文件是空的",
        "gipr-lint: 没有检查任何文件"]


def test_not_everything_linted_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    clean = str(GAOZHUANG.parent / "001_e0653abc3b201f3e.txt")
    done = cli("--isolated", "--lang", "zh", "--select", "A001", "missing.txt", clean,
               cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == ["gipr-lint: missing.txt: 无法读取：文件或文件夹不存在",
                                  "gipr-lint: 已检查的文件未发现问题，但有文件未能检查（见上文）"]


def test_fix_summary_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("标题\n还存在以 下问题\n", encoding="utf-8")
    done = cli("--isolated", "--lang", "zh", "--select", "TST003", "--fix", "r.txt",
               plugins=WORDS, cwd=tmp_path)
    assert (tmp_path / "r.txt").read_text(encoding="utf-8") == "标题\n还存在以下问题\n"
    assert lines(done.stderr) == ["gipr-lint: 已修复 1 处问题"]


def test_english_stays_english(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "报告.doc").write_bytes(OLE2 + b"\x00" * 512)
    done = cli("--isolated", "--lang", "en", "报告.doc", "missing.txt", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert lines(done.stderr) == [
        "gipr-lint: missing.txt: cannot read: No such file or directory",
        "gipr-lint: 报告.doc: cannot read: a legacy Word/WPS file (.doc/.wps) cannot be read: "
        "open it in Word or WPS and save it as .docx (文件 → 另存为 → Word 文档 .docx)",
        "gipr-lint: nothing was linted"]


def test_baseline_summary_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text("标题\n还存在以 下问题\n", encoding="utf-8")
    done = cli("--isolated", "--lang", "zh", "--select", "TST003", "--write-baseline", "b.json",
               "r.txt", plugins=WORDS, cwd=tmp_path)
    assert done.returncode == 0
    assert lines(done.stderr) == ["gipr-lint: 已将 1 处问题记入 b.json"]


def test_fix_of_a_word_file_refused_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    """A clerk drafting in Word who tries --fix is told, in Chinese, to correct the original."""
    docx = Path(__file__).parent / "readers" / "official-2021-format-template.docx"
    (tmp_path / "年报 草稿.docx").write_bytes(docx.read_bytes())
    for option in ("--fix", "--diff"):
        done = cli("--isolated", "--lang", "zh", "--select", "S005", "-q", option,
                   "年报 草稿.docx", cwd=tmp_path)
        assert done.returncode == 2
        assert lines(done.stderr) == [
            f"gipr-lint: 年报 草稿.docx: {option}: Word 文件无法自动修改：gipr-lint 只能修改纯文本"
            "（.txt）报告，请在原文件中逐条改正"]


def test_configuration_errors_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    """A clerk's misspelt key or value in gipr-lint.toml was answered in English."""
    config = tmp_path / "gipr-lint.toml"
    (tmp_path / "r.txt").write_bytes(GAOZHUANG.read_bytes())
    said = {}
    for text in ('selct = ["A"]', 'severity = {A001 = "fatal"}', 'year = "2024"',
                 '[tables]\ntownship-fee-limt = 3', 'select = ["HEN001"]', "select = [A"):
        config.write_text(text + "\n", encoding="utf-8")
        done = cli("--lang", "zh", "r.txt", cwd=tmp_path)
        assert (done.returncode, done.stdout) == (2, "")
        said[text] = done.stderr.removeprefix(f"gipr-lint: {config}: ").rstrip("\n")
    assert said['selct = ["A"]'].startswith(
        "selct: 未知的配置项；是否应为 'select'？（可用：select, ")
    assert said['severity = {A001 = "fatal"}'] == (
        "severity.A001: 未知的级别 'fatal'（可用：error, warning, info, off）")
    assert said['year = "2024"'] == "year: 应为 2000 至 2100 之间的整数年份，实际为 '2024'"
    assert said['[tables]\ntownship-fee-limt = 3'] == (
        "tables.township-fee-limt: 插件 'tables' 没有此选项；是否应为 'township-fee-limit'？"
        "（可用：township-fee-limit）")
    assert said['select = ["HEN001"]'] == (
        "select: 未知的规则 'HEN001'；已安装的插件中没有以 'HEN' 开头的规则（是否未安装相应的"
        "规则包？`gipr-lint plugins` 可列出已安装的插件）（可用：规则代码、代码前缀（如 'T' 或 "
        "'T00'）、规则名称或 'ALL'）")
    assert said["select = [A"].startswith("TOML 格式有误：")


def test_usage_errors_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_bytes(GAOZHUANG.read_bytes())
    said = []
    for args in (["--format", "jsn"], ["--fail-on", "eror"], ["--severity", "A001"],
                 ["-j", "0"], ["--config", "nope.toml"], ["--write-baseline", "."],
                 ["--history", "2023"]):
        done = cli("--isolated", "--lang", "zh", "r.txt", *args, "-q", cwd=tmp_path)
        assert done.returncode == 2
        said.append(done.stderr.splitlines()[-1])
    assert said == [
        "gipr-lint: --format: 未知的输出格式 'jsn'；是否应为 'json'？（可用：full, concise, json, "
        "sarif, github, csv, html）",
        "gipr-lint: 命令行: --fail-on: 未知的级别 'eror'；是否应为 'error'？（可用：error, "
        "warning, info）",
        "gipr-lint: --severity 'A001': 应写成 代码=级别，如 T001=warning",
        "gipr-lint: --jobs: 应为进程数，1 或更大",
        "gipr-lint: --config: nope.toml: 文件不存在",
        "gipr-lint: --write-baseline: .: 这是一个文件夹，不是文件",
        "gipr-lint: --history: 2023: 文件或文件夹不存在"]
    done = cli("rule", "A01", "--lang", "zh", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        2, "gipr-lint: 未知的规则 'A01'；是否应为 'A001'？（`gipr-lint rules` 可列出全部规则）\n")


def test_a_baseline_saved_with_a_bom_is_read(cli: RunCli, tmp_path: Path) -> None:
    """Notepad saves UTF-8 with a byte-order mark; the baseline was then 'not a JSON baseline'."""
    (tmp_path / "r.txt").write_bytes(GAOZHUANG.read_bytes())
    assert cli("--isolated", "r.txt", "--write-baseline", "b.json", cwd=tmp_path).returncode == 0
    baseline = tmp_path / "b.json"
    baseline.write_bytes(b"\xef\xbb\xbf" + baseline.read_bytes())
    done = cli("--isolated", "--lang", "zh", "r.txt", "--baseline", "b.json", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")


def test_new_plugin_and_server_in_chinese(cli: RunCli, tmp_path: Path) -> None:
    """new-plugin's report and refusals and server's were English under --lang zh."""
    done = cli("new-plugin", "山东", cwd=tmp_path, env={"GIPR_LINT_LANG": "zh"})
    assert (done.returncode, done.stderr) == (
        2, "gipr-lint: 插件名称 '山东' 不可用：只能用小写字母、数字和连字符，并以字母开头"
           "（如 'henan'）\n")
    done = cli("new-plugin", "shandong", "--prefix", "SD", cwd=tmp_path,
               env={"GIPR_LINT_LANG": "zh"})
    assert (done.returncode, done.stdout) == (
        0, "已生成 gipr-lint-shandong/（插件 'shandong'）。接下来，在安装了 gipr-lint 的环境中"
           "运行：cd gipr-lint-shandong && pip install -e '.[test]' && pytest\n")
    done = cli("new-plugin", "shandong", cwd=tmp_path, env={"GIPR_LINT_LANG": "zh"})
    assert (done.returncode, done.stderr) == (
        2, "gipr-lint: gipr-lint-shandong: 已存在，不会覆盖（请换一个名称或用 --directory 指定其他"
           "文件夹）\n")
    done = cli("server", "--debounce", "-1", "--lang", "zh", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (2, "gipr-lint: --debounce: 应为毫秒数，0 或更大\n")
