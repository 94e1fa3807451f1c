"""Make the pack importable from its source tree when it is not installed.

These tests register the pack in-process (``gipr_lint.testing.lint(plugins=[...])``), so they
pass whether or not ``pip install ./plugins/gipr-lint-henan`` was run.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

# The tests pin English messages whatever the machine's locale (test_henan_i18n asks for zh).
os.environ["GIPR_LINT_LANG"] = "en"

PACK_ROOT = Path(__file__).resolve().parent.parent
if importlib.util.find_spec("gipr_lint_henan") is None:
    sys.path.insert(0, str(PACK_ROOT))
