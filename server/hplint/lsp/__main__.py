"""`python -m hplint.lsp [--tcp PORT] [--host HOST]`."""

from __future__ import annotations

import sys

from hplint.lsp.command import main

if __name__ == "__main__":
    sys.exit(main())
