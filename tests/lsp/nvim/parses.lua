-- Exit 0 when the Lua file named by $LUA_FILE parses (it is not run), 1 otherwise.
local path = os.getenv("LUA_FILE")
local handle = assert(io.open(path, "r"))
local chunk, problem = loadstring(handle:read("*a"), path)
handle:close()
if chunk == nil then
  io.stdout:write("SYNTAX " .. tostring(problem) .. "\n")
  vim.cmd("cquit 1")
end
vim.cmd("qa!")
