-- Training: groups and their weekly schedule slots, athletes and their memberships, the training sessions
-- generated from the slots, and the attendance records coaches keep of each session.
-- Dates and times of day are the organisation's wall clock (PALESTRA_TIME_ZONE), stored as date / time.

-- Memberships must not overlap in time for one athlete and group (an exclusion constraint on date ranges).
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE training_groups (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name              text NOT NULL CONSTRAINT training_groups_name_key UNIQUE
                      CONSTRAINT training_groups_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 150),
    -- A user with the coach role (checked by the form; a coach demoted later keeps the link).
    coach_id          bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    description       text NOT NULL DEFAULT '' CONSTRAINT training_groups_description_check CHECK (length(description) <= 20000),
    is_archived       boolean NOT NULL DEFAULT false,
    -- The first day of the latest month sessions were generated for: a re-sync also fills that month.
    generated_through date CONSTRAINT training_groups_generated_through_check CHECK (extract(day FROM generated_through) = 1),
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    version           integer NOT NULL DEFAULT 1
);
CREATE INDEX training_groups_coach_idx ON training_groups (coach_id);
CREATE INDEX training_groups_search_idx ON training_groups USING gin (name gin_trgm_ops);

-- A weekly slot: every <weekday> at <starts_at> for <duration_minutes>, ending the same day.
CREATE TABLE group_schedule_slots (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id         bigint NOT NULL REFERENCES training_groups (id) ON DELETE CASCADE,
    -- ISO: 1 = Monday … 7 = Sunday.
    weekday          smallint NOT NULL CONSTRAINT group_schedule_slots_weekday_check CHECK (weekday BETWEEN 1 AND 7),
    starts_at        time NOT NULL,
    duration_minutes integer NOT NULL CONSTRAINT group_schedule_slots_duration_check CHECK (
                         duration_minutes BETWEEN 5 AND 720 AND extract(epoch FROM starts_at) + duration_minutes * 60 < 86400),
    location         text NOT NULL DEFAULT '' CONSTRAINT group_schedule_slots_location_check CHECK (length(location) <= 200),
    CONSTRAINT group_schedule_slots_start_key UNIQUE (group_id, weekday, starts_at)
);

CREATE TABLE athletes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    full_name  text NOT NULL CONSTRAINT athletes_full_name_check CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
    birth_date date NOT NULL CONSTRAINT athletes_birth_date_check CHECK (birth_date >= '1900-01-01'),
    contact    text NOT NULL DEFAULT '' CONSTRAINT athletes_contact_check CHECK (length(contact) <= 200),
    notes      text NOT NULL DEFAULT '' CONSTRAINT athletes_notes_check CHECK (length(notes) <= 5000),
    -- The stored name under PALESTRA_MEDIA (`athletes/<32 hex>.<png|jpg|webp>`), never the sender's.
    avatar     text CONSTRAINT athletes_avatar_check CHECK (avatar ~ '^athletes/[0-9a-f]{32}\.(png|jpg|webp)$'),
    user_id    bigint CONSTRAINT athletes_user_key UNIQUE REFERENCES users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1
);
CREATE INDEX athletes_full_name_idx ON athletes (full_name, id);
CREATE INDEX athletes_search_idx ON athletes USING gin (full_name gin_trgm_ops);

-- An athlete's membership of a group from joined_on to left_on (both included; NULL: still a member).
CREATE TABLE group_memberships (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    group_id   bigint NOT NULL REFERENCES training_groups (id) ON DELETE CASCADE,
    joined_on  date NOT NULL,
    left_on    date,
    CONSTRAINT group_memberships_dates_check CHECK (left_on IS NULL OR left_on >= joined_on),
    CONSTRAINT group_memberships_overlap_excl EXCLUDE USING gist (
        athlete_id WITH =, group_id WITH =, daterange(joined_on, left_on, '[]') WITH &&)
);
CREATE INDEX group_memberships_group_idx ON group_memberships (group_id, joined_on);

CREATE TABLE training_sessions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    group_id     bigint NOT NULL REFERENCES training_groups (id) ON DELETE CASCADE,
    session_date date NOT NULL,
    starts_at    time NOT NULL,
    ends_at      time NOT NULL,
    location     text NOT NULL DEFAULT '' CONSTRAINT training_sessions_location_check CHECK (length(location) <= 200),
    status       text NOT NULL DEFAULT 'planned' CONSTRAINT training_sessions_status_check CHECK (status IN ('planned', 'held', 'cancelled')),
    is_closed    boolean NOT NULL DEFAULT false,
    notes        text NOT NULL DEFAULT '' CONSTRAINT training_sessions_notes_check CHECK (length(notes) <= 5000),
    -- `schedule`: made from a slot, and re-built when the schedule changes. `manual`: added by hand,
    -- never removed by a re-sync.
    origin       text NOT NULL DEFAULT 'manual' CONSTRAINT training_sessions_origin_check CHECK (origin IN ('schedule', 'manual')),
    slot_id      bigint REFERENCES group_schedule_slots (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    version      integer NOT NULL DEFAULT 1,
    CONSTRAINT training_sessions_times_check CHECK (ends_at > starts_at),
    CONSTRAINT training_sessions_group_date_start_key UNIQUE (group_id, session_date, starts_at)
);
CREATE INDEX training_sessions_date_idx ON training_sessions (session_date, id);
CREATE INDEX training_sessions_slot_idx ON training_sessions (slot_id);

-- One athlete at one session. A session with records is never deleted by generation or cleanup (only
-- cancelled), and the foreign key refuses deleting it by hand.
CREATE TABLE attendance_records (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id bigint NOT NULL REFERENCES training_sessions (id) ON DELETE RESTRICT,
    -- An athlete with attendance history cannot be deleted by accident (it would change past reports).
    athlete_id bigint NOT NULL REFERENCES athletes (id) ON DELETE RESTRICT,
    status     text NOT NULL CONSTRAINT attendance_records_status_check CHECK (status IN ('present', 'late', 'excused', 'absent')),
    note       text NOT NULL DEFAULT '' CONSTRAINT attendance_records_note_check CHECK (length(note) <= 500),
    marked_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    marked_at  timestamptz NOT NULL DEFAULT now(),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1,
    CONSTRAINT attendance_records_session_athlete_key UNIQUE (session_id, athlete_id)
);
CREATE INDEX attendance_records_athlete_idx ON attendance_records (athlete_id);

-- Jobs unique only until they start (a re-sync): a change made while one runs must enqueue another,
-- since the running one may have read the schedule before the change. The claim clears the key.
ALTER TABLE jobs ADD COLUMN unique_until_started boolean NOT NULL DEFAULT false;
