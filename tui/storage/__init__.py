"""Where state lives and how it is kept: folders, atomic files, JSON state files, positions,
settings."""
