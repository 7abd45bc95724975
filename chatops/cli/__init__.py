"""The ``whistle`` command line: the one place that puts the parts together (``whistle --help``)."""

from chatops.cli.main import main

__all__ = ["main"]
