"""Translating messages (stub: issue 13 makes the catalogs real).

Rule packs mark every message with a translator for their own gettext domain::

    from gipr_lint.api import translator

    _ = translator("gipr_lint_national")
    message = _("{label} total is {total}, but its columns add up to {sum}").format(...)

The message id is the English text with named ``str.format`` placeholders; translations live in
the pack's ``locale/<lang>/LC_MESSAGES/<domain>.po``.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["translator"]


def translator(domain: str) -> Callable[[str], str]:
    """The function that translates ``domain``'s messages into the current language."""

    def translate(message: str) -> str:
        return message

    return translate
