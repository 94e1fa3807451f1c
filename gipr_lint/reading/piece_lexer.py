"""The Lark lexer of the report grammar, for building the parser with Lark.

The grammar's terminals are not lexed from characters: :func:`gipr_lint.reading.grammar.tokens`
makes them from the recovered pieces, and this lexer hands them on. It lives apart so that Lark
is imported only when a parser is built (a run that finds its parse table cached never imports
Lark), and at module level so that a saved Lark parser can name it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lark.lexer import Lexer

__all__ = ["PieceLexer"]


class PieceLexer(Lexer):
    """Hands Lark the tokens made from recovered pieces."""

    def __init__(self, lexer_conf: Any) -> None:
        pass

    def lex(self, data: Any) -> Iterator[Any]:  # type: ignore[override]
        yield from data
