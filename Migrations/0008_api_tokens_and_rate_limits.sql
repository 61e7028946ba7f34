-- The JSON API's bearer tokens, the per-address rate limits of every surface, and the server secrets
-- that several server processes must share (the key that signs the public pages' visitor CSRF tokens).

-- A user's API token. The secret (`pal_` + 43 URL-safe characters) is shown once; only its SHA-256
-- is stored, so the table's contents cannot be replayed as tokens. The prefix (its first characters)
-- is kept in clear only to tell a user's tokens apart on a list.
CREATE TABLE api_tokens (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL CONSTRAINT api_tokens_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    token_hash   bytea NOT NULL CONSTRAINT api_tokens_token_hash_key UNIQUE
                 CONSTRAINT api_tokens_token_hash_check CHECK (octet_length(token_hash) = 32),
    prefix       text NOT NULL CONSTRAINT api_tokens_prefix_check CHECK (length(prefix) BETWEEN 1 AND 16),
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- Written at most once a minute, so reading the API does not always write.
    last_used_at timestamptz,
    revoked_at   timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

-- One counter per (bucket, client address): a window opens at its first request and lasts the
-- limit's length; the next request after it ends opens a new one. One upsert per request, no state
-- in any server's memory, so every process counts against the same limit.
CREATE TABLE rate_limits (
    bucket    text NOT NULL CONSTRAINT rate_limits_bucket_check CHECK (length(bucket) BETWEEN 1 AND 100),
    address   text NOT NULL,
    hits      integer NOT NULL CONSTRAINT rate_limits_hits_check CHECK (hits >= 1),
    window_ends_at timestamptz NOT NULL,
    PRIMARY KEY (bucket, address)
);
-- Ended windows are deleted a few at a time whenever a new window opens.
CREATE INDEX rate_limits_window_ends_idx ON rate_limits (window_ends_at);

-- Secrets generated once by whichever server process needs them first, then read by all.
CREATE TABLE site_secrets (
    name       text PRIMARY KEY,
    value      bytea NOT NULL CONSTRAINT site_secrets_value_check CHECK (octet_length(value) >= 32),
    created_at timestamptz NOT NULL DEFAULT now()
);
