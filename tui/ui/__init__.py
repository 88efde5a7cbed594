"""The Textual user interface: app, screens, widgets, keys and palette."""
