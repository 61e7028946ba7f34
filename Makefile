# Palestra — the two commands a newcomer needs are `make run` and `make test`.
#
#   make run    install what is missing, start a local PostgreSQL in .local/pg (unless DATABASE_URL
#               is set), build in release mode, migrate and serve at http://127.0.0.1:8080
#   make stop   stop the local PostgreSQL cluster that `make run` started
#   make test   the same dependencies, a throwaway cluster, every test (stopped afterwards, even on failure)

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PACKAGES := pkg-config libpq-dev libcmark-dev libargon2-dev postgresql python3
# The workouts' iCalendar test reads the feed with Python packages it installs into a virtualenv (.build/workouts-python).
PACKAGES += python3-venv
# Debian installs the server binaries outside PATH; take the newest major version present.
PG_BIN = $(shell ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
LOCAL_PG := $(CURDIR)/.local/pg
LOCAL_DB := palestra
PORT ?= $(or $(PALESTRA_PORT),8080)

# initdb and the server refuse to run as root: run them as the `postgres` OS user then.
AS_POSTGRES = $(if $(filter 0,$(shell id -u)),runuser -u postgres --,)
SUDO = $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: help deps run stop test bench bench-http bench-admin bench-queue bench-render build clean
.PHONY: bench-debates bench-commissions bench-lessons api-check

help:
	@echo "make run   - build and serve Palestra at http://127.0.0.1:$(PORT) with a local PostgreSQL"
	@echo "make stop  - stop the local PostgreSQL cluster"
	@echo "make test  - run every test against a throwaway PostgreSQL cluster"
	@echo "make bench - the attendance change list and a session form over 200,000 attendance records (palestra seed --bench)"
	@echo "make bench-http - requests per second and latency of a release build (wrk, throwaway cluster)"
	@echo "make bench-admin - the same for the admin pages, signed in, over 1,000,000 seeded users"
	@echo "make bench-queue - jobs per second, enqueue rates and insert-to-start latency with two worker processes"
	@echo "make bench-debates - 1,000 debate confirmations at once (100 connections) and a steady 200/s: latency, errors, seats"
	@echo "make bench-lessons - the lessons API (list, detail, start/cancel) over 100,000 lessons, then the DRF anchor in the same run"
	@echo "make api-check - schemathesis against the OpenAPI document of a throwaway server, with an admin's and a student's token"
	@echo "make bench-render - one render of the attendance change list by Palestra's Mustache, and one build of its view model: time and instructions (callgrind)"
	@echo "make bench-workouts - the workout calendar and history of a user with 50 recurring workouts and 10,000 completed occurrences"
	@echo "make bench-commissions - a team's quarter commission report over 1,000,000 entries, and the monthly email to 200 managers"

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
	demo="$$(.build/release/palestra createuser --demo)"; echo "$$demo"; \
	case "$$demo" in "Demo administrator created"*) .build/release/palestra seed;; esac; \
	echo "Palestra: http://$${PALESTRA_HOST:-127.0.0.1}:$(PORT)"; \
	echo "Debate registration (public): http://$${PALESTRA_HOST:-127.0.0.1}:$(PORT)/debates/conference-debates"; \
	exec .build/release/palestra serve --port $(PORT) --no-migrate

stop:
	@if [ -f "$(LOCAL_PG)/data/postmaster.pid" ]; then \
	  $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$(LOCAL_PG)/data" -m fast stop; \
	else echo "No local PostgreSQL is running."; fi

# A throwaway cluster in a temporary folder; a template database migrated once; each test that writes
# copies it (CREATE DATABASE … TEMPLATE palestra_template). The cluster is stopped even when tests fail.
# One test at a time: all at once, on two cores, each test's waits and timeouts measured the load.
# A failure ends the output with the failed tests' issues (CI shows only the end).
test: deps
	@tmp=$$(mktemp -d /tmp/palestra-test.XXXXXX); chmod 755 "$$tmp"; \
	cleanup() { $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$$tmp/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$$tmp"; }; \
	trap cleanup EXIT; \
	$(call start_cluster,$$tmp,-c fsync=off -c synchronous_commit=off -c full_page_writes=off); \
	"$(PG_BIN)/createdb" -h "$$tmp" -U postgres palestra_template; \
	swift build --build-tests; \
	DATABASE_URL="postgres://postgres@/palestra_template?host=$$tmp" PALESTRA_LOG_LEVEL=warning .build/debug/palestra migrate; \
	status=0; \
	PALESTRA_TEST_DATABASE_URL="postgres://postgres@/postgres?host=$$tmp&connect_timeout=60" swift test --skip-build --no-parallel 2>&1 \
	  | tee "$$tmp/test.log" || status=$$?; \
	if [ "$$status" -ne 0 ]; then \
	  echo "==== make test failed ($$status): the server's fatal errors, then the tests' issues"; \
	  grep -E "PANIC|FATAL" "$$tmp/server.log" | grep -v -E "administrator command|not currently accepting" | tail -n 3 || true; \
	  grep -E '^✘ Test "|Fatal error|^error:|unexpected signal' "$$tmp/test.log" | cut -c1-400 | head -n 15 || true; \
	  exit "$$status"; \
	fi

# The benchmarks' common start: a throwaway cluster (fsync on) with a database `palestra`, DATABASE_URL
# exported for it, `sql` running psql on it; on exit the processes in $$pids and the cluster stop and the
# folder goes.
define bench_cluster
	tmp=$$(mktemp -d /tmp/palestra-bench.XXXXXX); chmod 755 "$$tmp"; pids=""; \
	cleanup() { [ -n "$$pids" ] && kill $$pids 2>/dev/null; wait 2>/dev/null; \
	  $(AS_POSTGRES) "$(PG_BIN)/pg_ctl" -D "$$tmp/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$$tmp"; }; \
	trap cleanup EXIT; \
	$(call start_cluster,$$tmp,); \
	"$(PG_BIN)/createdb" -h "$$tmp" -U postgres palestra; \
	export DATABASE_URL="postgres://postgres@/palestra?host=$$tmp" PALESTRA_LOG_LEVEL=warning; \
	sql() { "$(PG_BIN)/psql" -h "$$tmp" -U postgres -d palestra -v ON_ERROR_STOP=1 -qtA "$$@"; }
endef

# A release server on $(BENCH_PORT) (extra serve flags: $(1); environment assignments before it: $(2)), its pid in
# $$server and $$pids, its address in $$base, answering /healthz.
define bench_serve
	$(2) .build/release/palestra serve --port $(BENCH_PORT) --no-migrate $(1) & pids=$$!; server=$$pids; \
	base="http://127.0.0.1:$(BENCH_PORT)"; \
	for i in $$(seq 1 100); do curl -fs "$$base/healthz" >/dev/null && break; sleep 0.1; done
endef

# The admin benchmarks' common middle: the admin bench@example.org, a release server on $(BENCH_PORT) (extra
# serve flags: $(1)) whose pid is $$server, signed in with curl: $$base and the session $$cookie.
define bench_signed_in
	echo "$(BENCH_ADMIN_PASSWORD)" | .build/release/palestra createuser --email bench@example.org --name Bench --role admin --password-stdin; \
	$(call bench_serve,$(1)); \
	jar="$$tmp/cookies"; \
	csrf=$$(curl -fs -c "$$jar" "$$base/login" | sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' | head -n 1) || true; \
	if [ -z "$$csrf" ]; then echo "GET /login gave no csrf_token (is the server up? see above)" >&2; exit 1; fi; \
	status=$$(curl -s -o /dev/null -w '%{http_code}' -b "$$jar" -c "$$jar" --data-urlencode "csrf_token=$$csrf" \
	  --data-urlencode "email=bench@example.org" --data-urlencode "password=$(BENCH_ADMIN_PASSWORD)" "$$base/login"); \
	cookie=$$(awk '$$6 == "palestra_session" { print $$7 }' "$$jar"); \
	if [ "$$status" != 303 ] || [ -z "$$cookie" ]; then \
	  echo "Signing in as bench@example.org failed: POST /login answered $$status (expected 303 with a palestra_session cookie)" >&2; exit 1; \
	fi
endef

# Each of $${pages[@]} checked to answer 200 with the session cookie, then wrk (2 threads, 8 connections,
# 15 s, a 10 s timeout so slow pages get latencies rather than only timeouts) and the CPU time a request
# cost the server and PostgreSQL's backends (from /proc, over the run); the server's memory last. Each page's
# requests/s is also written to $$tmp/results as `PALESTRA <$$run><index> rps=…`, for the ratios to an anchor.
define bench_wrk_pages
	cpu_ticks() { local total=0 pid f; for pid in "$$@"; do read -r -a f 2>/dev/null < "/proc/$$pid/stat" || continue; \
	  total=$$((total + f[13] + f[14])); done; echo "$$total"; }; \
	for index in "$${!pages[@]}"; do page=$${pages[$$index]}; \
	  code=$$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: palestra_session=$$cookie" "$$base$$page"); \
	  if [ "$$code" != 200 ]; then echo "GET $$page answered $$code, not 200 (a 303 to /login: the session cookie was refused)" >&2; exit 1; fi; \
	  echo "== GET $$page"; \
	  server0=$$(cpu_ticks $$server); database0=$$(cpu_ticks $$(pgrep -f "^postgres: postgres palestra" || true)); \
	  out=$$(wrk -t2 -c8 -d15s --latency --timeout 10s -H "Cookie: palestra_session=$$cookie" "$$base$$page"); \
	  server1=$$(cpu_ticks $$server); database1=$$(cpu_ticks $$(pgrep -f "^postgres: postgres palestra" || true)); \
	  echo "$$out" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors"; \
	  echo "$$out" | awk -v s=$$((server1 - server0)) -v d=$$((database1 - database0)) -v hz=$$(getconf CLK_TCK) \
	    '/requests in/ { n = $$1 } END { if (n > 0) printf "  CPU per request: server %.1f ms, PostgreSQL %.1f ms\n", s * 1000 / hz / n, d * 1000 / hz / n }'; \
	  echo "$$out" | awk -v name="$${run:-}$$index" '/Requests\/sec/ { print "PALESTRA " name " rps=" $$2 }' >>"$$tmp/results"; \
	done; \
	echo "== server memory (RSS): $$(ps -o rss= -p $$server) KiB"
endef

# The anchor ../shared/anchors/$(1) (the original's stack over as much data), when ../shared is beside the project:
# run right after Palestra's pages, its figures shown; $$anchored says whether it ran. Then `ratio <ours> <theirs>
# <what>` prints a RATIO line: Palestra's requests/s (`PALESTRA <ours> rps=…` in $$tmp/results) over the anchor's
# (`ANCHOR <theirs> rps=…`), or that one of them is missing.
define bench_anchor
	anchored=false; \
	if [ -x ../shared/anchors/$(1) ]; then anchored=true; \
	  echo "== the anchor, measured right after on this machine (../shared/anchors/$(1))"; \
	  if ../shared/anchors/$(1) >"$$tmp/anchor.log" 2>&1 && grep -q "^ANCHOR " "$$tmp/anchor.log"; then \
	    grep -E "^ANCHOR|WARNING" "$$tmp/anchor.log"; \
	  else echo "(the anchor reported a failed check or no figure; the end of its output:)"; tail -n 20 "$$tmp/anchor.log"; fi; \
	fi; \
	ratio() { ours=$$(sed -n "s/^PALESTRA $$1 rps=\([0-9.]*\).*/\1/p" "$$tmp/results" | head -n 1); \
	  theirs=$$(sed -n "s/^ANCHOR $$2 rps=\([0-9.]*\).*/\1/p" "$$tmp/anchor.log" | head -n 1); \
	  awk -v a="$$ours" -v b="$$theirs" -v what="$$3" 'BEGIN { if (a > 0 && b > 0) \
	    printf "RATIO %s: %.0f / %.1f requests/s = %.1f×\n", what, a, b, a / b; else print "RATIO " what ": no figure (see above)" }'; }
endef

# HTTP throughput of a release build against a throwaway cluster: wrk, 2 threads, 32 connections, 10 s a page.
BENCH_PORT ?= 18080
bench-http: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra serve --port $(BENCH_PORT) & pids=$$!; server=$$pids; \
	for i in $$(seq 1 100); do curl -fs "http://127.0.0.1:$(BENCH_PORT)/healthz" >/dev/null && break; sleep 0.1; done; \
	for page in / /healthz /static/css/app.css; do \
	  echo "== GET $$page"; \
	  wrk -t2 -c32 -d10s --latency "http://127.0.0.1:$(BENCH_PORT)$$page" | grep -E "Requests/sec|Latency|50%|99%"; \
	done; \
	echo "== server memory (RSS): $$(ps -o rss= -p $$server) KiB"

# The admin pages of a release build over 1,000,000 users (Benchmarks/admin-seed.sql), signed in as an
# admin created with `palestra createuser`: wrk, 2 threads, 8 connections, 15 s a page (a 10 s timeout, not
# wrk's 2 s, so slow pages get latencies rather than only timeouts). Each page is first checked to
# answer 200 with the session cookie. The server runs no workers: with them, the seed's managers made the
# monthly commission job's catch-up send reports (a job and a commission_report_sends row each) all through the run.
BENCH_ADMIN_PASSWORD := tundra-violet-4471
bench-admin: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra migrate; \
	echo "== seeding 1,000,000 users (Benchmarks/admin-seed.sql)"; started=$$(date +%s); \
	sql -f Benchmarks/admin-seed.sql; \
	echo "seeded in $$(( $$(date +%s) - started )) s; users with its indexes: $$(sql -c "SELECT pg_size_pretty(pg_total_relation_size('users'))")"; \
	$(call bench_signed_in,--workers 0); \
	id=$$(sql -c "SELECT id FROM users WHERE email = 'user500000@example.org'"); \
	pages=(/admin/users/ "/admin/users/?q=ivan" "/admin/users/?q=user777777" "/admin/users/?role=coach&is_active=yes&o=-2" \
	  "/admin/users/?p=500" "/admin/users/$$id/" /admin/audit/); \
	$(bench_wrk_pages)

# The attendance pages of a release build over `palestra seed --bench` (100 groups, 2,000 athletes, twelve
# months of sessions, about 200,000 attendance records), signed in as an admin: wrk, 2 threads,
# 8 connections, 15 s a page — the attendance change list (page 1), the same list searched and filtered as the
# Django anchor's django_search_filter asks it (`q=Sokolov&status=present`: about 22,000 rows, more than the engine
# counts), searched and filtered narrowly (`q=ivan` in one group, absent, this year: 100 rows, counted), and a
# session's change form. Each page is first checked to answer 200. Goal: p50 under 10 ms.
# wrk asks one page again and again, which the admin engine's page cache answers from memory after the first
# time (AdminPageCache); the three lists are then measured again on a server without it
# (PALESTRA_PAGE_CACHE_PAGES=0), as a list is the first time a session sees it, or after any change. Last, when
# ../shared is beside the project, the original's Django admin over as many records (../shared/anchors/run_django.sh,
# about two minutes) and the ratios of requests/s, measured in the same run on the same machine.
bench: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra migrate >/dev/null; \
	echo "== palestra seed --bench"; started=$$(date +%s); \
	.build/release/palestra seed --bench; \
	echo "seeded in $$(( $$(date +%s) - started )) s; attendance_records with its indexes: $$(sql -c "SELECT pg_size_pretty(pg_total_relation_size('attendance_records'))")"; \
	$(call bench_signed_in,--workers 0); \
	group=$$(sql -c "SELECT id FROM training_groups ORDER BY id LIMIT 1 OFFSET 41"); \
	session=$$(sql -c "SELECT session_id FROM attendance_records ORDER BY id LIMIT 1 OFFSET 100000"); \
	pages=(/admin/attendance/ "/admin/attendance/?q=Sokolov&status=present" \
	  "/admin/attendance/?q=ivan&status=absent&group=$$group&session_date=this-year" "/admin/training-sessions/$$session/"); \
	$(bench_wrk_pages); \
	kill $$server; wait $$server 2>/dev/null || true; \
	$(call bench_serve,--workers 0,PALESTRA_PAGE_CACHE_PAGES=0); \
	echo "== without the page cache (PALESTRA_PAGE_CACHE_PAGES=0): every request reads and renders its list"; \
	pages=("$${pages[@]:0:3}"); run=uncached-; \
	$(bench_wrk_pages); \
	kill $$server; wait $$server 2>/dev/null || true; pids=""; \
	$(call bench_anchor,run_django.sh); \
	if $$anchored; then \
	  ratio 0 django_changelist "the list / Django's change list"; \
	  ratio 0 django_changelist_editable "the list / Django's list_editable change list"; \
	  ratio 1 django_search_filter "the search (q=Sokolov&status=present) / Django's"; \
	  ratio 3 django_change_form "a session's form / Django's"; \
	  ratio uncached-0 django_changelist "the list rendered every request / Django's change list"; \
	  ratio uncached-0 django_changelist_editable "the list rendered every request / Django's list_editable change list"; \
	  ratio uncached-1 django_search_filter "the search rendered every request / Django's"; \
	fi

# The workout pages of a release build for a user with 50 recurring workouts over five years and 10,000 completed
# occurrences (Benchmarks/workouts-seed.sql), signed in: wrk, 2 threads, 8 connections, 15 s a page — this
# month's calendar and the history (its default twelve weeks). Goal: p50 under 5 ms and 1,000 requests/s each.
.PHONY: bench-workouts
bench-workouts: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra migrate >/dev/null; \
	$(call bench_signed_in,--workers 0); \
	echo "== seeding 50 workouts, 10,000 completed occurrences (Benchmarks/workouts-seed.sql)"; \
	sql -f Benchmarks/workouts-seed.sql; \
	echo "workouts: $$(sql -c "SELECT count(*) FROM workouts"), completed occurrences: $$(sql -c "SELECT count(*) FROM workout_occurrences")"; \
	pages=(/workouts/calendar /workouts/history); \
	$(bench_wrk_pages)

# Commission reports over Benchmarks/commissions-seed.sql (200 managers, 5,000 members, 1,000,000 entries over
# three years), signed in as an admin: wrk (2 threads, 8 connections, 15 s) on a 25-member team's quarter
# report, on screen and as CSV. Then the monthly job: one job per manager for 2026-11 (as the periodic job
# enqueues them, which the worker's own periodic fire then finds taken), drained by one `palestra worker
# --workers 8` started after them into a maildir; the time from its start until all 200 reports are sent and stored. Goals: the report's p50 under 10 ms and 500 requests/s or more; 200 emails under 10 s.
bench-commissions: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra migrate >/dev/null; \
	echo "== seeding 200 managers, 5,000 members, 1,000,000 entries (Benchmarks/commissions-seed.sql)"; started=$$(date +%s); \
	sql -f Benchmarks/commissions-seed.sql; \
	echo "seeded in $$(( $$(date +%s) - started )) s; commission_entries with its indexes: $$(sql -c "SELECT pg_size_pretty(pg_total_relation_size('commission_entries'))")"; \
	$(call bench_signed_in,--workers 0); \
	manager=$$(sql -c "SELECT manager_id FROM teams ORDER BY id LIMIT 1 OFFSET 99"); \
	echo "== the team of manager $$manager: $$(sql -c "SELECT count(*) FROM commission_entries WHERE manager_id = $$manager AND entry_date >= '2026-07-01' AND entry_date < '2026-10-01'") entries in 2026-Q3"; \
	pages=("/reports/commissions?period=2026-Q3&manager=$$manager" "/reports/commissions?period=2026-Q3&manager=$$manager&format=csv"); \
	$(bench_wrk_pages); \
	mkdir "$$tmp/mail"; chmod 777 "$$tmp/mail"; \
	echo "== the monthly job: 200 managers' reports of 2026-11 by email (one worker process, 8 slots, its start-up included)"; \
	sql -c "INSERT INTO jobs (kind, args, max_attempts, unique_key) \
	  SELECT 'generate_and_send_commission_report', json_build_object('manager_id', manager_id, 'period', '2026-11', 'again', false), 10, \
	         'commissions.report:' || manager_id || ':2026-11' FROM teams" >/dev/null; \
	started=$$(date +%s%N); \
	PALESTRA_MAIL_TRANSPORT=maildir PALESTRA_MAILDIR="$$tmp/mail" .build/release/palestra worker --workers 8 & pids="$$pids $$!"; \
	until [ "$$(sql -c "SELECT count(*) FROM commission_report_sends")" -ge 200 ]; do sleep 0.05; \
	  if [ $$(( ($$(date +%s%N) - started) / 1000000000 )) -gt 120 ]; then echo "the reports were not all sent within 120 s" >&2; exit 1; fi; done; \
	echo "  200 reports sent and stored in $$(( ($$(date +%s%N) - started) / 1000000 )) ms; $$(ls "$$tmp/mail" | grep -c '\.eml$$') mails in the maildir"

# The template engine alone: the attendance change list's page (50 list-editable rows, the layout, the
# 100-group filter) rendered by Palestra's Mustache — the median time of one render and of building its
# view model, then the instructions one render and one build cost under valgrind's callgrind (a count this noisy
# machine cannot disturb; the binary is copied without its debug information, which valgrind 3.19
# cannot read). No database, no HTTP. Goal: a render in 0.3 ms or less.
bench-render: deps
	@dpkg-query -W -f='$${Status}' valgrind 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind
	swift build -c release --product palestra-render-benchmark
	@echo "== the attendance change list (50 list-editable rows)"; .build/release/palestra-render-benchmark
	@tmp=$$(mktemp -d /tmp/palestra-render.XXXXXX); trap 'rm -rf "$$tmp"' EXIT; \
	cp .build/release/palestra-render-benchmark "$$tmp/benchmark"; strip --strip-debug "$$tmp/benchmark"; \
	count() { \
	  valgrind --tool=callgrind --callgrind-out-file="$$tmp/callgrind.out" --collect-atstart=no --toggle-collect="*$$1*" \
	    "$$tmp/benchmark" $$2 20 >"$$tmp/valgrind.log" 2>&1 || { cat "$$tmp/valgrind.log"; exit 1; }; \
	  total=$$(awk '/^(summary|totals):/ { print $$2; exit }' "$$tmp/callgrind.out"); \
	  echo "== callgrind: $$((total / 20)) instructions per $$3 (20 of them, $$total in all)"; \
	}; \
	count measuredRenders "" render; \
	count measuredBuilds builds "view-model build, its teardown included"

# The queue on a durable throwaway cluster (fsync on, synchronous_commit on): two `palestra worker`
# processes drain 100,000 no-op jobs (jobs/s; the table is analyzed after the bulk insert, as autovacuum
# would soon do, so the claim has its index plan); pgbench enqueues one job per transaction and 100 per
# transaction for 10 s each (Benchmarks/enqueue-*.sql, the same SQL as JobStore.insert); then a steady
# 200 jobs/s for 15 s while the workers run, and the insert-to-start latency (claim time − insert time,
# both by the database clock) at p50 and p99.
BENCH_QUEUE_SLOTS ?= 64
bench-queue: deps
	@dpkg-query -W -f='$${Status}' bc 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bc
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra migrate >/dev/null; \
	start_workers() { pids=""; for i in 1 2; do .build/release/palestra worker --workers $(BENCH_QUEUE_SLOTS) & pids="$$pids $$!"; done; }; \
	stop_workers() { kill -TERM $$pids 2>/dev/null; wait $$pids 2>/dev/null; pids=""; }; \
	echo "== durability: fsync=$$(sql -c 'SHOW fsync'), synchronous_commit=$$(sql -c 'SHOW synchronous_commit')"; \
	sql -c "INSERT INTO jobs (kind) SELECT 'palestra.noop' FROM generate_series(1, 100000)"; \
	sql -c "ANALYZE jobs"; \
	start=$$(date +%s.%N); start_workers; \
	while [ "$$(sql -c "SELECT count(*) FROM jobs WHERE kind = 'palestra.noop' AND state <> 'completed'")" != 0 ]; do sleep 0.2; done; \
	end=$$(date +%s.%N); stop_workers; \
	echo "== no-op jobs completed by 2 workers x $(BENCH_QUEUE_SLOTS) slots: 100000 in $$(printf '%.2f' $$(echo "$$end - $$start" | bc)) s = $$(echo "100000 / ($$end - $$start)" | bc) jobs/s"; \
	sql -c "TRUNCATE jobs"; \
	echo "== enqueue, one job per transaction (pgbench, 4 clients, 10 s)"; \
	"$(PG_BIN)/pgbench" -h "$$tmp" -U postgres -n -c 4 -j 2 -T 10 -f Benchmarks/enqueue-one.sql palestra 2>&1 | grep -E "^tps|latency average"; \
	echo "== enqueue, 100 jobs per transaction (pgbench, 4 clients, 10 s; jobs/s = tps x 100)"; \
	"$(PG_BIN)/pgbench" -h "$$tmp" -U postgres -n -c 4 -j 2 -T 10 -f Benchmarks/enqueue-batch.sql palestra 2>&1 | grep -E "^tps|latency average"; \
	sql -c "TRUNCATE jobs"; \
	start_workers; sleep 2; \
	echo "== steady 200 jobs/s for 15 s with 2 workers: insert-to-start latency"; \
	"$(PG_BIN)/pgbench" -h "$$tmp" -U postgres -n -c 2 -j 2 -R 200 -T 15 -f Benchmarks/enqueue-one.sql palestra 2>&1 | grep -E "^tps"; \
	sleep 1; stop_workers; \
	sql -c "SELECT 'jobs ' || count(*) || ', started ' || count(attempted_at) \
	  || ', p50 ' || round((1000 * percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM attempted_at - created_at)))::numeric, 2) || ' ms' \
	  || ', p99 ' || round((1000 * percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM attempted_at - created_at)))::numeric, 2) || ' ms' \
	  || ', max ' || round((1000 * max(extract(epoch FROM attempted_at - created_at)))::numeric, 2) || ' ms' \
	  FROM jobs WHERE kind = 'palestra.noop'"

# The lessons API of a release build over 100,000 lessons with 3 students each (Benchmarks/lessons-seed.sql, as
# the DRF anchor seeds them), with an admin's bearer token: wrk, 2 threads, 8 connections, 15 s each — the list
# (page_size=50), one lesson, and transitions (start then cancel of fresh lessons, 64 at a time, each with its
# students' notification jobs; the anchor's own wrk scripts). Requests/s, p50, p99, CPU per request of the
# server and of PostgreSQL; then ../shared/anchors/run_drf.sh (when present) in the same run, and the ratios.
# The cluster runs with the anchor's durability settings (fsync, synchronous_commit, full_page_writes off).
bench-lessons: deps
	@dpkg-query -W -f='$${Status}' wrk 2>/dev/null | grep -q "ok installed" || $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk curl
	swift build -c release --product palestra
	@$(bench_cluster); \
	sql -c "ALTER SYSTEM SET fsync = off" -c "ALTER SYSTEM SET synchronous_commit = off" -c "ALTER SYSTEM SET full_page_writes = off" \
	  -c "SELECT pg_reload_conf()" >/dev/null; \
	tools=Benchmarks; \
	.build/release/palestra migrate >/dev/null; \
	echo "== seeding 100,000 lessons (Benchmarks/lessons-seed.sql)"; started=$$(date +%s); \
	sql -f Benchmarks/lessons-seed.sql; \
	echo "seeded in $$(( $$(date +%s) - started )) s: $$(sql -c "SELECT count(*) FROM lessons") lessons, $$(sql -c "SELECT count(*) FROM lesson_students") enrolments"; \
	echo "$(BENCH_ADMIN_PASSWORD)" | .build/release/palestra createuser --email bench@example.org --name Bench --role admin --password-stdin >/dev/null; \
	token=$$(.build/release/palestra token create --email bench@example.org --name bench 2>/dev/null | tail -n 1); \
	$(call bench_serve,--workers 0); \
	read -r lo hi n <<<"$$(sql -F ' ' -c "SELECT min(id), max(id), count(*) FROM lessons")"; \
	mid=$$(sql -c "SELECT id FROM lessons ORDER BY id OFFSET 50000 LIMIT 1"); \
	cpu_ticks() { local total=0 pid f; for pid in "$$@"; do read -r -a f 2>/dev/null < "/proc/$$pid/stat" || continue; \
	  total=$$((total + f[13] + f[14])); done; echo "$$total"; }; \
	run() { local name=$$1 path=$$2 script=$$3; shift 3; \
	  code=$$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $$token" "$$base$$path"); \
	  server0=$$(cpu_ticks $$server); database0=$$(cpu_ticks $$(pgrep -f "^postgres: postgres palestra" || true)); \
	  out=$$(wrk -t2 -c8 -d15s --latency --timeout 10s -H "Authorization: Bearer $$token" -H "Content-Type: application/json" \
	    -s "$$tools/$$script" "$$base$$path" -- "$$@"); \
	  server1=$$(cpu_ticks $$server); database1=$$(cpu_ticks $$(pgrep -f "^postgres: postgres palestra" || true)); \
	  echo "$$out" | awk -v name=$$name -v s=$$((server1 - server0)) -v d=$$((database1 - database0)) -v hz=$$(getconf CLK_TCK) \
	    '/^WRKRESULT/ { line = $$0; sub(/^WRKRESULT /, "", line) } /requests in/ { n = $$1 } \
	     END { printf "PALESTRA %s %s cpu_server_ms=%.2f cpu_pg_ms=%.2f\n", name, line, s * 1000 / hz / n, d * 1000 / hz / n }' | tee -a "$$tmp/results"; }; \
	run lessons_list "/api/v1/lessons/?page_size=50" wrk_report.lua; \
	run lessons_detail "/api/v1/lessons/$$mid/" wrk_report.lua; \
	run lessons_transition "/api/v1/lessons/" wrk_transition.lua $$((lo + 1)) $$hi 2 64; \
	echo "== notification jobs enqueued by the transitions: $$(sql -c "SELECT count(*) FROM jobs WHERE kind = 'DeliverNotification'")"; \
	kill $$server; wait $$server 2>/dev/null || true; pids=""; \
	$(call bench_anchor,run_drf.sh); \
	if $$anchored; then for name in list detail transition; do ratio lessons_$$name drf_lessons_$$name "$$name / DRF's"; done; fi

# The OpenAPI document checked by schemathesis (PyPI, in .local/schemathesis) against a throwaway server with the
# demo data, once with an administrator's token and once with a student's: every check, no failure allowed.
API_CHECK_PORT ?= 18099
api-check: deps
	swift build --product palestra
	@[ -x .local/schemathesis/bin/schemathesis ] || { python3 -m venv .local/schemathesis && .local/schemathesis/bin/pip install -q schemathesis; }
	@$(bench_cluster); \
	.build/debug/palestra migrate >/dev/null; \
	.build/debug/palestra createuser --demo >/dev/null; .build/debug/palestra seed >/dev/null; \
	admin=$$(.build/debug/palestra token create --email admin@palestra.example --name api-check 2>/dev/null | tail -n 1); \
	student=$$(.build/debug/palestra token create --email student.orlova@palestra.example --name api-check 2>/dev/null | tail -n 1); \
	.build/debug/palestra serve --port $(API_CHECK_PORT) --no-migrate --workers 0 & pids=$$!; \
	for i in $$(seq 1 300); do curl -fs "http://127.0.0.1:$(API_CHECK_PORT)/healthz" >/dev/null && break; sleep 0.1; done; \
	status=0; for who in admin student; do token=$$admin; [ $$who = student ] && token=$$student; \
	  echo "== schemathesis with the $$who's token"; \
	  .local/schemathesis/bin/schemathesis --config-file Benchmarks/schemathesis.toml run "http://127.0.0.1:$(API_CHECK_PORT)/api/v1/openapi.json" \
	    --header "Authorization: Bearer $$token" --checks all --max-examples $${API_CHECK_EXAMPLES:-50} || status=1; \
	done; exit $$status

build:
	swift build

clean:
	swift package clean

# Debate registration under load (Benchmarks/debates-load.py): the seed's event (5 cases, 115 seats) on a
# throwaway cluster, a release server with the registration limits off. A burst of 1,000 confirmations at
# once over 100 connections, then, with every registration cancelled and each pool raised to 1,000 seats,
# a steady 200 confirmations a second for 10 s. After each phase: active registrations, pools over or
# under their counters (the counter check), and unsold seats while people were refused.
bench-debates: deps
	swift build -c release --product palestra
	@$(bench_cluster); \
	.build/release/palestra migrate >/dev/null; \
	.build/release/palestra seed >/dev/null; \
	$(call bench_serve,,PALESTRA_REGISTRATION_LIMIT_PER_HOUR=0 PALESTRA_REGISTRATION_EMAIL_LIMIT_PER_HOUR=0 PALESTRA_DB_POOL_SIZE=20); \
	seats() { echo "   active=$$(sql -c "SELECT count(*) FROM debate_registrations WHERE cancelled_at IS NULL")" \
	  "capacity=$$(sql -c "SELECT sum(capacity) FROM debate_seat_pools")" \
	  "unsold=$$(sql -c "SELECT sum(capacity - taken) FROM debate_seat_pools")" \
	  "oversold_pools=$$(sql -c "SELECT count(*) FROM debate_seat_pools WHERE taken > capacity")" \
	  "counter_mismatches=$$(.build/release/palestra debates check >/dev/null 2>&1 && echo 0 || echo some)"; }; \
	python3 Benchmarks/debates-load.py burst "$$base" conference-debates --requests 1000 --connections 100; seats; \
	sql -c "UPDATE debate_registrations SET cancelled_at = now() WHERE cancelled_at IS NULL; UPDATE debate_seat_pools SET taken = 0, capacity = 1000" >/dev/null; \
	python3 Benchmarks/debates-load.py steady "$$base" conference-debates --rate 200 --seconds 10 --connections 50; seats; \
	echo "== server memory (RSS): $$(ps -o rss= -p $$server) KiB"
