"""`python -m hplint.lsp [--tcp PORT] [--host HOST]`."""

from __future__ import annotations

import argparse

from hplint.lsp.server import run


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m hplint.lsp")
    parser.add_argument("--tcp", type=int, metavar="PORT", default=None)
    parser.add_argument("--host", default="127.0.0.1")
    args = parser.parse_args()
    run(tcp_port=args.tcp, host=args.host)


if __name__ == "__main__":
    main()
