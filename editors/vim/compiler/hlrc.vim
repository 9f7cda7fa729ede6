" Vim compiler file
" Compiler: hlrc check (highlight reports)
"
" :make runs 'hlrc check' on the current file and reads its diagnostics:
"
"   FILE:LINE:COL: error: MESSAGE [code]      (also warning: and note:)
"    SOURCE LINE                              (ignored: starts with a space)
"    ^~~~~                                    (ignored: starts with a space)
"   FILE: error: MESSAGE [code]               (a problem with a whole file)
"
" Errors, warnings and notes become quickfix entries of type e, w and n;
" the text keeps the [code]; columns are turned from characters into bytes. Set g:hlrc_program to run another hlrc, e.g.
" 'build/hlrc' in the compiler's own repository.

if exists('current_compiler')
  finish
endif
let current_compiler = 'hlrc'

if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif

let s:cpo_save = &cpo
set cpo&vim

execute 'CompilerSet makeprg=' .
      \ escape(get(g:, 'hlrc_program', 'hlrc') . ' check', ' \|"') . '\ %:S'

" Source and caret lines first, so that text quoted from a report can never
" be read as a diagnostic; then positioned diagnostics, then whole-file ones.
CompilerSet errorformat=%-G\ %.%#,
      \%f:%l:%c:\ %trror:\ %m,
      \%f:%l:%c:\ %tarning:\ %m,
      \%f:%l:%c:\ %tote:\ %m,
      \%f:\ %trror:\ %m,
      \%f:\ %tarning:\ %m,
      \%f:\ %tote:\ %m,
      \%-G%.%#

" hlrc counts COL in characters, Vim's quickfix in bytes: after a list is
" made with this errorformat, turn each column into the byte column of that
" character in the file, so that non-ASCII text before it does not shift it.
let s:efm = &l:errorformat !=# '' ? &l:errorformat : &g:errorformat

function! s:ByteColumns(loc) abort
  let efm = &l:errorformat !=# '' ? &l:errorformat : &g:errorformat
  if efm !=# s:efm
    return
  endif
  let list = a:loc ? getloclist(0) : getqflist()
  let changed = 0
  for e in list
    if !e.valid || e.lnum < 1 || e.col < 2 || e.vcol || e.bufnr < 1
      continue
    endif
    let text = getbufline(e.bufnr, e.lnum)
    if empty(text) && !bufloaded(e.bufnr) && filereadable(bufname(e.bufnr))
      let text = readfile(bufname(e.bufnr), '', e.lnum)[e.lnum - 1 :]
    endif
    if empty(text)
      continue
    endif
    let byte = byteidxcomp(text[0], e.col - 1)
    if byte >= 0 && byte + 1 != e.col
      let e.col = byte + 1
      let changed = 1
    endif
  endfor
  if changed
    if a:loc
      call setloclist(0, list, 'r')
    else
      call setqflist(list, 'r')
    endif
  endif
endfunction

augroup hlrc_compiler
  autocmd!
  autocmd QuickFixCmdPost make,cfile,cgetfile,cexpr,cgetexpr,cbuffer,cgetbuffer
        \ call s:ByteColumns(0)
  autocmd QuickFixCmdPost lmake,lfile,lgetfile,lexpr,lgetexpr,lbuffer,lgetbuffer
        \ call s:ByteColumns(1)
augroup END

let &cpo = s:cpo_save
unlet s:cpo_save
