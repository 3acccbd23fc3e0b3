-- Neovim 0.7 as a real LSP client of session-guard-language-server (stdio, push diagnostics).
-- Inputs through the environment: SG_SERVER, SG_ROOT, SG_FILE, SG_OUT.
local file = vim.env.SG_FILE
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'xml'
local client_id = vim.lsp.start_client({
  name = 'session-guard',
  cmd = { 'node', vim.env.SG_SERVER, '--stdio' },
  root_dir = vim.env.SG_ROOT,
})
vim.lsp.buf_attach_client(bufnr, client_id)
local ok = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) >= 2 end, 100)
local result = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code
  if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
  table.insert(result, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message, code = code, source = d.source })
end
local f = assert(io.open(vim.env.SG_OUT, 'w'))
f:write(vim.fn.json_encode({ ok = ok, diagnostics = result }))
f:close()
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
