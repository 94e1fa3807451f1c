"""Try the editor snippets of docs/editors.md in the Neovim and Emacs installed here.

    python scripts/try_editor_snippets.py

Each snippet is taken from the Markdown as written, the editor is run headless on a copy of a
Chinese seed report with ``gipr-lint server`` (from this environment), and what the editor saw
is printed: its version, each diagnostic's line, column and the character under it, and line 60
after applying the quick fix for A001 (我局 → 我镇). Run by hand (editors are not installed on
every machine); docs/editors.md records the versions tried.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "000_6a437f78ed373b70.txt"

NVIM_PROBE = r"""
local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 100)
local out = { "nvim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor)
              .. "." .. tostring(vim.version().patch) .. " diagnostics: " .. tostring(ok) }
for _, d in ipairs(vim.diagnostic.get(0)) do
  local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, false)[1]
  table.insert(out, string.format("%d:%d %s %s", d.lnum + 1, d.col + 1,
    vim.fn.matchstr(line, "\\%" .. (d.col + 1) .. "c."), d.message))
end
local params = { textDocument = vim.lsp.util.make_text_document_params(),
  range = { start = { line = 59, character = 5 }, ["end"] = { line = 59, character = 7 } },
  context = { diagnostics = {} } }
local result = vim.lsp.buf_request_sync(0, "textDocument/codeAction", params, 10000) or {}
for _, response in pairs(result) do
  for _, action in ipairs(response.result or {}) do
    table.insert(out, "code action: " .. action.title)
    if action.edit and action.title:find("A001") then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
    end
  end
end
table.insert(out, "line 60 after the fix: " .. vim.api.nvim_buf_get_lines(0, 59, 60, false)[1]
             :sub(1, 40))
vim.fn.writefile(out, "result.txt")
"""

EMACS_PROBE = r"""
(find-file "report.txt")
(run-hooks 'post-command-hook)
(let ((n 0))
  (while (and (< n 300) (null (flymake-diagnostics)))
    (accept-process-output nil 0.1) (setq n (1+ n))))
(let ((out (format "emacs %s eglot %s\n" emacs-version
                   (or (ignore-errors (package-get-version)) "?"))))
  (dolist (d (sort (flymake-diagnostics)
                   (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
    (save-excursion
      (goto-char (flymake-diagnostic-beg d))
      (setq out (concat out (format "%d:%d %s %s\n" (line-number-at-pos)
                                    (1+ (- (point) (line-beginning-position)))
                                    (buffer-substring (point) (1+ (point)))
                                    (flymake-diagnostic-text d))))))
  (goto-char (point-min)) (forward-line 59) (forward-char 5)
  (gipr-lint-quickfix)
  (let ((n 0)) (while (< n 20) (accept-process-output nil 0.1) (setq n (1+ n))))
  (setq out (concat out "line 60 after the fix: "
                    (buffer-substring (line-beginning-position)
                                      (min (line-end-position) (+ 20 (line-beginning-position))))
                    "\n"))
  (with-temp-file "result.txt" (insert out)))
(kill-emacs 0)
"""


def snippet(name: str, language: str) -> str:
    text = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    (found,) = re.findall(rf"<!-- editors:{name} -->\n```{language}\n(.*?)```", text, re.S)
    return found


def run(command: list[str], folder: Path) -> str:
    env = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent),
                                                  os.environ.get("PATH", "")])}
    subprocess.run(command, cwd=folder, env=env, capture_output=True, timeout=180,
                   stdin=subprocess.DEVNULL)
    result = folder / "result.txt"
    return result.read_text(encoding="utf-8") if result.exists() else "(no result)"


def main() -> int:
    tried = 0
    if shutil.which("nvim"):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            shutil.copy(SEED, folder / "report.txt")
            (folder / "init.lua").write_text(snippet("nvim-0.7", "lua"), encoding="utf-8")
            (folder / "probe.lua").write_text(NVIM_PROBE, encoding="utf-8")
            print("== Neovim, the 0.7-0.9 snippet")
            print(run(["nvim", "--headless", "-u", "init.lua", "report.txt", "-c",
                       "luafile probe.lua", "-c", "qa!"], folder))
            tried += 1
    if shutil.which("emacs"):
        with tempfile.TemporaryDirectory() as name:
            folder = Path(name)
            shutil.copy(SEED, folder / "report.txt")
            (folder / "init.el").write_text(snippet("emacs", "elisp"), encoding="utf-8")
            (folder / "probe.el").write_text(EMACS_PROBE, encoding="utf-8")
            print("== Emacs, the eglot snippet")
            print(run(["emacs", "--batch", "-l", "init.el", "-l", "probe.el"], folder))
            tried += 1
    if not tried:
        print("neither nvim nor emacs is installed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
