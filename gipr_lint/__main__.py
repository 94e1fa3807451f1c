"""``python -m gipr_lint``."""

from gipr_lint.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
