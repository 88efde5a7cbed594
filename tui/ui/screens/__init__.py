"""Screens pushed over the reader: help and the section picker."""
