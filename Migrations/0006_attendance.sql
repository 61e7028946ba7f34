-- Attendance journals: when an administrator last reopened a closed session. The daily auto-close
-- leaves a session reopened within the last PALESTRA_SESSION_AUTOCLOSE_DAYS days open, so the
-- correction has time; after that it closes it again.
ALTER TABLE training_sessions ADD COLUMN reopened_at timestamptz;
