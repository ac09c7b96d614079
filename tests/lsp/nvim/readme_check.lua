-- After the README's recipe (loaded as init.lua) has run for the opened file: wait for hplint's
-- diagnostics and print them. `nvim --headless -u recipe.lua -c "luafile readme_check.lua" FILE`
local function out(s) io.stdout:write(s .. "\n") end
local bufnr = vim.api.nvim_get_current_buf()
if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
  out("FAIL: no diagnostics within 20s (filetype " .. vim.bo[bufnr].filetype .. ")")
  vim.cmd("cquit 1")
end
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  out("DIAG " .. vim.fn.json_encode({ lnum = d.lnum, col = d.col, code = d.code, source = d.source }))
end
local clients = vim.lsp.get_clients or vim.lsp.get_active_clients
for _, client in pairs(clients()) do
  out("CLIENT " .. client.name)
  client.stop()
end
vim.wait(3000, function() return #clients() == 0 end, 50)
vim.cmd("qa!")
