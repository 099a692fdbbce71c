# Build and install nanoclust like a C library.
#
#   make                                  cargo build --release --lib
#   make install PREFIX=/usr/local        build, then install into PREFIX (DESTDIR is honoured)
#   make && sudo make install NOBUILD=1   build as yourself, install as root without running cargo
#   make uninstall PREFIX=/usr/local      remove what install put there
#   make doc                              API reference (Doxygen HTML) into target/doc-c/html;
#                                         fails on any Doxygen warning
#
# Installed (LIBDIR defaults to PREFIX/lib, INCLUDEDIR to PREFIX/include):
#   INCLUDEDIR/nanoclust.h, INCLUDEDIR/nanoclust.hpp
#   LIBDIR/libnanoclust.a
#   LIBDIR/libnanoclust.so.X.Y.Z, LIBDIR/libnanoclust.so.ABI -> .so.X.Y.Z (the SONAME),
#   LIBDIR/libnanoclust.so -> .so.ABI (ABI: 0.MINOR before 1.0, MAJOR after)
#   LIBDIR/pkgconfig/nanoclust.pc
#   LIBDIR/cmake/nanoclust/nanoclust-config.cmake, nanoclust-config-version.cmake
#   DATADIR/doc/nanoclust/LICENSE-MIT, LICENSE-APACHE, README.md, CHANGELOG.md

PREFIX     ?= /usr/local
DESTDIR    ?=
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
DOCDIR     ?= $(DATADIR)/doc/nanoclust
CARGO      ?= cargo
CARGO_TARGET_DIR ?= target
INSTALL    ?= install
DOXYGEN    ?= doxygen

VERSION := $(shell sed -n 's/^version *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
VERSION_MAJOR := $(word 1,$(subst ., ,$(VERSION)))
VERSION_MINOR := $(word 2,$(subst ., ,$(VERSION)))
# The ABI version in the SONAME (build.rs uses the same rule).
ABI := $(if $(filter 0,$(VERSION_MAJOR)),0.$(VERSION_MINOR),$(VERSION_MAJOR))
URL := $(shell sed -n 's/^repository *= *"\([^"]*\)".*/\1/p' Cargo.toml | head -n 1)
# What Rust's standard library needs from the system when the static library
# is linked (`rustc --print native-static-libs`, without the implicit -lc).
NATIVE_LIBS := gcc_s util rt pthread m dl
empty :=
space := $(empty) $(empty)
SIZEOF_VOID_P := $(shell expr $$(getconf LONG_BIT) / 8)

RELEASE := $(CARGO_TARGET_DIR)/release
SO      := libnanoclust.so
HEADERS := include/nanoclust.h include/nanoclust.hpp
LICENSES := LICENSE-MIT LICENSE-APACHE
DOCS    := README.md CHANGELOG.md

# Paths written into nanoclust.pc (relative to ${prefix} where possible) and
# into the CMake package (relative to its own directory: relocatable).
PC_LIBDIR := $(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))
PC_INCLUDEDIR := $(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))
CMAKEDIR := $(LIBDIR)/cmake/nanoclust
LIBDIR_REL = $(shell realpath -m --relative-to=$(CMAKEDIR) $(LIBDIR))
INCLUDEDIR_REL = $(shell realpath -m --relative-to=$(CMAKEDIR) $(INCLUDEDIR))

SUBST = sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(PC_LIBDIR)|g' \
	-e 's|@INCLUDEDIR@|$(PC_INCLUDEDIR)|g' -e 's|@VERSION@|$(VERSION)|g' \
	-e 's|@VERSION_MAJOR@|$(VERSION_MAJOR)|g' -e 's|@VERSION_MINOR@|$(VERSION_MINOR)|g' \
	-e 's|@ABI@|$(ABI)|g' -e 's|@URL@|$(URL)|g' \
	-e 's|@PRIVATE_LIBS@|$(addprefix -l,$(NATIVE_LIBS))|g' \
	-e 's|@CMAKE_PRIVATE_LIBS@|$(subst $(space),;,$(NATIVE_LIBS))|g' \
	-e 's|@LIBDIR_REL@|$(LIBDIR_REL)|g' -e 's|@INCLUDEDIR_REL@|$(INCLUDEDIR_REL)|g' \
	-e 's|@SIZEOF_VOID_P@|$(SIZEOF_VOID_P)|g'

.PHONY: all build install uninstall doc
all: build

build:
	$(CARGO) build --release --lib

install: $(if $(NOBUILD),,build)
	@test -f $(RELEASE)/libnanoclust.a -a -f $(RELEASE)/$(SO) || { echo "run make (cargo build --release --lib) first"; exit 1; }
	$(INSTALL) -d $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(DOCDIR)
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCLUDEDIR)/
	$(INSTALL) -m 644 $(RELEASE)/libnanoclust.a $(DESTDIR)$(LIBDIR)/libnanoclust.a
	$(INSTALL) -m 755 $(RELEASE)/$(SO) $(DESTDIR)$(LIBDIR)/$(SO).$(VERSION)
	ln -sf $(SO).$(VERSION) $(DESTDIR)$(LIBDIR)/$(SO).$(ABI)
	ln -sf $(SO).$(ABI) $(DESTDIR)$(LIBDIR)/$(SO)
	@echo "generate $(DESTDIR)$(LIBDIR)/pkgconfig/nanoclust.pc"
	@$(SUBST) packaging/nanoclust.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/nanoclust.pc
	@echo "generate $(DESTDIR)$(CMAKEDIR)/nanoclust-config.cmake"
	@$(SUBST) packaging/nanoclust-config.cmake.in > $(DESTDIR)$(CMAKEDIR)/nanoclust-config.cmake
	@echo "generate $(DESTDIR)$(CMAKEDIR)/nanoclust-config-version.cmake"
	@$(SUBST) packaging/nanoclust-config-version.cmake.in > $(DESTDIR)$(CMAKEDIR)/nanoclust-config-version.cmake
	$(INSTALL) -m 644 $(LICENSES) $(DOCS) $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(notdir $(HEADERS)))
	rm -f $(DESTDIR)$(LIBDIR)/libnanoclust.a $(DESTDIR)$(LIBDIR)/$(SO) \
		$(DESTDIR)$(LIBDIR)/$(SO).$(ABI) $(DESTDIR)$(LIBDIR)/$(SO).$(VERSION)
	rm -f $(DESTDIR)$(LIBDIR)/pkgconfig/nanoclust.pc
	rm -rf $(DESTDIR)$(CMAKEDIR) $(DESTDIR)$(DOCDIR)

# The API reference of nanoclust.h and nanoclust.hpp; fails on any Doxygen warning.
doc:
	mkdir -p $(CARGO_TARGET_DIR)/doc-c
	NANOCLUST_VERSION=$(VERSION) $(DOXYGEN) Doxyfile
