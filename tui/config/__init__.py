"""The user's config file, ``config.toml``: read, checked and explained without Textual.

``file.py`` reads it into a :class:`~tui.config.file.Config` and a list of
problems; ``keys.py`` is the table of binding ids the ``[keys]`` table may
remap (kept in step with the UI's bindings by ``tests/test_config.py``);
``default.py`` writes the commented default file.
"""
