"""Editor support: the language server (:mod:`.server`, :mod:`.lsp_session`), LSP positions, and
applying fixes (:mod:`.fixes`), which ``--fix`` on the command line uses too."""
