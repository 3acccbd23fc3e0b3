-- Neovim as a real LSP client of session-guard-language-server, configured by the README's snippet
-- exactly as printed (SG_SNIPPET), with the server on PATH as after a global install. Opens two Mule
-- files of the app: both must get diagnostics, from one client. Inputs: SG_SNIPPET, SG_FILE, SG_FILE2, SG_OUT.
dofile(vim.env.SG_SNIPPET)
local function diagnostics_of(path)
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  local ok = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) >= 1 end, 100)
  local result = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(result, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, code = code, source = d.source })
  end
  return { ok = ok, filetype = vim.bo[bufnr].filetype, clients = #vim.tbl_keys(vim.lsp.buf_get_clients(bufnr)), diagnostics = result }
end
local first = diagnostics_of(vim.env.SG_FILE)
local second = diagnostics_of(vim.env.SG_FILE2)
local f = assert(io.open(vim.env.SG_OUT, 'w'))
f:write(vim.fn.json_encode({ first = first, second = second, clients = #vim.lsp.get_active_clients() }))
f:close()
for _, c in ipairs(vim.lsp.get_active_clients()) do c.stop() end
vim.cmd('qa!')
