"""The architecture holds: every rule a pack defines is registered, and the rule packs import
the public API only (the import-linter contracts in pyproject.toml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gipr_lint.linting.plugin_manager import load_plugins
from gipr_lint.testing import unregistered_rules

ROOT = Path(__file__).resolve().parent.parent
HENAN = ROOT / "plugins" / "gipr-lint-henan"


def test_every_rule_of_the_national_pack_is_registered() -> None:
    plugin_set = load_plugins()
    assert unregistered_rules("gipr_lint_national", plugin_set.rules.values()) == []


def test_every_rule_of_the_henan_pack_is_registered() -> None:
    if str(HENAN) not in sys.path:
        sys.path.insert(0, str(HENAN))
    import gipr_lint_henan

    assert unregistered_rules("gipr_lint_henan", gipr_lint_henan.gipr_lint_rules()) == []


def test_a_rule_left_out_is_named() -> None:
    from gipr_lint_national.tables.t009_fee_unit import FeeUnit

    registered = [rule for rule in load_plugins().rules.values() if rule is not FeeUnit]
    assert unregistered_rules("gipr_lint_national", registered) == [
        "gipr_lint_national.tables.t009_fee_unit.FeeUnit"]


def test_rule_packs_import_the_public_api_only() -> None:
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.fail("lint-imports is not installed: pip install -e '.[test]'")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(HENAN), *filter(None, [os.environ.get("PYTHONPATH")])])}
    done = subprocess.run([command, "--no-cache"], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Rule packs import gipr_lint.api only KEPT" in done.stdout
    assert "The core never imports a rule pack KEPT" in done.stdout
