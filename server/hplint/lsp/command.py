"""The command line of the language server, shared by `hplint lsp` and `python -m hplint.lsp`.

It accepts the transport flags language clients pass (`vscode-languageclient` appends `--stdio`,
`--socket=PORT` or `--pipe=NAME` to the command, some clients `--clientProcessId=PID`), so that
any editor can start `hplint lsp` as it starts other servers.

Nothing here imports pygls until the server runs: `hplint lsp` is routed here before the rest of
the CLI (and its imports) is loaded, so that start-up pays only for what `initialize` needs.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI builds this parser on every run: sockets and threads only to serve
    from hplint.lsp.transport import Transport

# `--tcp` given without a port: the port comes from `--port`.
_PORT_FROM_OPTION = -1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    how = parser.add_argument_group(
        "transport", "How to reach the client (one of these; default: --stdio)."
    )
    how.add_argument(
        "--stdio",
        action="store_true",
        help="talk to the client over standard input and output (the default)",
    )
    how.add_argument(
        "--tcp",
        type=_port,
        nargs="?",
        const=_PORT_FROM_OPTION,
        metavar="PORT",
        help="listen on HOST:PORT for one client (also: --tcp --port PORT)",
    )
    how.add_argument("--port", type=_port, metavar="PORT", help="the port of --tcp")
    how.add_argument(
        "--socket",
        type=_port,
        metavar="PORT",
        help="connect to a client that listens on HOST:PORT (vscode-languageclient's socket)",
    )
    how.add_argument(
        "--pipe",
        metavar="NAME",
        help="connect to a client listening on this Unix domain socket (its pipe transport)",
    )
    how.add_argument("--host", default="127.0.0.1", help="host for --tcp and --socket (127.0.0.1)")
    parser.add_argument(
        "--clientProcessId",
        "--client-process-id",
        dest="client_process_id",
        type=int,
        metavar="PID",
        help="exit when this process ends (as the processId of `initialize` also asks)",
    )


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}") from None
    if not 0 < port < 65536:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return port


def transport_from(args: argparse.Namespace, parser: argparse.ArgumentParser) -> Transport:
    """The one transport the arguments ask for; a usage error (exit 2) for contradictions."""
    from hplint.lsp.transport import Transport

    tcp_port = args.port if args.tcp == _PORT_FROM_OPTION else args.tcp
    if args.port is not None and args.tcp is None:
        tcp_port = args.port  # `--port N` alone: pygls' spelling of a TCP server
    chosen = [
        flag
        for flag, given in (
            ("--stdio", args.stdio),
            ("--tcp", args.tcp is not None or args.port is not None),
            ("--socket", args.socket is not None),
            ("--pipe", args.pipe is not None),
        )
        if given
    ]
    if len(chosen) > 1:
        parser.error(f"choose one transport, not {' and '.join(chosen)}")
    if args.tcp is not None and tcp_port is None:
        parser.error("--tcp needs a port: --tcp PORT or --tcp --port PORT")
    if tcp_port is not None:
        return Transport("tcp", host=args.host, port=tcp_port)
    if args.socket is not None:
        return Transport("socket", host=args.host, port=args.socket)
    if args.pipe is not None:
        return Transport("pipe", pipe=args.pipe)
    return Transport("stdio")


def main(argv: Sequence[str] | None = None, prog: str = "python -m hplint.lsp") -> int:
    parser = argparse.ArgumentParser(prog=prog, description="Run the hplint language server.")
    add_arguments(parser)
    args = parser.parse_args(argv)
    return serve(transport_from(args, parser), client_process_id=args.client_process_id)


def serve(transport: Transport, *, client_process_id: int | None = None) -> int:
    """Run the server; its exit code (LSP: 1 when the client sent `exit` without `shutdown`)."""
    from hplint.lsp import startup

    startup.begin()  # before pygls and lsprotocol are imported
    from hplint.lsp.server import run

    return run(transport, client_process_id=client_process_id)
