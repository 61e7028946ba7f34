-- Debate registration: events, seat pools shared by cases, public registrations and the waiting list.
-- A pool's `taken` counts its cases' active registrations and held waiting-list offers; it changes only in
-- the transaction that registers, switches, cancels or offers, and its CHECK makes overselling impossible.

CREATE TABLE debate_events (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title       text NOT NULL CONSTRAINT debate_events_title_check CHECK (length(btrim(title)) BETWEEN 1 AND 200),
    -- The public address: /debates/<slug>.
    slug        text NOT NULL CONSTRAINT debate_events_slug_key UNIQUE
                CONSTRAINT debate_events_slug_check CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 100),
    -- Markdown, rendered by cmark in safe mode.
    description text NOT NULL DEFAULT '' CONSTRAINT debate_events_description_check CHECK (length(description) <= 20000),
    opens_at    timestamptz NOT NULL,
    closes_at   timestamptz NOT NULL,
    is_archived boolean NOT NULL DEFAULT false,
    -- How long a waiting-list offer holds its seat.
    offer_hours integer NOT NULL DEFAULT 24 CONSTRAINT debate_events_offer_hours_check CHECK (offer_hours BETWEEN 1 AND 720),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    CONSTRAINT debate_events_window_check CHECK (closes_at > opens_at)
);

CREATE TABLE debate_seat_pools (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES debate_events (id) ON DELETE CASCADE,
    name       text NOT NULL CONSTRAINT debate_seat_pools_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 150),
    capacity   integer NOT NULL CONSTRAINT debate_seat_pools_capacity_check CHECK (capacity BETWEEN 0 AND 100000),
    taken      integer NOT NULL DEFAULT 0 CONSTRAINT debate_seat_pools_taken_check CHECK (taken BETWEEN 0 AND capacity),
    note       text NOT NULL DEFAULT '' CONSTRAINT debate_seat_pools_note_check CHECK (length(note) <= 1000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1,
    CONSTRAINT debate_seat_pools_name_key UNIQUE (event_id, name),
    CONSTRAINT debate_seat_pools_event_key UNIQUE (id, event_id)
);

CREATE TABLE debate_cases (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    bigint NOT NULL REFERENCES debate_events (id) ON DELETE CASCADE,
    pool_id     bigint NOT NULL,
    name        text NOT NULL CONSTRAINT debate_cases_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 150),
    description text NOT NULL DEFAULT '' CONSTRAINT debate_cases_description_check CHECK (length(description) <= 5000),
    position    integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     integer NOT NULL DEFAULT 1,
    CONSTRAINT debate_cases_name_key UNIQUE (event_id, name),
    CONSTRAINT debate_cases_event_key UNIQUE (id, event_id),
    -- A case's pool belongs to the case's event.
    CONSTRAINT debate_cases_pool_fkey FOREIGN KEY (pool_id, event_id) REFERENCES debate_seat_pools (id, event_id) ON DELETE RESTRICT
);
CREATE INDEX debate_cases_pool_idx ON debate_cases (pool_id);

CREATE TABLE debate_registrations (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     bigint NOT NULL,
    case_id      bigint NOT NULL,
    full_name    text NOT NULL CONSTRAINT debate_registrations_full_name_check CHECK (length(btrim(full_name)) BETWEEN 1 AND 150),
    -- Normalised (trimmed, lower-case) by the application.
    email        text NOT NULL CONSTRAINT debate_registrations_email_check CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    affiliation  text NOT NULL DEFAULT '' CONSTRAINT debate_registrations_affiliation_check CHECK (length(affiliation) <= 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    cancelled_at timestamptz,
    version      integer NOT NULL DEFAULT 1,
    CONSTRAINT debate_registrations_case_fkey FOREIGN KEY (case_id, event_id) REFERENCES debate_cases (id, event_id) ON DELETE RESTRICT
);
-- One active registration per address and event; a cancelled one leaves the address free.
CREATE UNIQUE INDEX debate_registrations_active_email_key ON debate_registrations (event_id, email) WHERE cancelled_at IS NULL;
CREATE INDEX debate_registrations_case_idx ON debate_registrations (case_id) WHERE cancelled_at IS NULL;
CREATE INDEX debate_registrations_search_idx ON debate_registrations USING gin ((full_name || ' ' || email) gin_trgm_ops);

-- The private self-service links of a registration: only the SHA-256 of each token is kept. A link is
-- made when the registration is confirmed and each time its address asks again (each mail its own).
CREATE TABLE debate_registration_links (
    token_hash      bytea PRIMARY KEY CONSTRAINT debate_registration_links_hash_check CHECK (length(token_hash) = 32),
    registration_id bigint NOT NULL REFERENCES debate_registrations (id) ON DELETE CASCADE,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX debate_registration_links_registration_idx ON debate_registration_links (registration_id);

-- The waiting list of a case: waiting, then offered (the offer holds a seat of the pool until it expires),
-- then accepted (a registration), declined or expired; withdrawn when the person leaves the list.
CREATE TABLE debate_waitlist_entries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         bigint NOT NULL,
    case_id          bigint NOT NULL,
    full_name        text NOT NULL CONSTRAINT debate_waitlist_entries_full_name_check CHECK (length(btrim(full_name)) BETWEEN 1 AND 150),
    email            text NOT NULL CONSTRAINT debate_waitlist_entries_email_check CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email)),
    affiliation      text NOT NULL DEFAULT '' CONSTRAINT debate_waitlist_entries_affiliation_check CHECK (length(affiliation) <= 200),
    state            text NOT NULL DEFAULT 'waiting'
                     CONSTRAINT debate_waitlist_entries_state_check CHECK (state IN ('waiting', 'offered', 'accepted', 'declined', 'expired', 'withdrawn')),
    token_hash       bytea CONSTRAINT debate_waitlist_entries_token_key UNIQUE,
    offered_at       timestamptz,
    offer_expires_at timestamptz,
    ended_at         timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT debate_waitlist_entries_case_fkey FOREIGN KEY (case_id, event_id) REFERENCES debate_cases (id, event_id) ON DELETE CASCADE,
    CONSTRAINT debate_waitlist_entries_offer_check CHECK (state <> 'offered' OR (offered_at IS NOT NULL AND offer_expires_at IS NOT NULL))
);
-- One place in line per address and event while waiting or offered.
CREATE UNIQUE INDEX debate_waitlist_entries_active_email_key ON debate_waitlist_entries (event_id, email) WHERE state IN ('waiting', 'offered');
CREATE INDEX debate_waitlist_entries_queue_idx ON debate_waitlist_entries (case_id, created_at, id) WHERE state = 'waiting';
