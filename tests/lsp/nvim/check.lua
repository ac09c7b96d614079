-- Headless Neovim (0.7+) attaches to `hplint lsp`, waits for diagnostics, asks for a hover.
-- SERVER_CMD="python -m hplint lsp" HOVER_LINE=n HOVER_COL=c nvim --headless --clean -u NONE \
--   -c "luafile tests/lsp/nvim/check.lua" config.yaml
local cmd = vim.split(os.getenv("SERVER_CMD") or "python3 -m hplint lsp", " ", { trimempty = true })
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = "yaml"
local function out(s) io.stdout:write(s .. "\n") end
local function fail(msg) out("FAIL: " .. msg); vim.cmd("cquit 1") end
local config = { name = "hplint", cmd = cmd, root_dir = vim.fn.getcwd() }
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config, { bufnr = bufnr })
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end
if not client_id then fail("client did not start") end
if not vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  fail("no diagnostics within 15s")
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data and d.user_data.lsp) or {}
  local href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL
  out("DIAG " .. vim.fn.json_encode({ lnum = d.lnum, col = d.col, severity = d.severity,
    message = d.message, code = d.code or lsp.code, source = d.source, href = href }))
end
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = tonumber(os.getenv("HOVER_LINE") or "0"), character = tonumber(os.getenv("HOVER_COL") or "0") },
}
for _, r in pairs(vim.lsp.buf_request_sync(bufnr, "textDocument/hover", params, 10000) or {}) do
  if r.result then out("HOVER " .. vim.fn.json_encode(r.result.contents)) end
end
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qa!")
