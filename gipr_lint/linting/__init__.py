"""Linting: loading plugins (:mod:`.plugin_manager`), configuration (:mod:`.config`), running the
rules over a file (:mod:`.engine`) and over many (:mod:`.runner`), baselines."""
