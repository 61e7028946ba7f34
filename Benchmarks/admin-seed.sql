-- make bench-admin: 1,000,000 users for the admin change lists, on a freshly migrated database.
-- Deterministic (hashes of n, no random()): every run lists the same rows.
--   email         user<n>@example.org
--   display_name  one of 12 first names × 10 last names (Russian and English); "ivan" matches ~17%
--   role          1% admin, 4% manager, 15% coach, 80% student
--   is_active     one in three inactive
--   language      20% ru, 20% en, the rest NULL (follows the browser)
--   created_at    spread over the last three years; last_login_at after it for most active users
-- The password hash is a constant, well-formed argon2id string: nobody signs in as these users.

INSERT INTO users (email, display_name, password_hash, role, is_active, language, last_login_at, created_at, updated_at)
SELECT 'user' || n || '@example.org',
       (ARRAY['Ivan', 'Maria', 'Alexei', 'Olga', 'Dmitry', 'Anna',
              'Sergei', 'Elena', 'John', 'Emily', 'Michael', 'Sarah'])[1 + h1 % 12]
         || ' ' ||
       (ARRAY['Ivanov', 'Petrova', 'Smirnov', 'Kuznetsova', 'Popov',
              'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson'])[1 + h1 / 12 % 10],
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g',
       CASE WHEN h2 % 100 < 1 THEN 'admin' WHEN h2 % 100 < 5 THEN 'manager'
            WHEN h2 % 100 < 20 THEN 'coach' ELSE 'student' END,
       h3 % 3 <> 0,
       CASE h3 / 3 % 5 WHEN 0 THEN 'ru' WHEN 1 THEN 'en' END,
       CASE WHEN h3 % 3 <> 0 AND h3 / 15 % 10 <> 0 THEN created_at + (now() - created_at) * (h3 / 150 % 100 / 100.0) END,
       created_at,
       created_at
FROM (
    -- Independent pseudo-random numbers per row: hashes of n with different seeds.
    SELECT n,
           abs(hashint4extended(n, 1)) AS h1,
           abs(hashint4extended(n, 2)) AS h2,
           abs(hashint4extended(n, 3)) AS h3,
           now() - interval '3 years' * (abs(hashint4extended(n, 4)) % 1000000 / 1000000.0) AS created_at
    FROM generate_series(1, 1000000) AS n
) AS seeded;

-- What autovacuum would do soon anyway, done before measuring: planner statistics, hint bits and the
-- visibility map (index-only scans).
VACUUM (ANALYZE) users;

-- The bulk load's dirty pages written out now, not by the checkpoint its WAL started (spread over minutes, so
-- it wrote them while the first pages were measured).
CHECKPOINT;
