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

CMARK_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcmark 2>/dev/null)
CMARK_LIBS   := $(shell $(PKG_CONFIG) --libs libcmark 2>/dev/null || echo -lcmark)

HLR_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Wpedantic \
              -I. -I$(B) $(CMARK_CFLAGS) $(WERROR)
# flex and bison output is not ours to keep pedantic-clean in every detail
GEN_CFLAGS  = -Wno-unused-function -Wno-sign-compare

RUNTIME  = arena buf utf8 calendar outfile
COMPILER = source diag ast parse resolve catalog period emit emit_md emit_html \
           emit_json inline
LIB_OBJS = $(RUNTIME:%=$(B)/runtime/%.o) $(COMPILER:%=$(B)/compiler/%.o) \
           $(B)/style.o $(B)/parse.tab.o $(B)/scan.o
HEADERS  = $(wildcard compiler/*.h runtime/*.h)

all: $(B)/hlrc

$(B)/hlrc: $(B)/compiler/main.o $(B)/libhlrc.a
	$(CC) $(LDFLAGS) -o $@ $(B)/compiler/main.o $(B)/libhlrc.a $(CMARK_LIBS)

$(B)/libhlrc.a: $(LIB_OBJS)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJS)

$(B)/parse.tab.c $(B)/parse.tab.h: grammar/parse.y
	@mkdir -p $(B)
	$(BISON) -Wall -Werror --defines=$(B)/parse.tab.h -o $(B)/parse.tab.c grammar/parse.y

$(B)/scan.c: grammar/scan.l
	@mkdir -p $(B)
	$(FLEX) -o $@ grammar/scan.l

$(B)/style.c: runtime/style.css tools/embed.sh
	@mkdir -p $(B)
	sh tools/embed.sh hlr_style_css runtime/style.css > $@.tmp && mv $@.tmp $@

$(B)/%.o: %.c $(HEADERS) $(B)/parse.tab.h
	@mkdir -p $(@D)
	$(CC) $(HLR_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/parse.tab.o: $(B)/parse.tab.c $(HEADERS)
	$(CC) $(HLR_CFLAGS) $(GEN_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/scan.o: $(B)/scan.c $(B)/parse.tab.h $(HEADERS)
	$(CC) $(HLR_CFLAGS) $(GEN_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

$(B)/style.o: $(B)/style.c
	$(CC) $(HLR_CFLAGS) $(CFLAGS) $(CPPFLAGS) -c -o $@ $<

check: $(B)/hlrc
	sh tests/run.sh $(B)/hlrc

install: $(B)/hlrc
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp $(B)/hlrc $(DESTDIR)$(BINDIR)/hlrc
	cp docs/hlrc.1 $(DESTDIR)$(MANDIR)/man1/hlrc.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/hlrc $(DESTDIR)$(MANDIR)/man1/hlrc.1

clean:
	rm -rf build build-asan

.PHONY: all check install uninstall clean
