" Vim syntax file
" Language:    hlr (highlight reports, compiled by hlrc)
" Filenames:   *.hlr
" Reference:   docs/language.md
"
" Every construct is recognised from the start of its line, as the compiler
" does. The header is every line before the first part ('= ') or section
" ('==') line: there, 'NAME VALUE' lines are fields. After it, lines are
" parts, sections, items, tags, none/unchanged lines and text. Tested by
" editors/test.sh.

if exists('b:current_syntax')
  finish
endif

let s:cpo_save = &cpo
set cpo&vim

syn case match
" The header region can only be found from the top of the file.
syn sync fromstart

" ---------------------------------------------------------- header fields
" Contained in hlrHeader, defined below.

" Anything else in the header is the error outside-section. Defined first:
" of several items that match at one place, the last defined wins.
syn match hlrHeaderStray /^.*\S.*$/ contained

" Any other name at column 1 is the error unknown-field ('title:' too): a
" declared field's key is lowercase (below).
syn match hlrFieldUnknown /^\a[A-Za-z0-9_-]*:\=\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrFieldValue skipwhite

" A lowercase key: a field a series declares (perhaps in another file).
syn match hlrFieldName /^\l[a-z0-9-]*\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrFieldValue skipwhite
syn match hlrFieldName /^\%(title\|service\|author\|number\|reference\|meeting\|published\|marking\|field\|statuses\|dimensions\|metric\|status\|log\|entry-state\|owner\|attachment\)\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrFieldValue skipwhite
syn match hlrFieldName /^period\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrPeriod skipwhite
syn match hlrFieldName /^authority\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrAuthorityTag skipwhite
syn match hlrFieldName /^section\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrDeclKeyword skipwhite
syn match hlrFieldName /^cadence\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrCadence skipwhite
syn match hlrFieldName /^previous\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrFileName skipwhite
syn match hlrFieldName /^require\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrRequire skipwhite
syn match hlrFieldName /^standing\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrRequire skipwhite
syn match hlrFieldName /^stale-after\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrNumber skipwhite
syn match hlrFieldName /^profile\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrProfile skipwhite
syn match hlrFieldName /^fiscal-year-start\ze\%([ \t]\|$\)/ contained
      \ nextgroup=hlrBadValue,hlrMonth skipwhite

syn match hlrFieldValue /\S.*/ contained
syn match hlrFileName   /\S.*/ contained
" A value that does not have its field's form.
syn match hlrBadValue   /\S.*/ contained

" period: week ending YYYY-MM-DD, fortnight ending YYYY-MM-DD, month YYYY-MM,
" quarter YYYY-Qn, day YYYY-MM-DD, as at YYYY-MM-DD, YYYY-MM-DD to
" YYYY-MM-DD, Pn FYyyyy-yy, FYyyyy-yy.
syn match hlrPeriod /\%(week\|fortnight\) ending \+\d\{4}-\d\d-\d\d\s*$/ contained
      \ contains=hlrPeriodWord,hlrDate
syn match hlrPeriod /month \+\d\{4}-\d\d\s*$/ contained contains=hlrPeriodWord,hlrDate
syn match hlrPeriod /quarter \+\d\{4}-Q\d\s*$/ contained contains=hlrPeriodWord,hlrDate
syn match hlrPeriod /\%(day\|as at\) \+\d\{4}-\d\d-\d\d\s*$/ contained
      \ contains=hlrPeriodWord,hlrDate
syn match hlrPeriod /\d\{4}-\d\d-\d\d \+to \+\d\{4}-\d\d-\d\d\s*$/ contained
      \ contains=hlrPeriodWord,hlrDate
syn match hlrPeriod /\%(P\d\{1,2} \+\)\=FY\d\{4}\%(-\d\d\)\=\s*$/ contained
      \ contains=hlrPeriodWord,hlrDate
syn match hlrPeriodWord /\<\%(week\|fortnight\|ending\|month\|quarter\|day\|as\|at\|to\|P\d\{1,2}\)\>/ contained
syn match hlrPeriodWord /FY\ze\d/ contained
syn match hlrDate /\d\{4}-\%(Q\d\|\d\d\%(-\d\d\)\=\)/ contained

" authority TAG Full name (Short name)
syn match hlrAuthorityTag /\a\w*\ze[ \t]\+\S/ contained
      \ nextgroup=hlrAuthorityName skipwhite
syn match hlrAuthorityName /\S.\{-}\ze\s*\%(([^(]*)\)\=\s*$/ contained
      \ nextgroup=hlrShortName skipwhite
syn match hlrShortName /([^(]*)\ze\s*$/ contained

" section KEYWORD HEADING
syn match hlrDeclKeyword /\l[a-z0-9-]*\ze[ \t]\+\S/ contained
      \ nextgroup=hlrDeclHeading skipwhite
syn match hlrDeclHeading /\S.*/ contained

" cadence
syn match hlrCadence /\%(daily\|weekly\|fortnightly\|4-weekly\|monthly\|quarterly\)\s*$/ contained
syn match hlrProfile /\%(council\|prince2\|project-status\|own\)\s*$/ contained
syn match hlrMonth /\%(january\|february\|march\|april\|may\|june\|july\|august\|september\|october\|november\|december\)\s*$/ contained

" require KEYWORD... and standing KEYWORD... (spaces or commas between);
" stale-after N
syn match hlrRequire /\S.*/ contained contains=hlrRequireKeyword
syn match hlrRequireKeyword /[^ \t,]\+/ contained
syn match hlrNumber /\d\+\s*$/ contained

" --------------------------------------------------------------- comments
" '#' then a space, a tab or the line end, at any indentation, anywhere.
syn match hlrComment /^\s*#\%([ \t].*\)\=$/ contains=hlrTodo,@Spell
syn keyword hlrTodo TODO FIXME XXX contained
" '# hlrc-ignore: CODE, ...' silences those warnings on the next line.
syn match hlrDirective /^\s*\zs# hlrc-ignore:.*/ contained containedin=hlrComment
      \ contains=hlrDirectiveKeyword
syn match hlrDirectiveKeyword /hlrc-ignore:/ contained

" ------------------------------------------------------------------ items
" '-', '*' or '+' then a space, a tab or the line end, at any indentation;
" @TAG words may follow it.
syn match hlrBullet /^\s*\zs[-*+]\ze\%([ \t]\|$\)/ nextgroup=hlrTag skipwhite
" An ordered item: '1.' or '1)' (up to 9 digits), 'a)', 'A)', 'ii)', 'II)'.
syn match hlrBullet /^\s*\zs\%(\d\{1,9}[.)]\|\a)\|[ivxlc]\{2,8})\|[IVXLC]\{2,8})\)\ze\%([ \t]\|$\)/
      \ nextgroup=hlrTag skipwhite
" As Word authors write them (read with the warning word-marker): a dash
" or a Word bullet as the marker, a Unicode space after it, no space before
" a letter, and Unicode spaces in the indentation.
syn match hlrBullet /^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*\zs\%([-*+\u2010-\u2015\u2212\u2022\u2023\u2043\u25cf\u25e6\u25aa]\)\ze\%([ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]\|$\)/ nextgroup=hlrTag skipwhite
syn match hlrBullet /^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*\zs\%([-\u2010-\u2015\u2212\u2022\u2023\u2043\u25cf\u25e6\u25aa]\)\ze[A-Za-z]/ nextgroup=hlrTag

" ----------------------------------------------------------------- tables
" '|' at column 1: a table row. Its bars (not '\|', a '|' in a cell's words),
" @TAG words first in its first cell, inline markup in its cells; the
" alignment row's dashes and colons.
syn match hlrTableRow /^|.*$/ contains=hlrTableBar,hlrTableStart,hlrEscape,hlrCode,
      \hlrStrong,hlrEmphasis,hlrLinkText,hlrReference,hlrAutolink,@Spell
syn match hlrTableBar /\\\@1<!|/ contained
syn match hlrTableStart /^|/ contained nextgroup=hlrTag skipwhite
syn match hlrTableAlign /^|\%(\s*:\=-\+:\=\s*|\)*\s*:\=-\+:\=\s*|\=\s*$/

" ------------------------------------------------------------------- tags
" @TAG words at the start of an item's text or of a line's text.
syn match hlrTag /^\s*\zs@\a\w*\ze\%([ \t]\|$\)/ nextgroup=hlrTag skipwhite
syn match hlrTag /@\a\w*\ze\%([ \t]\|$\)/ contained nextgroup=hlrTag skipwhite
" '@CCC:', '@CCC,' and a Unicode space after a tag (tag-punctuation)
syn match hlrTag /^\s*\zs@\a\w*[:;,.]\=\ze\%([ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]\|$\)/ nextgroup=hlrTag skipwhite
syn match hlrTag /@\a\w*[:;,.]\=\ze\%([ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]\|$\)/ contained nextgroup=hlrTag skipwhite

" ------------------------------------------------------------ status lines
" 'status VALUE[: reason]': a section's first line, an item's field line.
syn match hlrStatusWord /^\s*\zsstatus\ze[ \t]\+\S/

" ------------------------------------------------------------ log entries
" 'close #id[: reason]' at column 1; an entry's fields line, indented:
" 'owner NAME; due YYYY-MM-DD; state WORD' (docs/language.md, Logs).
syn match hlrClose /^close\ze[ \t]\+#\a/ nextgroup=hlrCloseId skipwhite
syn match hlrCloseId /#\a[A-Za-z0-9_-]*/ contained
syn match hlrEntryKey /^[ \t]\+\zs\%(owner\|due\|state\)\ze[ \t]\+\S/ nextgroup=hlrEntryFields
syn match hlrEntryFields /.*$/ contained contains=hlrEntryKeyNext
syn match hlrEntryKeyNext /;[ \t]*\zs\%(owner\|due\|state\)\ze[ \t]\+\S/ contained

" -------------------------------------------------------- none, unchanged
syn match hlrNone /^none\ze\%([ \t]\|$\)/ nextgroup=hlrNoneText skipwhite
" 'None', 'NONE.', 'None:' alone on a line; 'None specific' (none-as-text)
syn match hlrNone /^\c\%(none\)[.:]\=\ze[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*$/
syn match hlrNone /^None\ze[ \t]\+\%(of\>\)\@!\S/ nextgroup=hlrNoneText skipwhite
syn match hlrNoneText /\S.*/ contained contains=hlrIdMisplaced,@Spell
syn match hlrIdMisplaced /\\\@1<!{#[^}]*}\ze\s*$/ contained

syn match hlrUnchanged /^unchanged\ze\%([ \t]\|$\)/
      \ nextgroup=hlrUnchangedError,hlrUnchangedId skipwhite
" 'Unchanged:', 'UNCHANGED', an indented 'unchanged', alone or before #id
syn match hlrUnchanged /^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*\zs\c\%(unchanged\)[.:]\=\ze[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*$/
syn match hlrUnchanged /^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*\zs\c\%(unchanged\)[.:]\=\ze[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]\+#/
      \ nextgroup=hlrUnchangedId skipwhite
syn match hlrUnchangedError /\S.*/ contained
syn match hlrUnchangedId /#\a[A-Za-z0-9_-]*\ze\s*$/ contained

" -------------------------------------------------------------------- ids
" {#id} at the very end of an item or text line; '\{#' escapes it.
syn match hlrId /\\\@1<!{#[^}]*}\ze\s*$/ contains=hlrIdDelimiter
syn match hlrIdDelimiter /{#\|}/ contained

" -------------------------------------------------------- inline markdown
" One line at a time: markup that spans continuation lines is not shown.
syn match hlrEscape "\\[!-/:-@[-`{-~]"
syn region hlrCode matchgroup=hlrCodeDelimiter start=/\z(`\+\)/ end=/\z1/ oneline keepend
syn region hlrStrong matchgroup=hlrStrongDelimiter start=/\*\*\ze[^ \t*]/ end=/[^ \t\\]\zs\*\*/
      \ oneline keepend contains=hlrEscape,hlrCode,hlrEmphasis,hlrLinkText,hlrAutolink,@Spell
syn region hlrStrong matchgroup=hlrStrongDelimiter start=/\%(\w\|\\\)\@1<!__\ze[^ \t_]/ end=/[^ \t\\]\zs__\w\@!/
      \ oneline keepend contains=hlrEscape,hlrCode,hlrEmphasis,hlrLinkText,hlrAutolink,@Spell
syn region hlrEmphasis matchgroup=hlrEmphasisDelimiter start=/\%(\*\|\\\)\@1<!\*\ze[^ \t*]/ end=/[^ \t*\\]\zs\*\*\@!/
      \ oneline keepend contains=hlrEscape,hlrCode,hlrStrong,hlrLinkText,hlrAutolink,@Spell
syn region hlrEmphasis matchgroup=hlrEmphasisDelimiter start=/\%(\w\|\\\)\@1<!_\ze[^ \t_]/ end=/[^ \t\\_]\zs_\w\@!/
      \ oneline keepend contains=hlrEscape,hlrCode,hlrStrong,hlrLinkText,hlrAutolink,@Spell

" [text](address) and ![alt](address); [text](^...) is a reference.
syn region hlrLinkText matchgroup=hlrLinkDelimiter start=/!\=\[\ze\%([^\]\\]\|\\.\|\[[^\]]*\]\)*](/ end=/]\ze(/
      \ oneline keepend contains=hlrEscape,hlrCode,hlrStrong,hlrEmphasis,@Spell
      \ nextgroup=hlrReference,hlrLinkAddress
syn region hlrLinkAddress matchgroup=hlrLinkDelimiter start=/(/ end=/)/ oneline contained
      \ contains=hlrUrl,hlrLinkTitle,hlrLinkParens
syn region hlrLinkParens start=/(/ end=/)/ oneline contained transparent
syn match hlrUrl /\%((\s*\)\@<=[^ \t()]\+/ contained
syn region hlrLinkTitle start=/"/ skip=/\\./ end=/"/ oneline contained

" The address of a reference: ^previous, ^YYYY-MM-DD, ^YYYY-MM, ^YYYY-Qn or
" ^NAME.hlr, then #id. The second form finds it when [text began on an
" earlier line.
syn match hlrReference /(\^[^) \t"]*\%(\s\+"[^"]*"\)\=)/ contained
      \ contains=hlrReferenceAddress,hlrLinkTitle
syn match hlrReference /\%(]\)\@1<=(\^[^) \t"]*\%(\s\+"[^"]*"\)\=)/
      \ contains=hlrReferenceAddress,hlrLinkTitle
syn match hlrReferenceAddress /\^[^) \t"#]*/ contained nextgroup=hlrReferenceId
syn match hlrReferenceId /#[^) \t"]*/ contained

syn match hlrAutolink /<\a[A-Za-z0-9+.-]\{1,31}:[^ \t<>]*>/
syn match hlrAutolink "<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]\+@[A-Za-z0-9][A-Za-z0-9.-]*>"

" ----------------------------------------------------------- header region
" From the first line up to (not including) the first part or section line.
" Of several items that start at one place the last defined wins, so this
" comes after every body item that could start line 1 (a comment, say) and
" before the part and section lines, which end the header where they start.
syn region hlrHeader start=/\%1l^/ end=/^\ze\%(==\|=\%([ \t]\|$\)\)/
      \ contains=hlrHeaderStray,hlrComment,hlrFieldUnknown,hlrFieldName

" ------------------------------------------------------------------ parts
" = HEADING [{#id}]: the id names the part (its anchor, and part/keyword
" for its sections).
syn match hlrPartMarker /^=\ze\%([ \t]\|$\)/ nextgroup=hlrPartHeading,hlrSectionId skipwhite
syn match hlrPartHeading /\S.\{-}\ze\s*\%(\%(\\\)\@1<!{#[^}]*}\s*\)\=$/ contained
      \ nextgroup=hlrSectionId skipwhite contains=@Spell

" --------------------------------------------------------------- sections
" == KEYWORD[: HEADING] [{#id}]; anything else after the keyword is an error.
syn match hlrSectionMarker /^==/
      \ nextgroup=hlrSectionKeyword,hlrSectionColon,hlrSectionId skipwhite
syn match hlrSectionKeyword /[^ \t:{]\+/ contained
      \ nextgroup=hlrSectionError,hlrSectionColon,hlrSectionId skipwhite
syn match hlrSectionError /\S.\{-}\ze\s*\%(\%(\\\)\@1<!{#[^}]*}\s*\)\=$/ contained
      \ nextgroup=hlrSectionId skipwhite
syn match hlrSectionColon /:/ contained nextgroup=hlrSectionHeading,hlrSectionId skipwhite
syn match hlrSectionHeading /\S.\{-}\ze\s*\%(\%(\\\)\@1<!{#[^}]*}\s*\)\=$/ contained
      \ nextgroup=hlrSectionId skipwhite contains=@Spell
syn match hlrSectionId /\\\@1<!{#[^}]*}\ze\s*$/ contained contains=hlrIdDelimiter

" ----------------------------------------------------------- sub-headings
" === HEADING [{#id}] inside a section; defined after '==', which it starts
" like (of several items that match at one place, the last defined wins).
syn match hlrSubheadMarker /^===\ze\%([ \t]\|$\)/ nextgroup=hlrSubheadHeading,hlrSectionId skipwhite
syn match hlrSubheadHeading /\S.\{-}\ze\s*\%(\%(\\\)\@1<!{#[^}]*}\s*\)\=$/ contained
      \ nextgroup=hlrSectionId skipwhite contains=@Spell

" ----------------------------------------------------------------- colors
hi def link hlrComment            Comment
hi def link hlrTodo               Todo
hi def link hlrHeaderStray        Error
hi def link hlrFieldUnknown       Error
hi def link hlrFieldName          Keyword
hi def link hlrFieldValue         String
hi def link hlrFileName           String
hi def link hlrBadValue           Error
hi def link hlrPeriod             Normal
hi def link hlrPeriodWord         Type
hi def link hlrDate               Number
hi def link hlrAuthorityTag       Identifier
hi def link hlrAuthorityName      String
hi def link hlrShortName          Special
hi def link hlrDeclKeyword        Statement
hi def link hlrDeclHeading        Title
hi def link hlrCadence            Constant
hi def link hlrProfile            Constant
hi def link hlrMonth              Constant
hi def link hlrRequire            Normal
hi def link hlrRequireKeyword     Statement
hi def link hlrNumber             Number
hi def link hlrDirective          SpecialComment
hi def link hlrDirectiveKeyword   PreProc
hi def link hlrPartMarker         Delimiter
hi def link hlrPartHeading        Title
hi def link hlrSectionMarker      Delimiter
hi def link hlrSectionKeyword     Statement
hi def link hlrSectionColon       Delimiter
hi def link hlrSectionHeading     Title
hi def link hlrSectionError       Error
hi def link hlrSectionId          hlrId
hi def link hlrBullet             Delimiter
hi def link hlrSubheadMarker      Delimiter
hi def link hlrSubheadHeading     Title
hi def link hlrTableStart         Delimiter
hi def link hlrTableBar           Delimiter
hi def link hlrTableAlign         Delimiter
hi def link hlrTag                Identifier
hi def link hlrNone               Constant
hi def link hlrStatusWord         Keyword
hi def link hlrClose              Keyword
hi def link hlrCloseId            Label
hi def link hlrEntryKey           Keyword
hi def link hlrEntryKeyNext       Keyword
hi def link hlrIdMisplaced        Error
hi def link hlrUnchanged          Keyword
hi def link hlrUnchangedError     Error
hi def link hlrUnchangedId        Label
hi def link hlrId                 Label
hi def link hlrIdDelimiter        Delimiter
hi def link hlrEscape             SpecialChar
hi def link hlrCode               String
hi def link hlrCodeDelimiter      Delimiter
hi def hlrStrong                  term=bold cterm=bold gui=bold
hi def hlrEmphasis                term=italic cterm=italic gui=italic
hi def link hlrStrongDelimiter    Delimiter
hi def link hlrEmphasisDelimiter  Delimiter
hi def link hlrLinkText           Underlined
hi def link hlrLinkDelimiter      Delimiter
hi def link hlrUrl                Underlined
hi def link hlrLinkTitle          String
hi def link hlrReference          Delimiter
hi def link hlrReferenceAddress   Special
hi def link hlrReferenceId        Label
hi def link hlrAutolink           Underlined

let b:current_syntax = 'hlr'

let &cpo = s:cpo_save
unlet s:cpo_save
