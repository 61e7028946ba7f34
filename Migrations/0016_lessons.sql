-- Lessons: rooms, lessons with a guarded lifecycle, their students and their events (every creation,
-- transition and edit: the history a lesson's page shows and the key its students' notifications carry).
-- No double booking, enforced here: a teacher or a room holds one lesson at a time (half-open ranges,
-- so back-to-back lessons are allowed), cancelled lessons excepted.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE rooms (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CONSTRAINT rooms_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    capacity    integer CONSTRAINT rooms_capacity_check CHECK (capacity BETWEEN 1 AND 10000),
    is_archived boolean NOT NULL DEFAULT false,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT rooms_name_key UNIQUE (name)
);

CREATE TABLE lessons (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title           text NOT NULL CONSTRAINT lessons_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    description     text NOT NULL DEFAULT '' CONSTRAINT lessons_description_check CHECK (length(description) <= 20000),
    teacher_id      bigint NOT NULL REFERENCES users (id),
    room_id         bigint REFERENCES rooms (id),
    starts_at       timestamptz NOT NULL,
    ends_at         timestamptz NOT NULL,
    status          text NOT NULL DEFAULT 'scheduled'
                    CONSTRAINT lessons_status_check CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
    started_at      timestamptz,
    completed_at    timestamptz,
    cancelled_at    timestamptz,
    cancelled_by    bigint REFERENCES users (id),
    cancel_reason   text CONSTRAINT lessons_cancel_reason_check CHECK (cancel_reason IS NULL OR length(btrim(cancel_reason)) BETWEEN 1 AND 500),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT lessons_time_check CHECK (ends_at > starts_at AND ends_at - starts_at <= interval '12 hours'),
    CONSTRAINT lessons_cancelled_check CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)),
    CONSTRAINT lessons_teacher_overlap EXCLUDE USING gist (teacher_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status <> 'cancelled'),
    CONSTRAINT lessons_room_overlap EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
        WHERE (status <> 'cancelled' AND room_id IS NOT NULL)
);
-- The list's order (start, then id) alone and after each equality filter it takes (status, teacher, room);
-- (status, ends_at) finds lessons left in progress or not held.
CREATE INDEX lessons_starts_at_idx ON lessons (starts_at, id);
CREATE INDEX lessons_status_starts_at_idx ON lessons (status, starts_at, id);
CREATE INDEX lessons_teacher_starts_at_idx ON lessons (teacher_id, starts_at, id);
CREATE INDEX lessons_room_starts_at_idx ON lessons (room_id, starts_at, id) WHERE room_id IS NOT NULL;
CREATE INDEX lessons_status_idx ON lessons (status, ends_at);

-- How many lessons each teacher has in each status, kept exact by the trigger below in the transaction
-- of every change: the API's `count` without a filter, or by status or teacher, is a sum over at most
-- (teachers × 4) rows instead of a scan of every lesson (an index-only count of 100,000 lessons takes
-- 5–15 ms). Each statement adds its net change per (teacher, status), in key order, so two transactions
-- lock the rows they share in the same order.
CREATE TABLE lesson_tallies (
    teacher_id bigint NOT NULL,
    status     text NOT NULL,
    n          bigint NOT NULL,
    PRIMARY KEY (teacher_id, status)
);

CREATE FUNCTION lesson_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO lesson_tallies AS t (teacher_id, status, n)
        SELECT teacher_id, status, count(*) FROM new_lessons GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (teacher_id, status) DO UPDATE SET n = t.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO lesson_tallies AS t (teacher_id, status, n)
        SELECT teacher_id, status, -count(*) FROM old_lessons GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (teacher_id, status) DO UPDATE SET n = t.n + excluded.n;
    ELSE
        INSERT INTO lesson_tallies AS t (teacher_id, status, n)
        SELECT teacher_id, status, sum(d) FROM (
            SELECT teacher_id, status, 1 AS d FROM new_lessons
            UNION ALL SELECT teacher_id, status, -1 FROM old_lessons
        ) AS changes GROUP BY 1, 2 HAVING sum(d) <> 0 ORDER BY 1, 2
        ON CONFLICT (teacher_id, status) DO UPDATE SET n = t.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION lesson_tallies_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM lesson_tallies;
    RETURN NULL;
END $$;

CREATE TRIGGER lesson_tallies_insert AFTER INSERT ON lessons REFERENCING NEW TABLE AS new_lessons
    FOR EACH STATEMENT EXECUTE FUNCTION lesson_tallies_apply();
CREATE TRIGGER lesson_tallies_update AFTER UPDATE ON lessons REFERENCING OLD TABLE AS old_lessons NEW TABLE AS new_lessons
    FOR EACH STATEMENT EXECUTE FUNCTION lesson_tallies_apply();
CREATE TRIGGER lesson_tallies_delete AFTER DELETE ON lessons REFERENCING OLD TABLE AS old_lessons
    FOR EACH STATEMENT EXECUTE FUNCTION lesson_tallies_apply();
CREATE TRIGGER lesson_tallies_truncate AFTER TRUNCATE ON lessons
    FOR EACH STATEMENT EXECUTE FUNCTION lesson_tallies_clear();

CREATE TABLE lesson_students (
    lesson_id  bigint NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    student_id bigint NOT NULL REFERENCES users (id),
    PRIMARY KEY (lesson_id, student_id)
);
CREATE INDEX lesson_students_student_idx ON lesson_students (student_id, lesson_id);

-- What happened to a lesson, in order: created, started, completed, cancelled, changed (time, room,
-- students, description). Its id is the event part of the notifications' key.
CREATE TABLE lesson_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lesson_id   bigint NOT NULL REFERENCES lessons (id) ON DELETE CASCADE,
    kind        text NOT NULL CONSTRAINT lesson_events_kind_check
                CHECK (kind IN ('created', 'started', 'completed', 'cancelled', 'changed')),
    from_status text,
    to_status   text,
    -- NULL: the system (the periodic completion of lessons left in progress).
    actor_id    bigint REFERENCES users (id) ON DELETE SET NULL,
    actor_label text,
    reason      text,
    occurred_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lesson_events_lesson_idx ON lesson_events (lesson_id, id);

-- A notification may carry the key of what it is about (`lesson-event.17.student.42`): one row per key,
-- whatever retries or races happen; its mail's Message-ID and its maildir file are named by it.
ALTER TABLE notifications ADD COLUMN key text CONSTRAINT notifications_key_check CHECK (key IS NULL OR key ~ '^[a-z0-9][a-z0-9.-]{0,199}$');
CREATE UNIQUE INDEX notifications_key_idx ON notifications (key) WHERE key IS NOT NULL;
