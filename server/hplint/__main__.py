"""`python -m hplint` and the `hplint` command.

`hplint lsp` goes straight to the language server's command line, without loading the rest of
the CLI: an editor waits for the server's `initialize` answer on every start.
"""

from __future__ import annotations

import sys


def main() -> int:
    if sys.argv[1:2] == ["lsp"]:
        from hplint.lsp.command import main as serve

        return serve(sys.argv[2:], prog="hplint lsp")
    from hplint.cli import main as run_cli

    return run_cli()


if __name__ == "__main__":
    sys.exit(main())
