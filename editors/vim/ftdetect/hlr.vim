" .hlr highlight reports (hlrc)
autocmd BufNewFile,BufRead *.hlr setfiletype hlr
