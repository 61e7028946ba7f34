-- Palestra's first migration: the extensions later migrations rely on.
-- citext: case-insensitive text, for e-mail addresses (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS citext;
