"""``python -m app``: the same program as ``quote-terminal``."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
