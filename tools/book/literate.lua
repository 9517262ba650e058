--[[ The book's pandoc filter: it makes the book literate.

Start reading at Pandoc() at the bottom: it is the driver.

The spine (book.md) lists the chapters in its metadata (`chapters:`). The filter reads
each chapter, numbers its headings after its file name (chapters/01-references.md is
chapter 1: sections 1.1, 1.2, ...), moves its answers to the exercises to an appendix
at the end of the book, and replaces two kinds of code blocks:

  ```{.c include="lib/src/list.c" region="list_dealloc"}
  ```
      the lines between the markers /* region list_dealloc */ and
      /* endregion list_dealloc */ of that file (# region NAME in Python), numbered as in
      the file. A missing file, region or end marker fails the build, naming both.

  ```{.example name="01-refcount"}
  ```
      chapters/examples/01-refcount.c, what it printed, and when 01-refcount.py exists,
      the Python twin and what CPython 3.11 printed, side by side, with the lines the C
      source declares as differing (/* differs "PREFIX": REASON */). When the example
      wrote a DOT picture, its SVG follows as a figure (attribute figure="CAPTION").
      Options: region="R" shows only that region of the C source; source="no" shows
      only the outputs; output="no" shows only the source.

A number the prose takes from an output is written [28]{.printed}: the filter checks
that the last example shown printed it (as a whole word); ex="NAME" names another
example, line="TEXT" picks the first output line containing TEXT, twin="yes" reads the
Python twin's output. A number that is not there fails the build.

The filter never compiles or runs anything: make does (tools/book.mk) and leaves the
outputs in $BOOK_OUTPUTS (NAME.out, NAME.status, NAME.py.out, NAME.svg). A missing
output fails the build: the text can show nothing that was not really printed.

Every failure ends the build with a message starting "book: " that names the culprit.
]]

local EXAMPLES = os.getenv('BOOK_EXAMPLES') or 'chapters/examples'
local OUTPUTS = os.getenv('BOOK_OUTPUTS') or 'build/book/examples'

-- The file being processed, for messages: the spine, then each chapter in turn.
local current_source = (PANDOC_STATE and PANDOC_STATE.input_files[1]) or 'book.md'

-- ------------------------------------------------------------------ utilities

local function fail(msg)
  io.stderr:write('book: ' .. current_source .. ': ' .. msg .. '\n')
  os.exit(1)
end

local function read_file(path)
  local f = io.open(path, 'r')
  if f == nil then return nil end
  local text = f:read('a')
  f:close()
  return text
end

local function file_exists(path)
  local f = io.open(path, 'r')
  if f == nil then return false end
  f:close()
  return true
end

local function trim_final_newline(text)
  return (text:gsub('\n$', ''))
end

local function split_lines(text)
  local lines = {}
  for line in (text .. (text:sub(-1) == '\n' and '' or '\n')):gmatch('(.-)\n') do
    lines[#lines + 1] = line
  end
  return lines
end

local function escape_pattern(s)
  return (s:gsub('[%^%$%(%)%%%.%[%]%*%+%-%?]', '%%%0'))
end

-- Only the attributes each kind of block understands: a typo must not pass silently.
local function check_attributes(cb, allowed, what)
  for key, _ in pairs(cb.attributes) do
    if not allowed[key] then
      fail(what .. ': unknown attribute "' .. key .. '"')
    end
  end
end

local function title_div(inlines, class)
  return pandoc.Div({ pandoc.Plain(inlines) }, pandoc.Attr('', { class or 'listing-title' }))
end

-- ------------------------------------------------------------------- regions

-- The lines of region `name` in `text`, and the number of the first one.
local function find_region(path, text, name)
  local esc = escape_pattern(name)
  local begin_pats = { '^%s*/%*%s*region%s+' .. esc .. '%s*%*/%s*$', '^%s*#%s*region%s+' .. esc .. '%s*$' }
  local end_pats = { '^%s*/%*%s*endregion%s+' .. esc .. '%s*%*/%s*$', '^%s*#%s*endregion%s+' .. esc .. '%s*$' }
  local function matches(line, pats)
    for _, p in ipairs(pats) do
      if line:match(p) then return true end
    end
    return false
  end
  local lines, body, first = split_lines(text), nil, nil
  for i, line in ipairs(lines) do
    if matches(line, begin_pats) then
      if body ~= nil then fail(path .. ': region "' .. name .. '" opens twice') end
      body, first = {}, i + 1
    elseif matches(line, end_pats) then
      if body == nil then fail(path .. ': region "' .. name .. '" ends before it begins') end
      if #body == 0 then fail(path .. ': region "' .. name .. '" is empty') end
      return table.concat(body, '\n'), first, i - 1
    elseif body ~= nil then
      body[#body + 1] = line
    end
  end
  if body ~= nil then
    fail(path .. ': region "' .. name .. '" has no end marker (/* endregion ' .. name .. ' */)')
  end
  fail(path .. ': no region "' .. name .. '" (the file has no marker /* region ' .. name .. ' */)')
end

local function language_of(path)
  if path:match('%.py$') then return 'python' end
  if path:match('%.[ch]$') then return 'c' end
  return path:match('%.(%w+)$') or 'text'
end

-- ```{.c include="FILE" region="NAME"}```: the region, numbered as in the file.
local function include_region(cb)
  check_attributes(cb, { include = true, region = true }, 'include block')
  local path, name = cb.attributes.include, cb.attributes.region
  if name == nil or name == '' then fail('include of ' .. path .. ' needs region="NAME"') end
  local text = read_file(path)
  if text == nil then fail(path .. ': no such file (asked for its region "' .. name .. '")') end
  local body, first, last = find_region(path, text, name)
  local classes = { language_of(path), 'numberLines' }
  return pandoc.Div({
    title_div({ pandoc.Code(path), pandoc.Str(', lines ' .. first .. '–' .. last .. ' (region '),
                pandoc.Code(name), pandoc.Str(')') }),
    pandoc.CodeBlock(body, pandoc.Attr('', classes, { startFrom = tostring(first) })),
  }, pandoc.Attr('', { 'listing' }))
end

-- ------------------------------------------------------------------- examples

-- The widest output line that still fits in half the page's width (in characters
-- of the monospaced font, at the page's widest).
local SIDE_BY_SIDE_MAX = 44

-- The length, in characters, of the longest line of text.
local function longest_line(text)
  local longest = 0
  for line in (text .. '\n'):gmatch('([^\n]*)\n') do
    longest = math.max(longest, utf8.len(line) or #line)
  end
  return longest
end

local function output_block(title, text, status_note, classes)
  local blocks = { title_div(title, 'output-title'),
                   pandoc.CodeBlock(trim_final_newline(text), pandoc.Attr('', { 'output' })) }
  if status_note ~= nil then
    blocks[#blocks + 1] = pandoc.Div({ pandoc.Plain({ pandoc.Str(status_note) }) },
                                     pandoc.Attr('', { 'output-status' }))
  end
  return pandoc.Div(blocks, pandoc.Attr('', classes))
end

-- The allocator a C source asks to run on (/* allocator: NAME */), or nil; the build
-- runs it with MOMALLOC=NAME and its twin with PYTHONMALLOC=NAME (tools/book.mk).
local function allocator_marker(src)
  return src:match('/%*%s*allocator:%s*([%w_]+)%s*%*/')
end

-- The /* differs "PREFIX": REASON */ markers of a C source.
local function differs_markers(src)
  local markers = {}
  for prefix, reason in src:gmatch('/%*%s*differs%s+"([^"]*)"%s*:%s*(.-)%s*%*/') do
    markers[#markers + 1] = { prefix = prefix, reason = reason:gsub('%s+', ' ') }
  end
  return markers
end

local function source_block(path, text, region)
  if region == nil then
    return pandoc.Div({ title_div({ pandoc.Code(path) }),
                        pandoc.CodeBlock(trim_final_newline(text),
                                         pandoc.Attr('', { language_of(path), 'numberLines' })) },
                      pandoc.Attr('', { 'listing' }))
  end
  local body, first, last = find_region(path, text, region)
  return pandoc.Div({ title_div({ pandoc.Code(path), pandoc.Str(', lines ' .. first .. '–' .. last
                                  .. ' (an excerpt: the whole file builds and runs alone)') }),
                      pandoc.CodeBlock(body, pandoc.Attr('', { language_of(path), 'numberLines' },
                                                         { startFrom = tostring(first) })) },
                    pandoc.Attr('', { 'listing' }))
end

local function require_output(name, path, what)
  local text = read_file(path)
  if text == nil then
    fail('example ' .. name .. ': no recorded ' .. what .. ' (' .. path .. '); '
         .. 'build the book with make book, which compiles and runs the examples')
  end
  return text
end

-- ```{.example name="NAME"}```
local function example(cb)
  check_attributes(cb, { name = true, region = true, source = true, output = true, figure = true },
                   'example block')
  local name = cb.attributes.name
  if name == nil or name == '' then fail('an example block needs name="NN-name"') end
  local c_path = EXAMPLES .. '/' .. name .. '.c'
  local py_path = EXAMPLES .. '/' .. name .. '.py'
  local src = read_file(c_path)
  if src == nil then fail('no example named "' .. name .. '" (' .. c_path .. ' does not exist)') end
  local has_twin = file_exists(py_path)
  local show_source = cb.attributes.source ~= 'no'
  local show_output = cb.attributes.output ~= 'no'
  local blocks = {}

  if show_source then
    blocks[#blocks + 1] = source_block(c_path, src, cb.attributes.region)
    if has_twin then
      blocks[#blocks + 1] = source_block(py_path, read_file(py_path), nil)
    end
  end

  if show_output then
    local out = require_output(name, OUTPUTS .. '/' .. name .. '.out', 'output')
    local status = trim_final_newline(require_output(name, OUTPUTS .. '/' .. name .. '.status', 'status'))
    local stops = src:match('/%*%s*stops:') ~= nil
    local note = stops and ('[the program ends here: ' .. status .. ']') or nil
    local alloc = allocator_marker(src)
    local c_title = alloc and ('What it prints (Mo, the C runtime, run with MOMALLOC=' .. alloc .. ')')
                          or 'What it prints (Mo, the C runtime)'
    local outputs = { output_block({ pandoc.Str(c_title) }, out, note, { 'output-c' }) }
    local longest = longest_line(out)
    if has_twin then
      local py_out = require_output(name, OUTPUTS .. '/' .. name .. '.py.out', 'Python twin output')
      longest = math.max(longest, longest_line(py_out))
      local env = alloc and ('PYTHONMALLOC=' .. alloc .. ' ') or ''
      outputs[#outputs + 1] = output_block({ pandoc.Str('What CPython 3.11 prints ('),
                                             pandoc.Code(env .. 'python3 ' .. name .. '.py'), pandoc.Str(')') },
                                           py_out, nil, { 'output-py' })
    end
    -- Side by side only when both fit: a line longer than half the page would wrap
    -- or scroll, so such outputs are stacked, each the page's full width.
    local classes = { 'outputs' }
    if longest > SIDE_BY_SIDE_MAX then classes[2] = 'stacked' end
    blocks[#blocks + 1] = pandoc.Div(outputs, pandoc.Attr('', classes))
    local markers = has_twin and differs_markers(src) or {}
    if #markers > 0 then
      local items = {}
      for _, m in ipairs(markers) do
        items[#items + 1] = { pandoc.Plain({ pandoc.Code(m.prefix), pandoc.Str(' — ' .. m.reason) }) }
      end
      blocks[#blocks + 1] = pandoc.Div({ pandoc.Para({ pandoc.Str('The two outputs differ on purpose in the lines '
                                                                 .. 'that start with:') }),
                                         pandoc.BulletList(items) }, pandoc.Attr('', { 'differs' }))
    end
  end

  if cb.attributes.figure ~= nil then
    local svg = OUTPUTS .. '/' .. name .. '.svg'
    if not file_exists(svg) then
      fail('example ' .. name .. ' asks for a figure, but it wrote no ' .. name .. '.dot (' .. svg .. ' is missing)')
    end
    local caption = pandoc.read(cb.attributes.figure, 'markdown').blocks
    local inlines = (#caption > 0 and caption[1].content) or {}
    blocks[#blocks + 1] = pandoc.Para({ pandoc.Image(inlines, svg, 'fig:') })
  end
  return pandoc.Div(blocks, pandoc.Attr('example-' .. name, { 'example' }))
end

local function code_block(cb)
  if cb.attributes.include ~= nil then return include_region(cb) end
  if cb.classes:includes('example') then return example(cb) end
  return nil
end

-- ------------------------------------------------------------ cited numbers

local last_example = nil   -- the example shown most recently in the current file

-- Does `text` occur in `line` as a whole word (not inside a longer number or name)?
local function has_word(line, text)
  local start = 1
  while true do
    local i, j = line:find(text, start, true)
    if i == nil then return false end
    local before, after = line:sub(i - 1, i - 1), line:sub(j + 1, j + 1)
    if not before:match('[%w_.]') and not (after:match('[%w_]') or after:match('^%.%d')) then
      return true
    end
    start = i + 1
  end
end

-- [28]{.printed}: the number must be in the output the build recorded.
local function printed_span(span)
  if not span.classes:includes('printed') then return nil end
  check_attributes(span, { ex = true, line = true, twin = true }, 'printed span')
  local text = pandoc.utils.stringify(span.content)
  local name = span.attributes.ex or last_example
  if name == nil then fail('[' .. text .. ']{.printed} comes before any example: give ex="NAME"') end
  local suffix = span.attributes.twin == 'yes' and '.py.out' or '.out'
  local out = require_output(name, OUTPUTS .. '/' .. name .. suffix, 'output')
  local wanted, where = span.attributes.line, 'its output'
  local lines = split_lines(out)
  if wanted ~= nil then
    local found = nil
    for _, l in ipairs(lines) do
      if l:find(wanted, 1, true) then found = l; break end
    end
    if found == nil then
      fail('the text cites ' .. text .. ' from a line of ' .. name .. suffix .. ' containing "'
           .. wanted .. '", and there is no such line')
    end
    lines, where = { found }, 'the line "' .. found .. '"'
  end
  for _, l in ipairs(lines) do
    if has_word(l, text) then
      return pandoc.Span(span.content, pandoc.Attr('', { 'printed' }, { title = 'printed by ' .. name }))
    end
  end
  fail('the text says ' .. text .. ', but example ' .. name .. ' did not print it in ' .. where)
end

local function transform_blocks(blocks)
  local out = {}
  for _, b in ipairs(blocks) do
    if b.t == 'CodeBlock' then
      local replaced = code_block(b)
      if b.classes:includes('example') then last_example = b.attributes.name end
      out[#out + 1] = replaced or b
    else
      out[#out + 1] = pandoc.walk_block(b, { CodeBlock = code_block, Span = printed_span })
    end
  end
  return out
end

-- ------------------------------------------------------------------- chapters

local answers = {}   -- { number, title, blocks } per chapter, in book order

-- Number the headings of chapter n, and lift its answers out.
local function shape_chapter(blocks, n, path)
  local out, title, counts = {}, nil, { 0, 0 }
  for _, b in ipairs(blocks) do
    if b.t == 'Header' then
      if b.level == 1 then
        if title ~= nil then fail('a chapter has one level-1 heading (its title); found a second') end
        title = pandoc.utils.stringify(b.content)
        b.attributes.number = tostring(n)
      elseif b.level == 2 then
        counts[1], counts[2] = counts[1] + 1, 0
        b.attributes.number = n .. '.' .. counts[1]
      elseif b.level == 3 then
        counts[2] = counts[2] + 1
        b.attributes.number = n .. '.' .. counts[1] .. '.' .. counts[2]
      end
      out[#out + 1] = b
    elseif b.t == 'Div' and b.classes:includes('answers') then
      answers[#answers + 1] = { number = n, title = title, blocks = b.content }
      out[#out + 1] = pandoc.Para({ pandoc.Str('The answers are at the end of the book: '),
                                    pandoc.Link({ pandoc.Str('A.' .. n) }, '#answers-' .. n), pandoc.Str('.') })
    else
      out[#out + 1] = b
    end
  end
  if title == nil then fail('a chapter starts with a level-1 heading, its title') end
  return out
end

local function read_chapter(path)
  current_source, last_example = path, nil
  local n = path:match('(%d%d)%-[^/]*%.md$')
  if n == nil then fail('a chapter file is named NN-topic.md') end
  local text = read_file(path)
  if text == nil then fail('no such chapter file (book.md lists it)') end
  return shape_chapter(transform_blocks(pandoc.read(text, 'markdown').blocks), tonumber(n), path)
end

local function answers_appendix()
  local blocks = {}
  if #answers == 0 then return blocks end
  blocks[1] = pandoc.Header(1, { pandoc.Str('Answers to the exercises') },
                            pandoc.Attr('answers', {}, { number = 'A' }))
  for _, a in ipairs(answers) do
    blocks[#blocks + 1] = pandoc.Header(2, { pandoc.Str(a.title) },
                                        pandoc.Attr('answers-' .. a.number, {}, { number = 'A.' .. a.number }))
    for _, b in ipairs(a.blocks) do blocks[#blocks + 1] = b end
  end
  return blocks
end

-- Headings read from several files may share an identifier ("summary"): number them.
local function unique_identifiers(blocks)
  local seen = {}
  return pandoc.walk_block(pandoc.Div(blocks), {
    Header = function(h)
      if h.identifier ~= '' then
        local id, k = h.identifier, 1
        while seen[id] do k = k + 1; id = h.identifier .. '-' .. k end
        seen[id] = true
        h.identifier = id
        return h
      end
    end,
  }).content
end

-- The driver.
function Pandoc(doc)
  local blocks = transform_blocks(doc.blocks)
  for _, b in ipairs(blocks) do
    if b.t == 'Header' and b.attributes.number == nil then b.classes:insert('unnumbered') end
  end
  for _, item in ipairs(doc.meta.chapters or {}) do
    for _, b in ipairs(read_chapter(pandoc.utils.stringify(item))) do blocks[#blocks + 1] = b end
  end
  for _, b in ipairs(answers_appendix()) do blocks[#blocks + 1] = b end
  return pandoc.Pandoc(unique_identifiers(blocks), doc.meta)
end
