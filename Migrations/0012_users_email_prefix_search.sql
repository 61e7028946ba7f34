-- The users' change list searches an email by its beginning — the whole address or its domain — and the name
-- anywhere in it. A substring search over emails read most of the trigram index once the addresses share text
-- (`q=user777777` over 1,000,000 users of the form user<n>@example.org: every address holds "use", "ser", "exa"…,
-- and PostgreSQL reads each of those trigrams' lists whole: 38 ms a search). A prefix is a range of a btree.
DROP INDEX users_search_idx;
CREATE INDEX users_search_idx ON users USING gin (display_name gin_trgm_ops);
CREATE INDEX users_email_prefix_idx ON users (lower(email::text) text_pattern_ops);
CREATE INDEX users_email_domain_prefix_idx ON users (split_part(lower(email::text), '@', 2) text_pattern_ops);
