-- clausewise with plain vim.lsp.start (Neovim 0.8 to 0.10, still works on 0.11+).
-- Starts (or reuses) one server per project root for every Markdown buffer.

vim.api.nvim_create_autocmd('FileType', {
  pattern = 'markdown',
  group = vim.api.nvim_create_augroup('clausewise-lsp', { clear = true }),
  callback = function(args)
    local markers = { 'clausewise.toml', '.git' }
    local found = vim.fs.find(markers, {
      upward = true,
      path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
    })[1]
    vim.lsp.start({
      name = 'clausewise',
      cmd = { 'clausewise', 'lsp' },
      root_dir = found and vim.fs.dirname(found) or vim.fn.getcwd(),
      -- Same keys as clausewise.toml; sent as initializationOptions.
      init_options = vim.g.clausewise_config or vim.empty_dict(),
      -- Answered for workspace/configuration, section "clausewise".
      settings = { clausewise = vim.g.clausewise_config or vim.empty_dict() },
    }, { bufnr = args.buf })
  end,
})
