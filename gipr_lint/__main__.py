"""``python -m gipr_lint``: the program, as the console script ``gipr-lint``.

When another program runs this module (``runpy.run_module(..., run_name="__main__")``, as
``python -m cProfile -m gipr_lint`` does), its globals are not those of ``sys.modules["__main__"]``
and it must get control back: :func:`~gipr_lint.cli.main` is called and its code raised as
:class:`SystemExit`, as ever.
"""

import sys

from gipr_lint.cli import main, run

if __name__ == "__main__":
    if globals() is vars(sys.modules["__main__"]):
        run()
    raise SystemExit(main())
