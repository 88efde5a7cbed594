"""Writing briefings: a commented template, and drafts imported from articles (no Textual).

:mod:`draft` is what an import makes, :mod:`plaintext` and :mod:`markdown` read
articles into it, :mod:`people` finds who said what, :mod:`emit` writes the draft
as YAML with its guesses marked, and :mod:`template` is the text of ``new``.
"""
