"""Where state lives and how it is written: folders, atomic files, reading positions."""
