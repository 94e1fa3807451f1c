"""Readers of the formats reports come in, each registered through ``gipr_lint_readers``."""
