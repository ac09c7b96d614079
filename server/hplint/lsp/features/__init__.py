"""LSP feature handlers; registered in `hplint.lsp.server`, computed by `hplint.services`."""
