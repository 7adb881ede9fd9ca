"""``python -m tracker``: the same as the ``tracker`` command."""
from __future__ import annotations

import sys

from tracker.cli import main

sys.exit(main())
