-- End-to-end test: real Neovim + real clausewise.
-- Run by editors/tests/neovim.sh as:
--   nvim --clean --cmd "set rtp^=<editors/neovim>" -l test.lua <contract.md>
-- Environment: CLAUSEWISE_NVIM_MODE = "config" (lsp/clausewise.lua + vim.lsp.enable)
--              or "start" (the examples/lsp-start.lua snippet);
--              CLAUSEWISE_TEST_CONFIG = JSON rule settings to pass to the server;
--              CLAUSEWISE_NVIM_EXAMPLES = folder with the example snippets.
-- Exits 0 on success, 1 with a message on the first failed check.

local file = assert(arg[1], 'usage: nvim -l test.lua FILE')
local mode = os.getenv('CLAUSEWISE_NVIM_MODE') or 'config'
local cfg = vim.json.decode(os.getenv('CLAUSEWISE_TEST_CONFIG') or '{"severity":{"liability.cap":"error"}}')
local TIMEOUT = tonumber(os.getenv('CLAUSEWISE_NVIM_WAIT_MS') or '20000')

local function log(msg) io.stdout:write('[nvim:' .. mode .. '] ' .. msg .. '\n') end
local function fail(msg)
  io.stderr:write('[nvim:' .. mode .. '] FAIL: ' .. msg .. '\n')
  local ok, log_path = pcall(vim.lsp.get_log_path)
  if ok then io.stderr:write('  (lsp log: ' .. log_path .. ')\n') end
  os.exit(1)
end
local function check(cond, msg) if not cond then fail(msg) end end

vim.cmd('filetype on')
vim.lsp.log.set_level(vim.log.levels.WARN)

if mode == 'config' then
  -- The shipped lsp/clausewise.lua is found on the runtimepath; only the
  -- rule settings are added, exactly as the README tells users to.
  vim.lsp.config('clausewise', { settings = { clausewise = cfg } })
  vim.lsp.enable('clausewise')
elseif mode == 'start' then
  vim.g.clausewise_config = cfg
  dofile(assert(os.getenv('CLAUSEWISE_NVIM_EXAMPLES'), 'CLAUSEWISE_NVIM_EXAMPLES unset') .. '/lsp-start.lua')
else
  fail('unknown mode ' .. mode)
end

vim.cmd.edit(vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
check(vim.bo[buf].filetype == 'markdown', 'filetype is ' .. vim.bo[buf].filetype)

-- 1. The server starts and attaches.
local client
check(vim.wait(TIMEOUT, function()
  client = vim.lsp.get_clients({ bufnr = buf, name = 'clausewise' })[1]
  return client ~= nil and client.initialized
end, 50), 'clausewise did not attach (is the binary on PATH and runnable?)')
log('attached: ' .. client.name .. ' (id ' .. client.id .. ')')

-- 2. Diagnostics arrive: liability.unlimited on the risky sentence,
--    liability.cap on the title line with the configured severity.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local unlimited_line
for i, l in ipairs(lines) do
  if l:find('unlimited liability', 1, true) then unlimited_line = i - 1 end
end
check(unlimited_line, 'fixture has no "unlimited liability" line')

local function find_diag(code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'clausewise' and d.code == code then return d end
  end
end
local ok = vim.wait(TIMEOUT, function()
  return find_diag('liability.unlimited') ~= nil and find_diag('liability.cap') ~= nil
end, 50)
if not ok then
  local got = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(got, string.format('%s:%s@%d', tostring(d.source), tostring(d.code), d.lnum))
  end
  fail('expected clausewise diagnostics; got: ' .. table.concat(got, ', '))
end
local unl, cap = find_diag('liability.unlimited'), find_diag('liability.cap')
check(unl.lnum == unlimited_line, ('liability.unlimited on line %d, expected %d'):format(unl.lnum, unlimited_line))
check(cap.lnum == 0, 'liability.cap not on the title line: ' .. cap.lnum)
check(cap.message:find('^No cap on') ~= nil, 'unexpected liability.cap message: ' .. cap.message)
local want_sev = vim.diagnostic.severity[string.upper((cfg.severity or {})['liability.cap'] or 'warn')]
  or vim.diagnostic.severity.WARN
check(cap.severity == want_sev, ('liability.cap severity %s, expected %s (settings not applied?)')
  :format(tostring(cap.severity), tostring(want_sev)))
log(('diagnostics ok: %d from clausewise'):format(#vim.diagnostic.get(buf)))

-- 3. Hover on a glossary word returns Markdown.
local hover_line, hover_col
for i, l in ipairs(lines) do
  local s = l:find('indemnification', 1, true)
  if s then hover_line, hover_col = i - 1, s + 2 break end
end
check(hover_line, 'fixture has no lowercase "indemnification"')
local res = client:request_sync('textDocument/hover', {
  textDocument = vim.lsp.util.make_text_document_params(buf),
  position = { line = hover_line, character = hover_col },
}, TIMEOUT, buf)
check(res and not res.err and res.result, 'no hover result: ' .. vim.inspect(res))
local contents = res.result.contents
local text = type(contents) == 'string' and contents or contents.value or vim.inspect(contents)
check(contents.kind == nil or contents.kind == 'markdown', 'hover is not markdown: ' .. tostring(contents.kind))
check(#text > 20, 'hover text too short: ' .. text)
log('hover ok: ' .. text:gsub('\n.*', ''):sub(1, 60))

-- 4. Code actions on the title line: the quick fix, applied to the buffer.
local function code_actions(only)
  local r = client:request_sync('textDocument/codeAction', {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = 0, character = 0 }, ['end'] = { line = 0, character = 0 } },
    context = {
      diagnostics = vim.lsp.diagnostic.from(vim.diagnostic.get(buf, { lnum = 0 })),
      only = only,
    },
  }, TIMEOUT, buf)
  check(r and not r.err, 'codeAction failed: ' .. vim.inspect(r))
  return r.result or {}
end
local function resolve(action)
  if action.edit == nil and client:supports_method('codeAction/resolve') then
    local r = client:request_sync('codeAction/resolve', action, TIMEOUT, buf)
    check(r and not r.err and r.result, 'codeAction/resolve failed')
    return r.result
  end
  return action
end

local fix
for _, a in ipairs(code_actions(nil)) do
  if a.title == 'Insert liability cap clause' then fix = a end
end
check(fix, 'no "Insert liability cap clause" action on the title line')
check(fix.kind == nil or fix.kind:find('^quickfix'), 'cap action kind is ' .. tostring(fix.kind))

local source
for _, a in ipairs(code_actions({ 'source.clausewise.insertMissing' })) do
  if a.kind == 'source.clausewise.insertMissing' then source = a end
end
check(source, 'no source.clausewise.insertMissing action')
check(source.title == 'Insert all missing protections', 'source action title: ' .. source.title)
log('code actions ok')

fix = resolve(fix)
check(fix.edit, 'cap quick fix carries no WorkspaceEdit')
local before = vim.api.nvim_buf_line_count(buf)
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
local after = vim.api.nvim_buf_line_count(buf)
check(after > before, ('buffer did not grow after the quick fix (%d -> %d)'):format(before, after))
local body = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'):lower()
check(body:find('liab', 1, true), 'inserted text does not mention liability')

-- The server re-checks the edited buffer: the missing-cap warning goes away.
check(vim.wait(TIMEOUT, function() return find_diag('liability.cap') == nil end, 50),
  'liability.cap still reported after inserting the cap clause')
log(('quick fix applied: %d -> %d lines, liability.cap cleared'):format(before, after))

vim.lsp.stop_client(client.id, true)
log('PASS')
os.exit(0)
