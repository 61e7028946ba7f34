# Palestra — the two commands a newcomer needs are `make run` and `make test`.
#
#   make run    install what is missing, start a local PostgreSQL in .local/pg (unless DATABASE_URL
#               is set), build in release mode, migrate and serve at http://127.0.0.1:8080
#   make stop   stop the local PostgreSQL cluster that `make run` started
#   make test   the same dependencies, a throwaway cluster, every test (stopped afterwards, even on failure)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PACKAGES := pkg-config libpq-dev libcmark-dev libargon2-dev postgresql
# Debian installs the server binaries outside PATH; take the newest major version present.
PG_BIN = $(shell ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
LOCAL_PG := $(CURDIR)/.local/pg
LOCAL_DB := palestra
PORT ?= $(or $(PALESTRA_PORT),8080)

# initdb and the server refuse to run as root: run them as the `postgres` OS user then.
AS_POSTGRES = $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help deps run stop test bench-http build clean

help:
	@echo "make run   - build and serve Palestra at http://127.0.0.1:$(PORT) with a local PostgreSQL"
	@echo "make stop  - stop the local PostgreSQL cluster"
	@echo "make test  - run every test against a throwaway PostgreSQL cluster"
	@echo "make bench-http - requests per second and latency of a release build (wrk, throwaway cluster)"

# Installs the Debian packages Palestra needs, only those missing.
deps:
	@missing=""; \
	for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# start_cluster DIR,OPTIONS: initdb into DIR/data unless done, start it on a Unix socket in DIR (no TCP
# port) with extra server OPTIONS.
define start_cluster
	mkdir -p "$(1)"; \
	if [ -n "$(AS_POSTGRES)" ]; then \
	  chown postgres "$(1)"; \
	  if ! runuser -u postgres -- test -x "$(1)"; then \
	    echo "The postgres OS user cannot reach $(1): let it enter the folders above (e.g. chmod o+x on each), or set DATABASE_URL." >&2; \
	    exit 1; \
	  fi; \
	fi; \
	if [ ! -f "$(1)/data/PG_VERSION" ]; then \
	  $(AS_POSTGRES) "$(PG_BIN)/initdb" -D "$(1)/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$(1)/initdb.log"; \
	fi; \
	if ! $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$(1)/data" status >/dev/null 2>&1; then \
	  $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$(1)/data" -l "$(1)/server.log" -w \
	    -o "-k '$(1)' -c listen_addresses='' -c max_connections=300 $(2)" start >/dev/null; \
	fi
endef

run: deps
	@if [ -z "$${DATABASE_URL:-}" ]; then \
	  $(call start_cluster,$(LOCAL_PG)); \
	  "$(PG_BIN)/psql" -h "$(LOCAL_PG)" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(LOCAL_DB)'" | grep -q 1 \
	    || "$(PG_BIN)/createdb" -h "$(LOCAL_PG)" -U postgres "$(LOCAL_DB)"; \
	  echo "PostgreSQL is running in .local/pg (stop it with: make stop)"; \
	fi
	swift build -c release --product palestra
	@export DATABASE_URL="$${DATABASE_URL:-postgres://postgres@/$(LOCAL_DB)?host=$(LOCAL_PG)}"; \
	.build/release/palestra migrate; \
	.build/release/palestra createuser --demo; \
	echo "Palestra: http://$${PALESTRA_HOST:-127.0.0.1}:$(PORT)"; \
	exec .build/release/palestra serve --port $(PORT) --no-migrate

stop:
	@if [ -f "$(LOCAL_PG)/data/postmaster.pid" ]; then \
	  $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$(LOCAL_PG)/data" -m fast stop; \
	else echo "No local PostgreSQL is running."; fi

# A throwaway cluster in a temporary folder; a template database migrated once; each test that writes
# copies it (CREATE DATABASE … TEMPLATE palestra_template). The cluster is stopped even when tests fail.
test: deps
	@tmp=$$(mktemp -d /tmp/palestra-test.XXXXXX); chmod 755 "$$tmp"; \
	cleanup() { $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$$tmp/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$$tmp"; }; \
	trap cleanup EXIT; \
	$(call start_cluster,$$tmp,-c fsync=off -c synchronous_commit=off -c full_page_writes=off); \
	"$(PG_BIN)/createdb" -h "$$tmp" -U postgres palestra_template; \
	swift build --build-tests; \
	DATABASE_URL="postgres://postgres@/palestra_template?host=$$tmp" PALESTRA_LOG_LEVEL=warning .build/debug/palestra migrate; \
	PALESTRA_TEST_DATABASE_URL="postgres://postgres@/postgres?host=$$tmp" swift test --skip-build

# HTTP throughput of a release build against a throwaway cluster: wrk, 2 threads, 32 connections, 10 s a page.
BENCH_PORT ?= 18080
bench-http: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@tmp=$$(mktemp -d /tmp/palestra-bench.XXXXXX); chmod 755 "$$tmp"; server=""; \
	cleanup() { [ -n "$$server" ] && kill "$$server" 2>/dev/null; wait 2>/dev/null; \
	  $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$$tmp/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$$tmp"; }; \
	trap cleanup EXIT; \
	$(call start_cluster,$$tmp,); \
	"$(PG_BIN)/createdb" -h "$$tmp" -U postgres palestra; \
	DATABASE_URL="postgres://postgres@/palestra?host=$$tmp" PALESTRA_LOG_LEVEL=warning \
	  .build/release/palestra serve --port $(BENCH_PORT) & server=$$!; \
	for i in $$(seq 1 100); do curl -fs "http://127.0.0.1:$(BENCH_PORT)/healthz" >/dev/null && break; sleep 0.1; done; \
	for page in / /healthz /static/css/app.css; do \
	  echo "== GET $$page"; \
	  wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$(BENCH_PORT)$$page" | grep -E "Requests/sec|Latency|50%|99%"; \
	done; \
	echo "== server memory (RSS): $$(ps -o rss= -p $$server) KiB"

build:
	swift build

clean:
	swift package clean
