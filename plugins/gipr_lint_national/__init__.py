"""The built-in rule packs of gipr-lint.

Each module here is a plugin loaded through the ``gipr_lint`` entry-point group, exactly like a
third-party pack: it declares ``GIPR_LINT_API`` and implements ``gipr_lint_rules()``.
"""
