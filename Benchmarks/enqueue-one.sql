-- One no-op job per transaction, the way JobStore.insert enqueues (with the NOTIFY workers wait on).
WITH inserted AS (
    INSERT INTO jobs (queue, kind, args, state, priority, run_at, max_attempts)
    VALUES ('default', 'palestra.noop', '{}', 'available', 0, now(), 20)
    RETURNING id
)
SELECT id, pg_notify('palestra_jobs', 'default') FROM inserted;
