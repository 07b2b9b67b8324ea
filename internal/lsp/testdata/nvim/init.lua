-- A minimal Neovim configuration that starts `flylint lsp` on a fly.toml
-- and drives it as a user would. TestNeovim (nvim_test.go) runs it
-- headless and reads what it writes to $FLYLINT_OUT.
--
-- Works on Neovim 0.7 (Debian bookworm's, which has no vim.lsp.start)
-- and later.
local bin = os.getenv('FLYLINT_BIN')
local root = os.getenv('FLYLINT_ROOT')
local mode = os.getenv('FLYLINT_MODE')
local out = assert(io.open(os.getenv('FLYLINT_OUT'), 'w'))

local function log(line)
  out:write(line, '\n')
  out:flush()
end

local function finish(code)
  out:close()
  vim.cmd((code == 0) and 'qall!' or ('cquit ' .. code))
end

local function fail(msg)
  log('FAIL ' .. msg)
  finish(1)
end

vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/fly.toml'))
local buf = vim.api.nvim_get_current_buf()
local config = { name = 'flylint', cmd = { bin, 'lsp' }, root_dir = root }
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, client_id)
end
if not client_id then
  return fail('the client did not start')
end

local function go_buf()
  return vim.fn.bufnr(root .. '/main.go', true)
end

-- diags returns "CODE@LINE:COL" for each diagnostic of a buffer, with
-- Neovim's 0-based lines and byte columns (converted from the server's
-- positions in the negotiated encoding).
local function diags(b)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(b)) do
    table.insert(list, string.format('%s@%d:%d', d.code or d.user_data and d.user_data.lsp.code or '?', d.lnum, d.col))
  end
  table.sort(list)
  return table.concat(list, ' ')
end

local function has(b, code)
  return diags(b):find(code, 1, true) ~= nil
end

if not vim.wait(60000, function() return has(buf, 'invalid-kill-signal') and has(go_buf(), 'loopback-bind') end, 50) then
  return fail('no diagnostics: fly.toml [' .. diags(buf) .. '] main.go [' .. diags(go_buf()) .. ']')
end
log('fly.toml ' .. diags(buf))
log('main.go ' .. diags(go_buf()))

local client = vim.lsp.get_client_by_id(client_id)

if mode == 'quickfix' then
  local d
  for _, x in ipairs(vim.diagnostic.get(buf)) do
    if (x.code or x.user_data.lsp.code) == 'invalid-kill-signal' then d = x end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.lnum, character = d.col } },
    context = { diagnostics = {} },
  }
  local res = client.request_sync('textDocument/codeAction', params, 30000, buf)
  if not res or res.err then
    return fail('codeAction failed: ' .. vim.inspect(res))
  end
  local applied = false
  for _, action in ipairs(res.result or {}) do
    if action.kind == 'quickfix' and action.edit and action.title:find('SIGTERM', 1, true) then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
      applied = true
      break
    end
  end
  if not applied then
    return fail('no SIGTERM quickfix among ' .. vim.inspect(res.result))
  end
  vim.cmd('write')
  if not vim.wait(60000, function() return not has(buf, 'invalid-kill-signal') end, 50) then
    return fail('the finding stayed after the quickfix: ' .. diags(buf))
  end
  log('after fly.toml ' .. diags(buf))
elseif mode == 'port' then
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line:find('internal_port', 1, true) then
      -- A change of four characters, sent as an incremental didChange.
      local col = line:find('5000', 1, true) - 1
      vim.api.nvim_buf_set_text(buf, i - 1, col, i - 1, col + 4, { '8080' })
    end
  end
  if not vim.wait(60000, function() return not has(go_buf(), 'loopback-bind') end, 50) then
    return fail('the Go finding stayed after the internal_port edit: ' .. diags(go_buf()))
  end
  log('after main.go [' .. diags(go_buf()) .. ']')
end
finish(0)
