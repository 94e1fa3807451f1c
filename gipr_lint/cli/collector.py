"""The cyclic garbage collector held off while a run starts (see :class:`CollectorPause`).

Its own module, importing nothing: the program starts the pause before it imports the rest of
the command line (:func:`gipr_lint.cli.main`).
"""

from __future__ import annotations

import gc

__all__ = ["CollectorPause"]


class CollectorPause:
    """The cyclic garbage collector held off while a run starts: loading the plugins imports
    some two hundred modules and creates their classes and functions, all kept for the whole
    run, and the collector would walk them again and again (~20 ms of a one-file lint) to find
    nothing. :meth:`resume` turns it back on (if it was on) before any report is read, with
    what was made meanwhile frozen out of its sight (:func:`gc.freeze`): its first collection
    would otherwise walk all of that (one collection of 5-17 ms in the first report, before
    ``-j N`` forks). :meth:`end`, when the command ends, unfreezes it (as the runner unfreezes
    what it freezes when the run ends)."""

    def __init__(self, was_enabled: bool | None = None) -> None:
        """``was_enabled``: whether the collector was on before a caller that turned it off
        itself already (default: whether it is on now)."""
        self._was_enabled = gc.isenabled() if was_enabled is None else was_enabled
        self._frozen = False
        gc.disable()

    def resume(self) -> None:
        if self._was_enabled:
            gc.freeze()
            self._frozen = True
            gc.enable()
            self._was_enabled = False

    def end(self) -> None:
        if self._was_enabled:
            gc.enable()
            self._was_enabled = False
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
