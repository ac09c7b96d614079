"""The hplint language server (pygls 2.x): the only package that speaks LSP.

`server.py` holds the `LanguageServer` subclass and every `@server.feature` registration;
`features/` turns protocol requests into calls of the pure services in `hplint.services`.
Heavy modules (the engine, jsonschema, the knowledge base) are imported on first use so that
`initialize` is answered quickly.
"""
