-- clausewise language server for Neovim 0.11+.
--
-- Put this directory on your 'runtimepath' (or copy this file to
-- ~/.config/nvim/lsp/clausewise.lua), then in init.lua:
--
--   vim.lsp.enable('clausewise')
--
-- Override any field with vim.lsp.config('clausewise', { ... }), e.g. to pass
-- rule settings (same keys as clausewise.toml):
--
--   vim.lsp.config('clausewise', {
--     settings = { clausewise = { disable = { 'data.*' }, party = 'consultant' } },
--   })

---@type vim.lsp.Config
return {
  -- `clausewise` must be on $PATH; otherwise give the full path here.
  cmd = { 'clausewise', 'lsp' },
  filetypes = { 'markdown' },
  -- A clausewise.toml marks the project root; fall back to the git root.
  root_markers = { 'clausewise.toml', '.git' },
  -- Rule settings, same keys as clausewise.toml. They are answered when the
  -- server asks for workspace/configuration (section "clausewise") and also
  -- sent at start-up as initializationOptions (see before_init).
  settings = { clausewise = vim.empty_dict() },
  before_init = function(params, config)
    local s = config.settings and config.settings.clausewise
    if s ~= nil then params.initializationOptions = s end
  end,
}
