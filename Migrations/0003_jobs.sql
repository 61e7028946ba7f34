-- The background queue: jobs are rows, inserted in the same transaction as the change that causes them.

CREATE TABLE jobs (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue            text NOT NULL DEFAULT 'default',
    kind             text NOT NULL,
    args             jsonb NOT NULL DEFAULT '{}',
    state            text NOT NULL DEFAULT 'available' CONSTRAINT jobs_state_check CHECK (
                         state IN ('available', 'scheduled', 'running', 'retryable', 'completed', 'discarded', 'cancelled')),
    priority         smallint NOT NULL DEFAULT 0,
    run_at           timestamptz NOT NULL DEFAULT now(),
    attempt          integer NOT NULL DEFAULT 0,
    max_attempts     integer NOT NULL DEFAULT 20 CONSTRAINT jobs_max_attempts_check CHECK (max_attempts >= 1),
    -- Unique while not finished: a second enqueue with the same key while one waits or runs is dropped.
    unique_key       text,
    locked_by        text,
    lease_expires_at timestamptz,
    -- [{"attempt": 1, "at": "…", "error": "…"}, …]: every failure is kept.
    errors           jsonb NOT NULL DEFAULT '[]',
    created_at       timestamptz NOT NULL DEFAULT now(),
    attempted_at     timestamptz,
    finalized_at     timestamptz
);
-- What workers claim: ready jobs in priority order. The queue is not a leading column: a worker takes a
-- list of queues (`queue = ANY(…)`), which would cost the index its order and force a sort of every ready job.
CREATE INDEX jobs_ready_idx ON jobs (priority, run_at, id) WHERE state IN ('available', 'scheduled', 'retryable');
-- What the sweeper reads: running jobs by lease.
CREATE INDEX jobs_lease_idx ON jobs (lease_expires_at) WHERE state = 'running';
-- What pruning reads.
CREATE INDEX jobs_finalized_idx ON jobs (finalized_at) WHERE finalized_at IS NOT NULL;
CREATE INDEX jobs_kind_state_idx ON jobs (kind, state);
CREATE UNIQUE INDEX jobs_unique_key_idx ON jobs (unique_key)
    WHERE unique_key IS NOT NULL AND state IN ('available', 'scheduled', 'running', 'retryable');

-- A queue table churns: every job is inserted, updated two or three times and deleted. Vacuum and analyze
-- it after a small share of changes, so dead rows don't pile up and the claim keeps its index plan.
ALTER TABLE jobs SET (
    autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01,
    autovacuum_vacuum_cost_limit = 2000
);

-- One row per periodic job and fire time: whichever process inserts it enqueues the job, so a period
-- fires once however many processes run.
CREATE TABLE periodic_runs (
    name       text NOT NULL,
    fire_at    timestamptz NOT NULL,
    job_id     bigint,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name, fire_at)
);

-- Worker processes and their heartbeats, for the dashboard.
CREATE TABLE job_workers (
    id           text PRIMARY KEY,
    host         text NOT NULL,
    pid          integer NOT NULL,
    slots        integer NOT NULL,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now()
);
