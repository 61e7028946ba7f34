-- 100 no-op jobs per transaction, one statement (JobQueue.enqueue(_:batch:on:)).
WITH inserted AS (
    INSERT INTO jobs (queue, kind, args, state, priority, run_at, max_attempts)
    SELECT 'default', 'palestra.noop', '{}', 'available', 0, now(), 20 FROM generate_series(1, 100)
    RETURNING id
)
SELECT count(*), pg_notify('palestra_jobs', 'default') FROM inserted;
