-- Browsers that have signed in to an account before (OWASP's device cookies): a correct password from
-- one of them is never refused by the per-account or per-address limits, so nobody can lock a user out
-- by failing sign-ins in their name. The cookie holds a 256-bit random token; only its SHA-256 is kept.
CREATE TABLE login_devices (
    token_hash   bytea NOT NULL,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (token_hash, user_id)
);
CREATE INDEX login_devices_user_idx ON login_devices (user_id);

-- The known device an attempt came from (its token's hash), or NULL for an unknown one: only unknown
-- devices' failures count against an account and an address; a known device's count against that device.
ALTER TABLE login_attempts ADD COLUMN device bytea;
CREATE INDEX login_attempts_device_idx ON login_attempts (device, attempted_at) WHERE device IS NOT NULL;
