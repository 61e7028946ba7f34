-- Accounts: users and their roles, server-side sessions, login attempts (throttling) and the audit log.

CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         citext NOT NULL CONSTRAINT users_email_key UNIQUE
                  CONSTRAINT users_email_check CHECK (length(email) BETWEEN 3 AND 254 AND email LIKE '%_@_%'),
    display_name  text NOT NULL CONSTRAINT users_display_name_check CHECK (length(btrim(display_name)) BETWEEN 1 AND 150),
    -- argon2id in the PHC string format: $argon2id$v=19$m=…,t=…,p=…$salt$hash
    password_hash text NOT NULL CONSTRAINT users_password_hash_check CHECK (password_hash LIKE '$argon2id$%'),
    role          text NOT NULL CONSTRAINT users_role_check CHECK (role IN ('admin', 'manager', 'coach', 'student')),
    is_active     boolean NOT NULL DEFAULT true,
    -- The interface language the user chose; NULL follows the browser.
    language      text CONSTRAINT users_language_check CHECK (language IN ('en', 'ru')),
    last_login_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    version       integer NOT NULL DEFAULT 1
);
CREATE INDEX users_role_idx ON users (role);
CREATE INDEX users_display_name_idx ON users (display_name, id);
-- The change list's search (`ILIKE '%word%'` on the text of each search field) uses trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_search_idx ON users USING gin ((email::text) gin_trgm_ops, display_name gin_trgm_ops);

-- A browser's session. The cookie holds a 256-bit random token; only its SHA-256 is stored, so the
-- table's contents cannot be replayed as cookies. A session without a user is a pre-login session:
-- it exists so the login form (and other public forms) have a CSRF token tied to the browser.
CREATE TABLE sessions (
    token_hash   bytea PRIMARY KEY,
    user_id      bigint REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   text NOT NULL,
    flashes      jsonb NOT NULL DEFAULT '[]',
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    -- The absolute end of the session, whatever its activity.
    expires_at   timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expiry_idx ON sessions (expires_at);
CREATE INDEX sessions_last_seen_idx ON sessions (last_seen_at);

-- Failed and successful logins, read by the throttle (per account and per client address).
CREATE TABLE login_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        citext NOT NULL,
    address      text NOT NULL,
    succeeded    boolean NOT NULL,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_address_idx ON login_attempts (address, attempted_at) WHERE NOT succeeded;

-- Who did what to which object, and which fields changed (old and new values; never a password).
CREATE TABLE audit_records (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint REFERENCES users (id) ON DELETE SET NULL,
    -- The actor's name at the time, kept when the user is deleted.
    actor_label  text,
    action       text NOT NULL,
    object_type  text,
    object_id    text,
    object_label text,
    -- [{"field": "role", "old": "coach", "new": "admin"}, …]
    changes      jsonb NOT NULL DEFAULT '[]',
    address      text
);
CREATE INDEX audit_records_object_idx ON audit_records (object_type, object_id, occurred_at DESC);
CREATE INDEX audit_records_actor_idx ON audit_records (actor_id, occurred_at DESC);
CREATE INDEX audit_records_occurred_idx ON audit_records (occurred_at DESC);
