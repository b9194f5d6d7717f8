"""Authoring tools for lawyers: scaffold a new convention, compare two versions (amendments)."""
