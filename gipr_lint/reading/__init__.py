"""Reading a report: bytes to text (:mod:`.source`), layout recovery (:mod:`.layout`), the
grammar (:mod:`.grammar`) and building the :class:`~gipr_lint.model.Report` (:mod:`.builder`)."""
