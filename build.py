"""Build, serve or check a Lantern site: `python build.py --help`."""

import sys

from lantern.cli import main

if __name__ == "__main__":
    sys.exit(main())
