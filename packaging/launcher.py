"""Entry script of the packaged app (PyInstaller needs a script, not a module)."""

import sys

from app.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
