"""``python -m chatops.cli``: the same as the ``whistle`` command."""

import sys

from chatops.cli.main import main

sys.exit(main())
