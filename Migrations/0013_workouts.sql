-- Workout calendar (issue 18): a workout (the parent) holds its plan and its recurrence rule; an occurrence (the
-- child) exists only once a date is started, edited or cancelled, and keeps its own copy of the plan.

CREATE TABLE workouts (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    owner_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name             text NOT NULL CONSTRAINT workouts_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    activity         text NOT NULL CONSTRAINT workouts_activity_check
                     CHECK (activity IN ('strength', 'running', 'cycling', 'swimming', 'yoga', 'other')),
    starts_at        time NOT NULL,
    duration_minutes integer NOT NULL CONSTRAINT workouts_duration_check CHECK (duration_minutes BETWEEN 1 AND 600),
    -- The first occurrence: always a date the rule produces.
    start_date       date NOT NULL,
    -- The RRULE value (RFC 5545, Palestra's subset: see RecurrenceRule); NULL for a one-off.
    rule             text CONSTRAINT workouts_rule_check CHECK (rule IS NULL OR rule LIKE 'FREQ=%'),
    -- EXDATE: dates removed from the rule (deleted or moved occurrences).
    excluded_dates   date[] NOT NULL DEFAULT '{}',
    -- The series this one continues after a "this and following" edit; its UID in the calendar export.
    continues_id     bigint REFERENCES workouts (id) ON DELETE SET NULL,
    is_archived      boolean NOT NULL DEFAULT false,
    version          integer NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workouts_owner_idx ON workouts (owner_id, is_archived, id);

-- The plan, in order.
CREATE TABLE workout_exercises (
    workout_id       bigint NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
    position         integer NOT NULL CHECK (position BETWEEN 1 AND 50),
    name             text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    sets             integer NOT NULL CHECK (sets BETWEEN 1 AND 50),
    reps             integer CHECK (reps BETWEEN 1 AND 1000),
    weight_kg        numeric(6, 2) CHECK (weight_kg BETWEEN 0 AND 1000),
    duration_seconds integer CHECK (duration_seconds BETWEEN 1 AND 86400),
    rest_seconds     integer NOT NULL DEFAULT 0 CHECK (rest_seconds BETWEEN 0 AND 3600),
    PRIMARY KEY (workout_id, position)
);

CREATE TABLE workout_occurrences (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    workout_id       bigint NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
    -- The date the rule produced (RECURRENCE-ID); unique per workout, so Start is idempotent (ON CONFLICT).
    occurrence_date  date NOT NULL,
    status           text NOT NULL CONSTRAINT workout_occurrences_status_check
                     CHECK (status IN ('planned', 'in_progress', 'completed', 'cancelled')),
    -- The child's own copy of the parent's plan, taken when the row is created.
    name             text NOT NULL,
    activity         text NOT NULL,
    starts_at        time NOT NULL,
    duration_minutes integer NOT NULL,
    started_at       timestamptz,
    ended_at         timestamptz,
    duration_seconds integer CHECK (duration_seconds >= 0),
    notes            text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    rating           smallint CHECK (rating BETWEEN 1 AND 5),
    difficulty       smallint CHECK (difficulty BETWEEN 1 AND 10),
    version          integer NOT NULL DEFAULT 1,
    -- "This date only" moved it: the date it now takes place (occurrence_date stays its identity, the RECURRENCE-ID).
    moved_to         date CONSTRAINT workout_occurrences_moved_check CHECK (moved_to <> occurrence_date),
    CONSTRAINT workout_occurrences_date_key UNIQUE (workout_id, occurrence_date)
);
CREATE INDEX workout_occurrences_moved_idx ON workout_occurrences (workout_id, moved_to) WHERE moved_to IS NOT NULL;
CREATE INDEX workout_occurrences_history_idx ON workout_occurrences (status, occurrence_date DESC, id DESC);

-- The sets performed (copied from the plan at start, then edited).
CREATE TABLE workout_sets (
    occurrence_id    bigint NOT NULL REFERENCES workout_occurrences (id) ON DELETE CASCADE,
    position         integer NOT NULL CHECK (position BETWEEN 1 AND 500),
    exercise         text NOT NULL CHECK (length(btrim(exercise)) BETWEEN 1 AND 120),
    set_number       integer NOT NULL CHECK (set_number BETWEEN 1 AND 50),
    reps             integer CHECK (reps BETWEEN 0 AND 1000),
    weight_kg        numeric(6, 2) CHECK (weight_kg BETWEEN 0 AND 1000),
    duration_seconds integer CHECK (duration_seconds BETWEEN 0 AND 86400),
    PRIMARY KEY (occurrence_id, position)
);

-- The secret of a user's iCalendar link; rotating it replaces the row.
CREATE TABLE workout_calendar_feeds (
    owner_id         bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token            text NOT NULL CONSTRAINT workout_calendar_feeds_token_key UNIQUE,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- The history's totals: sets, reps and volume (reps × kg) of completed occurrences per owner, day and exercise,
-- kept by the triggers below, so the totals of a period read a few rows a day instead of every set.
CREATE TABLE workout_exercise_days (
    owner_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    occurrence_date  date NOT NULL,
    exercise         text NOT NULL,
    sets             integer NOT NULL,
    reps             bigint NOT NULL,
    volume           numeric NOT NULL,
    PRIMARY KEY (owner_id, occurrence_date, exercise)
);
CREATE INDEX workout_exercise_days_date_idx ON workout_exercise_days (occurrence_date);

-- Adds (sign 1) or removes (sign -1) the sets of a completed occurrence (all its sets, or one exercise's set).
CREATE FUNCTION workout_exercise_days_apply(occurrence bigint, day date, sign integer, only_exercise text, only_reps integer,
                                            only_weight numeric) RETURNS void LANGUAGE sql AS $$
    INSERT INTO workout_exercise_days AS d (owner_id, occurrence_date, exercise, sets, reps, volume)
    SELECT w.owner_id, day, s.exercise, sign * count(*)::int, sign * coalesce(sum(s.reps), 0), sign * coalesce(sum(s.reps * s.weight_kg), 0)
    FROM workout_occurrences o
    JOIN workouts w ON w.id = o.workout_id
    CROSS JOIN LATERAL (
        SELECT x.exercise, x.reps, x.weight_kg FROM workout_sets x WHERE only_exercise IS NULL AND x.occurrence_id = o.id
        UNION ALL
        SELECT only_exercise, only_reps, only_weight WHERE only_exercise IS NOT NULL
    ) s
    WHERE o.id = occurrence
    GROUP BY w.owner_id, s.exercise
    ON CONFLICT (owner_id, occurrence_date, exercise) DO UPDATE
    SET sets = d.sets + excluded.sets, reps = d.reps + excluded.reps, volume = d.volume + excluded.volume
$$;

CREATE FUNCTION workout_occurrences_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'completed' THEN
        PERFORM workout_exercise_days_apply(OLD.id, OLD.occurrence_date, -1, NULL, NULL, NULL);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.status = 'completed' THEN
        PERFORM workout_exercise_days_apply(NEW.id, NEW.occurrence_date, 1, NULL, NULL, NULL);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
-- Before: a deleted occurrence's sets still exist (they go by cascade afterwards). An occurrence is inserted without sets.
CREATE TRIGGER workout_occurrences_totals_delete BEFORE DELETE ON workout_occurrences
    FOR EACH ROW WHEN (OLD.status = 'completed') EXECUTE FUNCTION workout_occurrences_totals();
CREATE TRIGGER workout_occurrences_totals_update AFTER UPDATE OF status, occurrence_date ON workout_occurrences
    FOR EACH ROW WHEN (OLD.status = 'completed' OR NEW.status = 'completed') EXECUTE FUNCTION workout_occurrences_totals();

CREATE FUNCTION workout_sets_totals() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    day date;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT o.occurrence_date INTO day FROM workout_occurrences o WHERE o.id = OLD.occurrence_id AND o.status = 'completed';
        IF day IS NOT NULL THEN
            PERFORM workout_exercise_days_apply(OLD.occurrence_id, day, -1, OLD.exercise, OLD.reps, OLD.weight_kg);
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT o.occurrence_date INTO day FROM workout_occurrences o WHERE o.id = NEW.occurrence_id AND o.status = 'completed';
        IF day IS NOT NULL THEN
            PERFORM workout_exercise_days_apply(NEW.occurrence_id, day, 1, NEW.exercise, NEW.reps, NEW.weight_kg);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER workout_sets_totals AFTER INSERT OR UPDATE OR DELETE ON workout_sets
    FOR EACH ROW EXECUTE FUNCTION workout_sets_totals();
