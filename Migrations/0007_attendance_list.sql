-- The attendance change list sorts and filters 200,000+ records by their session's date and group, and
-- scopes them to a coach's groups: both are copied onto each record (kept in step by triggers), so one
-- index serves the first page instead of a join over every record.

ALTER TABLE attendance_records ADD COLUMN session_date date, ADD COLUMN group_id bigint;

UPDATE attendance_records r SET session_date = s.session_date, group_id = s.group_id
FROM training_sessions s WHERE s.id = r.session_id;

ALTER TABLE attendance_records ALTER COLUMN session_date SET NOT NULL, ALTER COLUMN group_id SET NOT NULL;

-- A record takes its session's date and group whatever the inserting statement says.
CREATE FUNCTION attendance_records_copy_session() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT s.session_date, s.group_id INTO NEW.session_date, NEW.group_id FROM training_sessions s WHERE s.id = NEW.session_id;
    RETURN NEW;
END $$;
CREATE TRIGGER attendance_records_copy_session BEFORE INSERT OR UPDATE OF session_id, session_date, group_id ON attendance_records
    FOR EACH ROW EXECUTE FUNCTION attendance_records_copy_session();

-- A session moved to another date (or group) takes its records along.
CREATE FUNCTION training_sessions_move_attendance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE attendance_records SET session_date = NEW.session_date, group_id = NEW.group_id WHERE session_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER training_sessions_move_attendance AFTER UPDATE OF session_date, group_id ON training_sessions
    FOR EACH ROW WHEN (OLD.session_date IS DISTINCT FROM NEW.session_date OR OLD.group_id IS DISTINCT FROM NEW.group_id)
    EXECUTE FUNCTION training_sessions_move_attendance();

-- The list's default order (newest sessions first, then id) and its group filter and coach scope.
CREATE INDEX attendance_records_session_date_idx ON attendance_records (session_date, id);
CREATE INDEX attendance_records_group_date_idx ON attendance_records (group_id, session_date, id);
CREATE INDEX attendance_records_status_idx ON attendance_records (status, session_date, id);
