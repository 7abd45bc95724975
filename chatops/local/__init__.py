"""Local tooling: the development homeserver, its settings and accounts, scripted residents, the demo.

Production code does not import this package (``tests/test_boundaries.py`` checks it); only the
``whistle`` command line does, for ``make run``, ``whistle homeserver`` and ``whistle demo``.
"""
