"""The base of every error a user can fix: a bad name, query, dataset or output file."""

from __future__ import annotations


class GlutealtpError(Exception):
    """An error whose message is one line for the user; the CLI exits 2 (bad input) on it."""
