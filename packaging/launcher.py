"""Entry point for the frozen bundle: the same `main` the `socialsafe` command runs."""

import sys

from socialsafe_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
