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
CREATE INDEX lessons_starts_at_idx ON lessons (starts_at, id);
CREATE INDEX lessons_status_idx ON lessons (status, ends_at);

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
