"""The hot modules' examples run from their sources in ``tests/test_compiled.py``: pytest's own collection
would import the compiled forms, which keep no docstrings (``rules.compiled``)."""

from rules.compiled import HOT

collect_ignore = [f"{name}.py" for name in HOT]
