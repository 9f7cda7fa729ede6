-- hlrc's language server for .hlr reports in Neovim's built-in LSP client
-- (Neovim 0.7 and later). In init.lua:
--
--   dofile('/path/to/hlrc/editors/nvim/hlrc.lua')
--
-- or copy this file to ~/.config/nvim/plugin/hlrc.lua. Set
-- vim.g.hlrc_program before it runs to use another hlrc than the one on PATH.
-- Highlighting comes from editors/vim (put it on the runtime path too).

vim.cmd([[autocmd BufNewFile,BufRead *.hlr setfiletype hlr]])

local function root_of(path)
  -- a series is a folder with series.hlr; the report's folder either way
  return vim.fn.fnamemodify(path, ':p:h')
end

local clients = {}

local function attach(args)
  local buf = args and args.buf or vim.api.nvim_get_current_buf()
  local root = root_of(vim.api.nvim_buf_get_name(buf))
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'hlrc',
      cmd = { vim.g.hlrc_program or 'hlrc', 'lsp' },
      root_dir = root,
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd('FileType', { pattern = 'hlr', callback = attach })
