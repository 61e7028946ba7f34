-- make bench-commissions: 200 managers, 5,000 members (25 a team), 1,000,000 commission entries over the
-- three years 2024–2026, on a freshly migrated database. Deterministic (hashes of n, no random()).
-- Members stay in their team the whole time; entries are RUB (85 %) and EUR, pending / approved / paid
-- by age, about one in fifty an adjustment of the entry before it. The table's trigger (which looks up
-- the manager on each entry's date) is off for the bulk insert: manager_id is written directly, as the
-- trigger would. The password hash is a constant: nobody signs in as these users.

INSERT INTO users (email, display_name, password_hash, role)
SELECT 'manager' || n || '@example.org', 'Manager ' || n,
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g', 'manager'
FROM generate_series(1, 200) AS n;

INSERT INTO users (email, display_name, password_hash, role)
SELECT 'member' || n || '@example.org',
       (ARRAY['Ivan', 'Maria', 'Alexei', 'Olga', 'Dmitry', 'Anna', 'John', 'Emily'])[1 + n % 8] || ' '
         || (ARRAY['Ivanov', 'Petrova', 'Smirnov', 'Kuznetsova', 'Smith', 'Brown'])[1 + n / 8 % 6] || ' ' || n,
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g', 'coach'
FROM generate_series(1, 5000) AS n;

INSERT INTO teams (name, manager_id)
SELECT 'Team ' || substring(u.email from 'manager(\d+)@'), u.id FROM users u WHERE u.role = 'manager' AND u.email LIKE 'manager%@example.org';

INSERT INTO team_memberships (team_id, member_id, joined_on)
SELECT t.id, m.id, DATE '2024-01-01'
FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM users WHERE email LIKE 'member%@example.org') m
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM teams) t ON t.k = m.k / 25;

ALTER TABLE commission_entries DISABLE TRIGGER commission_entries_guard;

INSERT INTO commission_entries (member_id, manager_id, entry_date, deal, base_minor, rate_bp, currency, status, created_at, updated_at)
SELECT mm.member_id, t.manager_id, d, 'Deal ' || n, 10000 + h1 % 20000000, (ARRAY[250, 500, 750, 1000, 1250])[1 + h2 % 5],
       CASE WHEN h2 / 5 % 100 < 85 THEN 'RUB' ELSE 'EUR' END,
       CASE WHEN d >= DATE '2026-12-01' THEN 'pending' WHEN d >= DATE '2026-11-01' THEN 'approved' ELSE 'paid' END,
       now(), now()
FROM (
    SELECT n, abs(hashint4extended(n, 1)) AS h1, abs(hashint4extended(n, 2)) AS h2,
           DATE '2024-01-01' + (abs(hashint4extended(n, 3)) % 1096)::int AS d, 1 + (n % 5000) AS member_index
    FROM generate_series(1, 1000000) AS n
) e
JOIN (SELECT member_id, team_id, row_number() OVER (ORDER BY member_id) AS k FROM team_memberships) mm ON mm.k = e.member_index
JOIN teams t ON t.id = mm.team_id;

-- One in fifty paid entries gets an adjustment of a tenth of its base, a week later.
INSERT INTO commission_entries (member_id, manager_id, entry_date, deal, base_minor, rate_bp, currency, status, adjusts_id, reason)
SELECT member_id, manager_id, entry_date + 7, deal || ' (correction)', -(base_minor / 10 + 1), rate_bp, currency, 'paid', id, 'Discount'
FROM commission_entries WHERE status = 'paid' AND id % 50 = 0 AND entry_date < DATE '2026-10-01';

ALTER TABLE commission_entries ENABLE TRIGGER commission_entries_guard;
ANALYZE users; ANALYZE teams; ANALYZE team_memberships;
-- Vacuumed too, as autovacuum soon would: the report reads the team's entries from its index alone.
VACUUM (ANALYZE) commission_entries;
