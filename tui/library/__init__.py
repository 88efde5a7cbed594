"""A library: a folder (or a list) of briefing files, their table rows, and a search index.

Nothing here imports Textual; nothing outside :mod:`tui.library.index` implementations
speaks SQL.
"""
