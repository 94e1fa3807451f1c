"""A plugin that cannot be imported."""

import gipr_lint_no_such_module  # noqa: F401
