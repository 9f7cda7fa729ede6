# hlrc: GNU make. `make` builds build/hlrc; `make check` runs the test suite.
# The user's CFLAGS/LDFLAGS are kept; the project's own flags are separate.

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DESTDIR    ?=
CC         ?= cc
BISON      ?= bison
FLEX       ?= flex
PKG_CONFIG ?= pkg-config
CFLAGS     ?= -O2 -g
B          ?= build

# expanded when used, after tools/deps.sh has had a chance to install libcmark
CMARK_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcmark 2>/dev/null)
CMARK_LIBS   = $(shell $(PKG_CONFIG) --libs libcmark 2>/dev/null || echo -lcmark)
# the language server's JSON (compiler/cli/lsp.c)
JANSSON_CFLAGS = $(shell $(PKG_CONFIG) --cflags jansson 2>/dev/null)
JANSSON_LIBS   = $(shell $(PKG_CONFIG) --libs jansson 2>/dev/null || echo -ljansson)
# The Word writer (compiler/emit_docx.c): libzip for the package, libxml2's
# xmlwriter for its XML. Every link line links the library's libraries
# through CMARK_LIBS, so they are added there.
DOCX_CFLAGS  = $(shell $(PKG_CONFIG) --cflags libzip libxml-2.0 2>/dev/null)
DOCX_LIBS    = $(shell $(PKG_CONFIG) --libs libzip libxml-2.0 2>/dev/null || echo -lzip -lxml2)
CMARK_LIBS  += $(DOCX_LIBS)

# Addresses in SARIF output (compiler/diagprint.c): hlrc's home page
# (informationUri) and docs/language.md as published (each rule's helpUri).
HLRC_URL      ?=
HLRC_DOCS_URL ?=
HLR_URLS    = $(if $(HLRC_URL),-DHLRC_URL='"$(HLRC_URL)"') \
              $(if $(HLRC_DOCS_URL),-DHLRC_DOCS_URL='"$(HLRC_DOCS_URL)"')
HLR_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
              -I. -I$(B) $(CMARK_CFLAGS) $(JANSSON_CFLAGS) $(DOCX_CFLAGS) $(WERROR) $(HLR_URLS)
# flex and bison output is not ours to keep pedantic-clean in every detail
GEN_CFLAGS  = -Wno-unused-function -Wno-sign-compare

RUNTIME  = arena buf utf8 calendar outfile strmap
COMPILER = source diag diagcodes ast parse resolve series catalog period lower emit emit_md \
           emit_html emit_json inline site fmt new diff hlrc diagprint \
           govern query field profile init status metric emit_track track_diff site_metrics emit_docx import import_read import_docx
COMPILER += table log attach
# the command line: a client of compiler/hlrc.h alone
CLI      = main opts build check site fmt new diff fix lsp init import
LIB_OBJS = $(RUNTIME:%=$(B)/runtime/%.o) $(COMPILER:%=$(B)/compiler/%.o) \
           $(B)/style.o $(B)/parse.tab.o $(B)/scan.o
CLI_OBJS = $(CLI:%=$(B)/compiler/cli/%.o)
HEADERS  = $(wildcard compiler/*.h compiler/*.def compiler/cli/*.h runtime/*.h)

SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=all

EXAMPLES = $(wildcard examples/*/)

# check-and-render passes of the API test (tests/api/api.c)
API_PASSES ?= 10000

all: $(B)/hlrc

# Build dependencies: installed when run as root, else the command is shown.
$(B)/.deps: tools/deps.sh
	@mkdir -p $(B)
	@sh tools/deps.sh build
	@touch $@

$(B)/.deps-check: tools/deps.sh
	@mkdir -p $(B)
	@sh tools/deps.sh check
	@touch $@

$(B)/hlrc: $(CLI_OBJS) $(B)/libhlrc.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libhlrc.a $(CMARK_LIBS) $(JANSSON_LIBS)

$(B)/libhlrc.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(B)/parse.tab.c $(B)/parse.tab.h: grammar/parse.y | $(B)/.deps
	$(BISON) -Wall -Werror --defines=$(B)/parse.tab.h -o $(B)/parse.tab.c grammar/parse.y

$(B)/scan.c: grammar/scan.l | $(B)/.deps
	$(FLEX) -o $@ grammar/scan.l

$(B)/style.c: runtime/style.css tools/embed.sh
	@mkdir -p $(B)
	sh tools/embed.sh hlr_style_css runtime/style.css > $@.tmp && mv $@.tmp $@

$(B)/%.o: %.c $(HEADERS) $(B)/parse.tab.h | $(B)/.deps
	@mkdir -p $(@D)
	$(CC) $(HLR_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/compiler/emit_docx.o: HLR_CFLAGS += $(DOCX_CFLAGS)

$(B)/parse.tab.o: $(B)/parse.tab.c $(HEADERS)
	$(CC) $(HLR_CFLAGS) $(GEN_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/scan.o: $(B)/scan.c $(B)/parse.tab.h $(HEADERS)
	$(CC) $(HLR_CFLAGS) $(GEN_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/style.o: $(B)/style.c
	$(CC) $(HLR_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/unit: tests/unit/unit.c $(B)/libhlrc.a $(HEADERS)
	$(CC) $(HLR_CFLAGS) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ tests/unit/unit.c \
		$(B)/libhlrc.a $(CMARK_LIBS) $(DOCX_LIBS)

# the library driven in memory (compiler/hlrc.h alone)
$(B)/api: tests/api/api.c $(B)/libhlrc.a compiler/hlrc.h
	$(CC) $(HLR_CFLAGS) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) -o $@ tests/api/api.c \
		$(B)/libhlrc.a $(CMARK_LIBS) $(DOCX_LIBS)

check: $(B)/hlrc $(B)/unit $(B)/api $(B)/.deps-check
	sh tests/run.sh $(B)/hlrc $(B)/unit
	sh tests/tools/run.sh $(B)/hlrc
	python3 tests/lsp/run.py $(B)/hlrc
	$(B)/api $(API_PASSES)

# Renders every bundled example folder to Markdown and HTML under
# build/examples/ (a folder with series.hlr is built as one series).
examples: $(B)/hlrc
	@for d in $(EXAMPLES); do \
		out=$(B)/$${d%/}; mkdir -p $$out; \
		$(B)/hlrc build --to md -o $$out $$d && \
		$(B)/hlrc build --to html -o $$out $$d || exit 1; \
		for f in $$out/*.html; do echo "$$f"; done; \
	done

# The test suite again with AddressSanitizer and UndefinedBehaviorSanitizer.
# The pages in a real browser: headless Chromium with axe-core (installs
# chromium and the npm packages when run as root).
check-browser: $(B)/hlrc
	sh tests/browser/run.sh $(B)/hlrc

# hlrc's SARIF validated by Microsoft's SARIF SDK (the GitHub and Azure
# DevOps rules too), from a build with the addresses SARIF wants (installs
# nodejs, npm and the SDK's npm package when run as root).
SARIF_B = $(B)/sarif-build
check-sarif:
	$(MAKE) B=$(SARIF_B) HLRC_URL=https://git.example.org/hlrc \
		HLRC_DOCS_URL=https://git.example.org/hlrc/blob/main/docs/language.md \
		$(SARIF_B)/hlrc $(SARIF_B)/unit
	sh tests/sarif/run.sh $(SARIF_B)/hlrc $(SARIF_B)/unit

# The Word writer: each example's .docx read back by python-docx (every
# sentence, Heading styles, real lists, views), converted to PDF by
# LibreOffice headless, built twice to the same bytes (tests/docx/run.sh).
check-docx: $(B)/hlrc $(B)/.deps-check
	sh tests/docx/run.sh $(B)/hlrc

# Editor support: the TextMate and Vim grammars tokenize every example and
# test input without gaps, and Vim's errorformat reads hlrc's diagnostics.
check-editors: $(B)/hlrc
	sh editors/test.sh

# A real client: Neovim's built-in LSP client, headless, with hlrc lsp
# (tests/lsp/nvim.sh; needs Debian's neovim). The scripted sessions
# (tests/lsp/run.py) are part of make check.
check-lsp: $(B)/hlrc
	sh tests/lsp/nvim.sh $(B)/hlrc

# (valgrind cannot run sanitized binaries: the growth checks are skipped)
asan:
	HLRC_PATHO=native $(MAKE) B=build-asan CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" check

# libFuzzer targets (clang): the pipeline on one file and on a small series,
# fmt (the builds of a report and of its formatted text agree), diff, site,
# new, import (text and .docx, whose output must check clean), and a series
# folder on disk with links (inside and outside it), FIFOs, devices, sockets
# and folders named like reports (fuzz_folder.c).
# FUZZ_SECONDS per target; crashes are saved in build-fuzz/artifacts/.
# Undefined behaviour stops the run like a crash (-fno-sanitize-recover).
FUZZ_SECONDS ?= 60
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
FUZZ_LINK  = -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all

# The targets: fuzz/fuzz_NAME.c each, and the seeds each one starts from.
FUZZ_TARGETS = report series fmt diff site fix import folder
FUZZ_SEEDS_report = report
FUZZ_SEEDS_series = series
FUZZ_SEEDS_fmt = report
FUZZ_SEEDS_diff = series
FUZZ_SEEDS_site = series
FUZZ_SEEDS_fix = report
FUZZ_SEEDS_import = import
FUZZ_SEEDS_folder = folder

fuzz-build:
	$(MAKE) B=build-fuzz CC=clang CFLAGS="$(FUZZ_FLAGS)" build-fuzz/libhlrc.a
	for t in $(FUZZ_TARGETS); do \
		clang $(HLR_CFLAGS) -Ibuild-fuzz $(FUZZ_FLAGS) $(FUZZ_LINK) -o build-fuzz/fuzz_$$t \
			fuzz/fuzz_$$t.c build-fuzz/libhlrc.a $(CMARK_LIBS) $(DOCX_LIBS) || exit 1; \
	done

fuzz: fuzz-build
	sh fuzz/corpus.sh build-fuzz/seeds
	mkdir -p build-fuzz/artifacts
	$(foreach t,$(FUZZ_TARGETS),mkdir -p build-fuzz/corpus/$(t) && \
	build-fuzz/fuzz_$(t) -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/hlr.dict \
		-artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
		build-fuzz/corpus/$(t) build-fuzz/seeds/$(or $(FUZZ_SEEDS_$(t)),report) &&) true

# The suite again with every hlrc run under valgrind's memcheck (errors and
# leaks fail; the slow pathological sizes are skipped).
valgrind: $(B)/hlrc $(B)/unit $(B)/api
	HLRC_PATHO=skip sh tests/run.sh tools/valgrind-hlrc.sh
	valgrind -q --error-exitcode=99 --leak-check=full $(B)/unit > /dev/null
	valgrind -q --error-exitcode=99 --leak-check=full $(B)/api 1000
	HLRC_BIN=$(B)/hlrc LSP_TIMEOUT=120 python3 tests/lsp/run.py tools/valgrind-hlrc.sh

# Every output format beside cmark (and pandoc, cat) at sizes from 5 kB to
# 100 MB, whole-series builds, then `check DIR` against `check DIR/*.hlr`;
# see bench/README.md. BENCH_MAX_MB and BENCH_MAX_REPORTS cap the sizes.
bench: $(B)/hlrc
	bash bench/run.sh $(B)/hlrc
	bash bench/series.sh $(B)/hlrc
	bash bench/check-files.sh $(B)/hlrc
	bash bench/metrics.sh $(B)/hlrc
	bash bench/logs.sh $(B)/hlrc

# Rewrites the golden expectations from the current output (review the diff).
regen: $(B)/hlrc
	REGEN=1 sh tests/run.sh $(B)/hlrc
	REGEN=1 sh tests/tools/run.sh $(B)/hlrc

install: $(B)/hlrc
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp $(B)/hlrc $(DESTDIR)$(BINDIR)/hlrc
	cp docs/hlrc.1 $(DESTDIR)$(MANDIR)/man1/hlrc.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hlrc $(DESTDIR)$(MANDIR)/man1/hlrc.1

clean:
	rm -rf build build-asan build-clang build-fuzz

.PHONY: all check check-browser check-sarif check-editors check-lsp check-docx examples asan valgrind bench fuzz fuzz-build regen install uninstall clean
