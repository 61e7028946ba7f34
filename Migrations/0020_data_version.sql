-- The data's version: one number that every committed change to what the pages show moves on, read with the
-- session on every request (BrowserSessionStore.load). The admin engine keeps a change list it rendered for a
-- session while the version it read then is still the version (AdminPageCache): a version unchanged since means
-- no transaction that wrote any watched table has committed since, so the page is what a fresh read would give.
--
-- How a change moves it, without a lock taken in the middle of a transaction:
-- * every watched table has a statement-level trigger that, once per transaction (a transaction-local setting
--   remembers it), inserts a row into data_changes — an insert takes no lock another writer waits for;
-- * that insert queues a deferred constraint trigger, which runs when the transaction commits: it adds one to
--   data_version and deletes its row. Writers therefore wait for each other on data_version's row only between
--   their last statement and their commit, after every other lock they take, so it cannot close a cycle of
--   waits (a deadlock) with their other locks. A rolled-back transaction moves nothing.
--
-- Unwatched, because no cached page reads them and they change on requests that only read (DataVersion.unwatched
-- lists them; a test holds every other table to its trigger): sessions, login_attempts, login_devices,
-- rate_limits, and the queue's jobs, job_workers, periodic_runs (the jobs change list is therefore never cached).
-- A migration that creates a table watches it with `SELECT watch_data_changes('its_name');`.
CREATE TABLE data_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version bigint NOT NULL
);
INSERT INTO data_version (version) VALUES (1);

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
    UPDATE data_version SET version = version + 1;
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
