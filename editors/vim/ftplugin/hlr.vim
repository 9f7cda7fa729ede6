" Vim filetype plugin
" Language: hlr (highlight reports, compiled by hlrc)

if exists('b:did_ftplugin')
  finish
endif
let b:did_ftplugin = 1

let s:cpo_save = &cpo
set cpo&vim

" Comments are '# ' lines; items continue on lines indented under their text.
setlocal commentstring=#\ %s
setlocal comments=:#,fb:-,fb:*,fb:+
setlocal formatoptions-=t formatoptions+=croq
setlocal expandtab shiftwidth=2 softtabstop=2

" :make runs 'hlrc check' on this file (see compiler/hlrc.vim), unless
" g:hlr_no_compiler is set.
if !exists('g:hlr_no_compiler')
  compiler hlrc
endif

let b:undo_ftplugin = 'setlocal commentstring< comments< formatoptions< expandtab< shiftwidth< softtabstop<'
      \ . ' makeprg< errorformat<'

let &cpo = s:cpo_save
unlet s:cpo_save
