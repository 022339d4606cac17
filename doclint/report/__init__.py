"""Reporters: turn FileResults into text, JSON and the other output formats. They never re-read files."""
