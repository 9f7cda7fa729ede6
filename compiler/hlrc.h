/* hlrc: the compiler as a library.
 *
 * A workspace (hlrc_workspace) holds the .hlr files a program works on:
 * their text, read from disk once per path and cached, or set from memory
 * (an editor's unsaved buffer), which overrides the disk until it is
 * dropped; and what was made of them, one generation per folder (a series
 * with its series.hlr, or a folder of reports that stand alone) or lone
 * file, each owned by one arena. A call that names a file of a series, or
 * a folder, loads the folder once, whatever else it names; a change of text
 * marks the folder's generation stale, and the next call that needs it
 * builds it again from the cached texts (no file is read again) and frees
 * the old one, so memory stays flat over any number of edits. Other
 * folders are untouched.
 *
 * Every call that compiles returns an hlrc_result: the diagnostics as data
 * (hlrc_result_diagnostics) and the outputs as bytes in memory
 * (hlrc_result_outputs), never written to a file or stream; the caller
 * writes them where it wants. A result owns everything it points to and
 * depends on nothing else: it stays valid, whatever happens to the
 * workspace, until hlrc_result_free.
 *
 * The diagnostics of a named file are those about the file itself or a
 * file its output depends on (series.hlr, its previous report, the reports
 * its carried content and references come from), and those about another
 * file with a note pointing into it (another report for the same period).
 * Naming every file of a folder gives every diagnostic of the folder, as
 * naming the folder does.
 *
 * Out of memory: every call returns HLRC_NOMEM instead of ending the
 * program, and the workspace stays usable: every generation, and every
 * text read from disk, is dropped, to be read and built again when next
 * needed (texts set from memory are kept). To return control, each call
 * sets a per-thread recovery point for its duration (see runtime/arena.h);
 * memory outside the workspace's arenas that was in use at that moment
 * (libcmark's nodes, an emitter's growing buffer) is not freed.
 *
 * A workspace is used by one thread at a time; different workspaces may be
 * used by different threads. */
#ifndef HLRC_H
#define HLRC_H

#include <stddef.h>

typedef struct hlrc_workspace hlrc_workspace;
typedef struct hlrc_result hlrc_result;
typedef struct hlrc_printer hlrc_printer;

/* What a call returns. */
enum hlrc_status {
	HLRC_OK = 0,       /* done (the result may hold warnings) */
	HLRC_FAILED = 1,   /* an input has errors, or cannot be read: see the
	                      diagnostics; no outputs */
	HLRC_NOMEM = 2,    /* out of memory (or over the memory limit); no
	                      result; the workspace is still usable */
	HLRC_INTERNAL = 3, /* a check of hlrc's own work failed (fmt, new): a
	                      bug; the diagnostics say which */
	HLRC_BADARG = 4,   /* an argument is not valid (e.g. a --period that
	                      does not parse): the diagnostics say why */
};

/* --- the workspace ------------------------------------------------------ */

/* A new, empty workspace; NULL when out of memory. */
hlrc_workspace *hlrc_workspace_new(void);
/* Frees the workspace and everything it holds (not the results). */
void hlrc_workspace_free(hlrc_workspace *ws);
/* The most bytes one folder's generation may take (0, the default: no
 * limit); past it a call returns HLRC_NOMEM. */
void hlrc_workspace_set_memory_limit(hlrc_workspace *ws, size_t bytes);
/* The most bytes one input may hold (0, the default, and anything above
 * it: 1 GiB); a larger one is an error (too-large), found before reading a
 * regular file, and after at most bytes + 1 bytes of a pipe or a device. */
void hlrc_workspace_set_input_limit(hlrc_workspace *ws, size_t bytes);

/* Sets the text of the file at path (which need not exist on disk) to
 * text[0..len), in place of what is on disk; the bytes are copied. Paths
 * name one file however they are written ("./s/x.hlr" is "s/x.hlr").
 * Returns HLRC_OK or HLRC_NOMEM. */
int hlrc_set_text(hlrc_workspace *ws, const char *path, const char *text, size_t len);
/* The file at path (which need not exist on disk, such as "<stdin>") is
 * read from the open descriptor fd instead, once, when first needed, as a
 * file is read (the input limit too); fd stays the caller's. After
 * HLRC_NOMEM it is read from disk again. Returns HLRC_OK or HLRC_NOMEM. */
int hlrc_set_fd(hlrc_workspace *ws, const char *path, int fd);
/* Drops the text set for path: the file is read from disk again (once). */
int hlrc_drop_text(hlrc_workspace *ws, const char *path);
/* Forgets what was read from disk for path (a file, or a folder's list of
 * files), after it changed there; it is read again when next needed. */
int hlrc_forget(hlrc_workspace *ws, const char *path);

/* --- results ------------------------------------------------------------ */

enum hlrc_severity {
	HLRC_NOTE,
	HLRC_WARNING,
	HLRC_ERROR,
};

/* An edit that fixes a diagnostic: replace the bytes [start, end) of the
 * file's text by replacement (start == end: an insertion). Positions as in
 * the diagnostic. A diagnostic's fix-its are applied together. */
struct hlrc_fixit {
	unsigned line, column;         /* 1-based, columns in code points */
	unsigned end_line, end_column; /* where the replaced text ends */
	size_t start, end;             /* byte offsets in the file */
	const char *replacement;       /* NUL-terminated */
	size_t replacement_len;
};

struct hlrc_diagnostic {
	enum hlrc_severity severity;
	const char *code;        /* stable kebab-case code ("unknown-section"), or
	                            NULL (notes, a few messages about no file) */
	const char *message;     /* the text */
	const char *path;        /* the file, as named; NULL when about no file */
	unsigned line, column;   /* 1-based, columns in code points; 0 when the
	                            diagnostic is about the whole file */
	unsigned end_line, end_column; /* where the span ends */
	const char *source_line; /* the text of the line (no line end), or NULL
	                            when line is 0 */
	size_t source_line_len;  /* its bytes */
	size_t span_start;       /* the span's bytes in source_line: start, and */
	size_t span_end;         /* end, which may pass the line's end */
	const struct hlrc_diagnostic *notes; /* notes explaining it */
	size_t nnotes;
	const struct hlrc_fixit *fixits; /* machine-applicable edits, or none */
	size_t nfixits;
};

/* A named output: a rendered report, a page of a site, a formatted file,
 * a new report, a summary of changes. */
struct hlrc_output {
	const char *name;        /* "2020-07-03.html"; for fmt and new the
	                            path of the file; NULL for diff */
	const char *data;        /* the bytes (NUL-terminated too); NULL when they
	                            went to hlrc_render_opts.write */
	size_t len;              /* count of bytes */
	const char *const *deps; /* render: the files that can change the output
	                            (the report first, then series.hlr, the
	                            other reports of its series, and last the
	                            series folder, for its listing), as named */
	size_t ndeps;
	int changed;             /* fmt: the text differs from the input */
};

/* The diagnostics, sorted by file and position (a file named earlier
 * first), notes with what they explain. Sets *v (owned by r) and returns
 * the count. */
size_t hlrc_result_diagnostics(const hlrc_result *r, const struct hlrc_diagnostic **v);
/* Errors and warnings among them (notes not counted), and how many more
 * were not kept (over 10,000 in one folder). */
size_t hlrc_result_errors(const hlrc_result *r);
size_t hlrc_result_warnings(const hlrc_result *r);
size_t hlrc_result_dropped(const hlrc_result *r);
/* The outputs; sets *v (owned by r) and returns the count. */
size_t hlrc_result_outputs(const hlrc_result *r, const struct hlrc_output **v);
/* Adds an error about path (no position) after the others: a program's
 * own failure, such as an output it could not write, printed with the
 * rest. code is one of the diagnostic codes (docs/language.md), such as
 * "cannot-write". Returns HLRC_OK, HLRC_BADARG for a code that is not
 * one, or HLRC_NOMEM. */
int hlrc_result_add_error(hlrc_result *r, const char *code, const char *path,
                          const char *message);
void hlrc_result_free(hlrc_result *r);

/* --- compiling ---------------------------------------------------------- */

/* Checks the n files and folders at paths; the result has no outputs.
 * HLRC_FAILED when there are errors. */
int hlrc_check(hlrc_workspace *ws, const char *const *paths, size_t n, hlrc_result **out);

enum hlrc_format {
	HLRC_FORMAT_MD,
	HLRC_FORMAT_HTML,
	HLRC_FORMAT_JSON,
	HLRC_FORMAT_DOCX, /* a Word document (.docx): bytes, not text */
};

/* Takes the next piece of an output's bytes; returns 0, or nonzero to
 * stop (the render then fails with a cannot-write error). */
typedef int hlrc_write_fn(void *ctx, const char *data, size_t len);

struct hlrc_render_opts {
	enum hlrc_format format;
	int fragment;         /* HTML: the report's <article> alone */
	const char *for_tag;  /* the view for the authority with this tag, or NULL */
	int werror;           /* warnings stop the render as errors do (no output) */
	hlrc_write_fn *write; /* a file's one output: its bytes go here as they are
	                         made, so a big report is never held whole (the
	                         output's data is then NULL, its len the bytes
	                         written); NULL: kept in the result. Nothing is
	                         written unless every report renders without error */
	int (*begin)(void *ctx, const char *name); /* with write: called with each
	                         output's name before its bytes, so a folder's
	                         reports stream too, one after another; nonzero
	                         stops as write's does */
	void *write_ctx;      /* for write and begin */
};

/* Renders the report at path (a file; one output NAME.EXT), or every
 * report of a folder (an output per report, in period order). No outputs
 * when there is an error. */
int hlrc_render(hlrc_workspace *ws, const char *path, const struct hlrc_render_opts *o,
                hlrc_result **out);
/* The reports of a folder in period order: an output per report, named
 * by its path, its data its name (file name without ".hlr"). */
int hlrc_reports(hlrc_workspace *ws, const char *dir, hlrc_result **out);
/* The .hlr files of a folder (series.hlr too) in name order: an output
 * per file, named by its path, its data the file name. HLRC_FAILED when
 * the folder cannot be read. */
int hlrc_files(hlrc_workspace *ws, const char *dir, hlrc_result **out);
/* A folder as a static site: NAME.html for every report (with links to
 * the index and the reports before and after it) and index.html. No
 * outputs when any report has an error. */
int hlrc_site(hlrc_workspace *ws, const char *dir, hlrc_result **out);

/* --- authoring ------------------------------------------------------------ */

/* The canonical layout of the report at path (one output, named path).
 * HLRC_FAILED (and no output) when it has errors, HLRC_INTERNAL when the
 * layout would not read as the same report. */
int hlrc_fmt(hlrc_workspace *ws, const char *path, hlrc_result **out);
/* The same for text[0..len) from no file (standard input): only its syntax
 * is checked; name is the path diagnostics show. */
int hlrc_fmt_text(hlrc_workspace *ws, const char *name, const char *text, size_t len,
                  hlrc_result **out);
/* Applies the fix-its of the diagnostics of the n files and folders at
 * paths (those about a named file, or a report of a named folder; fix-its
 * change how a report is written, never its words), over several passes
 * (at most 8) until none applies: in a pass, a diagnostic's edits are
 * applied when they overlap no edit applied before them in the file.
 * Then checks again: the result holds what remains, and an output per
 * file that changed, named by its path as a diagnostic names it, its data
 * the fixed text, changed set. Nothing is written, and the workspace's
 * texts are as they were. HLRC_FAILED when errors remain. */
int hlrc_fix(hlrc_workspace *ws, const char *const *paths, size_t n, hlrc_result **out);
/* The next report of the series in dir: one output, named by the path it
 * should be written at, with every section 'unchanged'. period is its
 * period as a header writes it ("week ending 2020-07-10"), or NULL to
 * advance the latest report's by the cadence (HLRC_BADARG when it does not
 * parse). The text is checked with the series (HLRC_INTERNAL if it fails);
 * writing it, without replacing a file, is the caller's. */
int hlrc_new(hlrc_workspace *ws, const char *dir, const char *period, hlrc_result **out);
/* A new series in dir from a profile ("council", "prince2",
 * "project-status" or "own"): two outputs, named by the paths they should
 * be written at, dir/series.hlr (the profile, a cadence that suits it) and
 * a first report with every section of the profile, each 'none'. period is
 * the first report's period as a header writes it, or NULL for the period
 * of the profile's cadence ending on today ("YYYY-MM-DD"). HLRC_BADARG for
 * an unknown profile or a period that does not parse; HLRC_FAILED when
 * either file exists. Nothing is written: writing, without replacing a
 * file, is the caller's. */
int hlrc_init(hlrc_workspace *ws, const char *dir, const char *profile, const char *period,
              const char *today, hlrc_result **out);
/* What changed from the report at old_path to the one at new_path (or, with
 * old_path NULL, from new_path's previous report): one output, Markdown,
 * or plain text when text is set. */
int hlrc_diff(hlrc_workspace *ws, const char *old_path, const char *new_path, int text,
              hlrc_result **out);


/* --- queries: what an editor asks ----------------------------------------- */

/* A thing written in a report, found by a query. Positions are byte
 * offsets into its file's text as the workspace holds it (hlrc_text). */
enum hlrc_symbol_kind {
	HLRC_SYMBOL_REPORT,    /* a report: name its file name, detail its period */
	HLRC_SYMBOL_FIELD,     /* a header line: name the field, detail its value */
	HLRC_SYMBOL_PART,      /* "= Part 1": name its text */
	HLRC_SYMBOL_SECTION,   /* "== keyword": name the keyword, detail its heading */
	HLRC_SYMBOL_ITEM,      /* "- text": name its id (or ""), detail its text */
	HLRC_SYMBOL_PARAGRAPH, /* a paragraph: detail its text */
	HLRC_SYMBOL_NONE,      /* "none" */
	HLRC_SYMBOL_UNCHANGED, /* "unchanged [#id]": detail the text it carries */
	HLRC_SYMBOL_REFERENCE, /* "^previous#id": name the target as written */
	HLRC_SYMBOL_TAG,       /* "@CCC": name the tag, detail the authority's name */
	HLRC_SYMBOL_ID,        /* "{#id}": name the id */
	HLRC_SYMBOL_KEYWORD,   /* completion: a section keyword, detail its heading */
	HLRC_SYMBOL_PERIOD,    /* completion: a period, as a header writes it */
	HLRC_SYMBOL_COMMENT,   /* "# text" */
	HLRC_SYMBOL_SUBHEADING, /* "=== Heading": name its words */
	HLRC_SYMBOL_TABLE,     /* a table: name its caption (or "") */
	HLRC_SYMBOL_ROW,       /* a row of a table */
	HLRC_SYMBOL_STATUS,    /* completion: a word of the status scale, detail its label */
	HLRC_SYMBOL_DIMENSION, /* completion: a declared status dimension */
	HLRC_SYMBOL_METRIC,    /* completion: a declared metric key, detail its label */
	HLRC_SYMBOL_ATTACHMENT, /* completion: an attachment key, detail its title */
};

struct hlrc_symbol {
	enum hlrc_symbol_kind kind;
	const char *name;           /* NUL-terminated, never NULL */
	const char *detail;         /* or NULL */
	const char *path;           /* its file, as a diagnostic names it; NULL
	                               for a completion */
	size_t start, end;          /* the bytes of the whole construct */
	size_t name_start, name_end;/* the bytes of its name (an id, a keyword,
	                               a tag); both start when not written */
	const char *period;         /* the period of its report, as a header
	                               writes it ("week ending 2020-06-26"), or NULL */
	long parent;                /* hlrc_outline: the index of the enclosing
	                               symbol, or -1 */
};

typedef struct hlrc_symbols hlrc_symbols;

/* The symbols of a query: sets *v (owned by s) and returns the count. */
size_t hlrc_symbols_get(const hlrc_symbols *s, const struct hlrc_symbol **v);
void hlrc_symbols_free(hlrc_symbols *s);

/* Each query returns HLRC_OK and *out, or HLRC_NOMEM (*out NULL). A file
 * that does not parse has fewer symbols, never an error. */

/* The file's outline: header fields, parts, sections, items, paragraphs,
 * none, unchanged and comments, in text order, each with its parent. */
int hlrc_outline(hlrc_workspace *ws, const char *path, hlrc_symbols **out);
/* Every report of the series (or folder) of path, in period order, each
 * followed by the ids written in it (sections with ids, items). */
int hlrc_series_symbols(hlrc_workspace *ws, const char *path, hlrc_symbols **out);
/* The thing at byte offset of path's text first (a section keyword, a tag,
 * a reference, an 'unchanged' line, an id, a header field), then what it
 * points to: a reference's item or section (the report itself for a
 * reference without '#id'), the section or item an 'unchanged' carries,
 * the field that declares a tag. None when nothing is there. */
int hlrc_symbol_at(hlrc_workspace *ws, const char *path, size_t offset, hlrc_symbols **out);
/* Where the id at offset (its "{#id}", a reference to it, an "unchanged
 * #id") is defined, first, then every reference to it in the series;
 * name_start and name_end cover the id's bytes in each (what a rename
 * replaces). None when there is no id at offset. */
int hlrc_references(hlrc_workspace *ws, const char *path, size_t offset, hlrc_symbols **out);
/* What may be written at offset: section keywords after "== ", header
 * fields (built-in, then declared) at the start of a header line, the
 * words of the status scale after "status " (and the declared dimensions
 * first in a header), metric keys at the start of a line or of a table
 * row in the metrics section, authority tags after "@", the
 * ids of a report after "^previous#", "^NAME#" or "unchanged #", the names
 * of earlier reports after "^", periods after "period " (the next one of
 * the cadence first). start and end give the bytes the candidate
 * replaces. */
int hlrc_complete(hlrc_workspace *ws, const char *path, size_t offset, hlrc_symbols **out);
/* The words of path's text a highlighter colours, in text order, none
 * overlapping, none past its line: comments (COMMENT), header field names
 * (FIELD), part titles (PART), section keywords (KEYWORD) and written
 * headings (SECTION), "none" (NONE), "unchanged" (UNCHANGED), authority
 * tags with their '@' and where they are declared (TAG), ids (ID), and
 * references "^target" (REFERENCE). */
int hlrc_tokens(hlrc_workspace *ws, const char *path, hlrc_symbols **out);
/* The text the workspace holds for path (set from memory, or read from
 * disk), the one a query's offsets are in; *len its bytes. NULL when it
 * cannot be read. Valid until the next call on ws. */
const char *hlrc_text(hlrc_workspace *ws, const char *path, size_t *len);

/* --- importing -------------------------------------------------------------- */

/* Reads the n reports at paths, written in the layout of the Word reports
 * (a title, header label lines, headings in capitals, "- " bullets), as
 * plain text (UTF-8, UTF-16 with a byte order mark, or Windows-1252) or as
 * .docx, and makes them the .hlr files of the folder dir: a report per
 * input, named by its period ("2020-07-03.hlr"), and, for two inputs or
 * more, series.hlr with the header fields they share, where a section
 * whose text equals the previous report's is `unchanged`. An output per
 * file, named by its path in dir, in the layout hlrc fmt writes, checked
 * as hlrc check would (its warnings are in the result). What cannot be
 * mapped is kept as text, with a warning (import-unmapped) at its line in
 * the input. The inputs are read as files are (a text set from memory is
 * used instead). HLRC_FAILED, and no outputs, when an input cannot be
 * read, has no period, or dir holds .hlr files already; HLRC_INTERNAL when
 * the text made does not check (a bug). Nothing is written. */
int hlrc_import(hlrc_workspace *ws, const char *const *paths, size_t n, const char *dir,
                hlrc_result **out);

/* --- printing diagnostics ------------------------------------------------- */

enum hlrc_diag_format {
	HLRC_DIAG_GCC,    /* FILE:LINE:COL: error: MESSAGE [code], line, caret */
	HLRC_DIAG_JSON,   /* one JSON object per line */
	HLRC_DIAG_SARIF,  /* one SARIF 2.1.0 document for the whole run */
	HLRC_DIAG_GITHUB, /* workflow commands that annotate lines in CI */
	HLRC_DIAG_GITLAB, /* a GitLab code quality report (JSON) */
};

/* "gcc", "json", "sarif", "github" or "gitlab": 1 and *f set, else 0. */
int hlrc_diag_format_from_name(const char *name, enum hlrc_diag_format *f);
/* A printer of a run's diagnostics into text; NULL when out of memory. */
hlrc_printer *hlrc_printer_new(enum hlrc_diag_format f);
/* The folder SARIF's %SRCROOT% and GitLab's paths are relative to, before
 * the first hlrc_printer_add; dir NULL (the default when not called): the
 * nearest folder at or above the current one that holds .git, else the
 * current one. Returns HLRC_OK, HLRC_BADARG when dir is no folder, or
 * HLRC_NOMEM. */
int hlrc_printer_source_root(hlrc_printer *p, const char *dir);
/* Adds the diagnostics of r. */
int hlrc_printer_add(hlrc_printer *p, const hlrc_result *r);
/* Ends the run (SARIF closes its document; GitHub notes what it left out). */
int hlrc_printer_end(hlrc_printer *p);
/* The text printed since the last call, owned by p until the next call;
 * sets *len. */
const char *hlrc_printer_take(hlrc_printer *p, size_t *len);
void hlrc_printer_free(hlrc_printer *p);

/* 1 when a file name or path holds a control character (a line end, a
 * tab, DEL): it cannot be written safely into a depfile or a diagnostic
 * line. hlrc check reports such a report name in a folder as
 * unsafe-file-name; hlrc build --depfile refuses it. */
int hlrc_unsafe_name(const char *path);

/* The library's version ("0.1.0"), and libcmark's. */
const char *hlrc_version(void);
const char *hlrc_cmark_version(void);

#endif
