-- Run by tests/lsp/nvim.sh in headless Neovim: opens a report of a series
-- through editors/nvim/hlrc.lua, reads the diagnostics the server sends,
-- and goes to the definition of a reference. Prints "ok ..." or "FAIL ...".
local report = vim.env.HLRC_REPORT
local failed = 0
local function check(ok, what, got)
  if ok then
    print('ok nvim: ' .. what)
  else
    failed = failed + 1
    print('FAIL nvim: ' .. what .. (got and (': got ' .. vim.inspect(got)) or ''))
  end
end

dofile(vim.env.HLRC_ROOT .. '/editors/nvim/hlrc.lua')
vim.cmd('edit ' .. vim.fn.fnameescape(report))
local buf = vim.api.nvim_get_current_buf()
check(vim.bo[buf].filetype == 'hlr', 'the filetype', vim.bo[buf].filetype)

local function diags()
  return vim.diagnostic.get(buf)
end
vim.wait(10000, function() return #diags() > 0 end, 50)
local d = diags()
check(#d == 1 and d[1].lnum == 7 and d[1].col == 3 and d[1].severity == vim.diagnostic.severity.ERROR
      and d[1].message:find("unknown section keyword 'guidanse'", 1, true) ~= nil,
      'the diagnostic of the misspelt keyword', d)

-- go to the definition of ^previous#ppe-guidance-released (line 10)
vim.api.nvim_win_set_cursor(0, { 10, 40 })
vim.lsp.buf.definition()
vim.wait(10000, function()
  return vim.api.nvim_buf_get_name(0):match('2020%-06%-26%.hlr$') ~= nil
end, 50)
local name = vim.api.nvim_buf_get_name(0)
local pos = vim.api.nvim_win_get_cursor(0)
local line = vim.api.nvim_get_current_line()
check(name:match('2020%-06%-26%.hlr$') ~= nil and pos[1] == 15 and
      line:sub(pos[2] + 1, pos[2] + 21) == 'ppe-guidance-released',
      'go to definition lands on the id in the previous report', { name, pos, line })

for _, c in pairs(vim.lsp.get_active_clients()) do
  c.stop()
end
vim.wait(2000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
if failed > 0 then
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
