"""Editor services: hover text, completion candidates and code actions at a text offset.

Pure functions over the engine's results — no `pygls` or `lsprotocol` here, so every service is
testable without a language server. `hplint.lsp` converts their results into protocol types.
"""
