-- clausewise with nvim-lspconfig.
--
-- Recent nvim-lspconfig versions (for Neovim 0.11+) read the lsp/ folder of
-- every plugin on the runtimepath, so with editors/neovim on the runtimepath
-- the lines below are all you need. They also work on their own: the config
-- is given in full, so no bundled clausewise config is required.

vim.lsp.config('clausewise', {
  cmd = { 'clausewise', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'clausewise.toml', '.git' },
  settings = {
    clausewise = {
      -- Same keys as clausewise.toml.
      -- disable = { 'data.*' },
      -- severity = { ['liability.cap'] = 'error' },
      -- ['non-compete-max-months'] = 6,
    },
  },
})
vim.lsp.enable('clausewise')

-- Older nvim-lspconfig (the `require('lspconfig').NAME.setup{}` style, for
-- Neovim 0.10 and earlier) has no built-in clausewise entry. Register one:
--
-- local configs = require('lspconfig.configs')
-- if not configs.clausewise then
--   configs.clausewise = {
--     default_config = {
--       cmd = { 'clausewise', 'lsp' },
--       filetypes = { 'markdown' },
--       root_dir = require('lspconfig.util').root_pattern('clausewise.toml', '.git'),
--       settings = { clausewise = vim.empty_dict() },
--     },
--   }
-- end
-- require('lspconfig').clausewise.setup({})
