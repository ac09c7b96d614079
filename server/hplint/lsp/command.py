"""The command line of the language server, shared by `hplint lsp` and `python -m hplint.lsp`.

Nothing here imports pygls until the server runs: `hplint lsp` is routed here before the rest of
the CLI (and its imports) is loaded, so that start-up pays only for what `initialize` needs.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tcp", type=int, metavar="PORT", default=None, help="listen on a TCP port"
    )
    parser.add_argument("--host", default="127.0.0.1", help="TCP host (default 127.0.0.1)")


def main(argv: Sequence[str] | None = None, prog: str = "python -m hplint.lsp") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Run the hplint language server.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    serve(tcp_port=args.tcp, host=args.host)
    return 0


def serve(*, tcp_port: int | None, host: str) -> None:
    from hplint.lsp import startup

    startup.begin()  # before pygls and lsprotocol are imported
    from hplint.lsp.server import run

    run(tcp_port=tcp_port, host=host)
