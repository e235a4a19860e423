; The leaf blocks of a Markdown chunk that the contract model reads.
; Containers (lists, list items, block quotes) are found by walking up from these.
(atx_heading) @heading
(setext_heading) @heading
(paragraph) @paragraph
(pipe_table_header) @table_row
(pipe_table_row) @table_row
(fenced_code_block) @code
(indented_code_block) @code
(html_block) @html
(minus_metadata) @front_matter
