"""`python -m hplint.lsp`: the same command line as `hplint lsp` (`--help` lists it)."""

from __future__ import annotations

import sys

from hplint.lsp.command import main

if __name__ == "__main__":
    sys.exit(main())
