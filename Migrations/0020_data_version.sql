-- The data's version: a number that every committed change to what the pages show moves on, read with the
-- session on every request (BrowserSessionStore.load). The admin engine keeps a change list it rendered for a
-- session while the version it read then is still the version (AdminPageCache): a version unchanged since means
-- no transaction that wrote any watched table has committed since, so the page is what a fresh read would give.
--
-- How a change moves it, without a lock taken in the middle of a transaction:
-- * every watched table has a statement-level trigger that, once per transaction (a transaction-local setting
--   remembers it), inserts a row into data_changes — an insert takes no lock another writer waits for;
-- * that insert queues a deferred constraint trigger, which runs when the transaction commits: it adds one to
--   data_version and deletes its row. A writer therefore takes data_version's lock only between its last
--   statement and its commit, after every other lock it takes, so that lock cannot close a cycle of waits (a
--   deadlock) with its other locks. A rolled-back transaction moves nothing.
-- * the version is the sum of 16 stripes, each connection adding to its own (its backend's pid modulo 16). With
--   one row every writer waited for the one before it to finish committing, its WAL flush included, so commits
--   could not share a flush: pgbench, a one-row update a transaction, 8 clients, fsync on, 7,517–8,960
--   transactions/s without the trigger against 2,437–3,373 with one row. Any commit still changes the sum.
--
-- Unwatched, because no cached page reads them and they change on requests that only read, or all the time
-- (AdminPageCache.unwatchedTables lists them; a test holds every other table to its trigger): sessions,
-- login_attempts, login_devices, rate_limits, and the queue's jobs, job_workers, periodic_runs (the jobs change
-- list is therefore never kept). A migration that creates a table watches it: `SELECT watch_data_changes('its_name');`.
--
-- A writer at REPEATABLE READ or SERIALIZABLE would fail on its stripe whenever another transaction on a connection
-- with the same stripe committed first; Palestra writes at READ COMMITTED.
CREATE TABLE data_version (
    stripe smallint PRIMARY KEY CHECK (stripe BETWEEN 0 AND 15),
    version bigint NOT NULL
);
INSERT INTO data_version (stripe, version) SELECT stripe, 0 FROM generate_series(0, 15) AS stripe;
UPDATE data_version SET version = 1 WHERE stripe = 0;

CREATE TABLE data_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY
);

CREATE FUNCTION note_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('palestra.data_changed', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('palestra.data_changed', 'yes', true);
        INSERT INTO data_changes DEFAULT VALUES;
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION count_data_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE data_version SET version = version + 1 WHERE stripe = pg_backend_pid() % 16;
    DELETE FROM data_changes WHERE id = NEW.id;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER data_changes_committed AFTER INSERT ON data_changes
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION count_data_change();

CREATE FUNCTION watch_data_changes(watched regclass) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format(
        'CREATE TRIGGER data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION note_data_change()',
        watched
    );
END
$$;

SELECT watch_data_changes(c.oid)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
  AND c.relname NOT IN (
      'data_version', 'data_changes', 'schema_migrations',
      'sessions', 'login_attempts', 'login_devices', 'rate_limits', 'jobs', 'job_workers', 'periodic_runs'
  )
ORDER BY c.relname;
