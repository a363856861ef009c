# Makefile — PGXS build of the credentialing extension, plus the project's
# test, demo, benchmark and fuzzing entry points (see README.md).

EXTENSION = credentialing
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" credentialing.control)

MODULE_big = credentialing
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c src/core/*.c)))

DATA = sql/$(EXTENSION)--$(EXTVERSION).sql $(wildcard sql/$(EXTENSION)--*--*.sql)
EXTRA_CLEAN = sql/$(EXTENSION)--$(EXTVERSION).sql

PG_CPPFLAGS = -Isrc -Isrc/core
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter

REGRESS = $(sort $(notdir $(basename $(wildcard test/sql/*.sql))))
REGRESS_OPTS = --inputdir=test --load-extension=pgtap --load-extension=$(EXTENSION)
ISOLATION = $(sort $(notdir $(basename $(wildcard test/specs/*.spec))))
ISOLATION_OPTS = --inputdir=test --load-extension=$(EXTENSION)

PG_CONFIG ?= $(shell command -v pg_config-15 2>/dev/null || \
	( test -x /usr/lib/postgresql/15/bin/pg_config && echo /usr/lib/postgresql/15/bin/pg_config ) || \
	echo pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
# Optional so that `make test` and `make demo` can run on a machine that does
# not have the server headers yet: their scripts install them first.
-include $(PGXS)

# The source script becomes the versioned install script.
sql/$(EXTENSION)--$(EXTVERSION).sql: sql/$(EXTENSION).sql
	cp $< $@

all: sql/$(EXTENSION)--$(EXTVERSION).sql

.PHONY: test demo bench fuzz unit conformance

# Everything CI runs: packages, build, install, throwaway cluster, all suites.
test:
	bash scripts/test.sh

# The guided tour on a throwaway cluster.
demo:
	bash scripts/demo.sh

# Benchmarks (not part of `make test`).
bench:
	bash scripts/bench.sh

# Pure-C core unit tests under ASan/UBSan.
unit:
	$(MAKE) -C test/unit

# libFuzzer run of the X12 reader (FUZZ_SECONDS, default 60).
fuzz:
	$(MAKE) -C test/fuzz

# Conformance of the X12 reader against CREDENTIALING_X12_SAMPLES.
conformance:
	$(MAKE) -C test/conformance
