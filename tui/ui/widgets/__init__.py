"""The reader's panes, one widget per file."""
