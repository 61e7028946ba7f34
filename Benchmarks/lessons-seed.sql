-- make bench-lessons: 100,000 lessons with 3 students each, as the DRF anchor seeds them
-- (50 teachers, 2,000 students), on a freshly migrated database. Deterministic.
-- Every lesson is scheduled and its start is past, so any of them can be started and then cancelled;
-- each teacher's 2,000 lessons follow one another hour by hour (no double booking), without rooms.
-- The password hash is a constant, well-formed argon2id string: nobody signs in as these users.

INSERT INTO users (email, display_name, password_hash, role)
SELECT 'teacher' || n || '@example.org', 'Teacher ' || n,
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g', 'coach'
FROM generate_series(1, 50) AS n;

INSERT INTO users (email, display_name, password_hash, role, language)
SELECT 'student' || n || '@example.org', 'Student ' || n,
       '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g', 'student',
       CASE WHEN n % 2 = 0 THEN 'ru' END
FROM generate_series(1, 2000) AS n;

CREATE TEMPORARY TABLE bench_teachers AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM users WHERE role = 'coach' AND email LIKE 'teacher%';
CREATE TEMPORARY TABLE bench_students AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM users WHERE role = 'student' AND email LIKE 'student%';

-- Lesson n: teacher n % 50, its (n / 50)-th hour back from two hours ago.
INSERT INTO lessons (title, description, teacher_id, starts_at, ends_at, created_at, updated_at)
SELECT 'Lesson ' || n, 'Seeded lesson ' || n, t.id,
       date_trunc('hour', now()) - interval '2 hours' - interval '1 hour' * (n / 50),
       date_trunc('hour', now()) - interval '2 hours' - interval '1 hour' * (n / 50) + interval '45 minutes',
       now(), now()
FROM generate_series(0, 99999) AS n JOIN bench_teachers t ON t.k = n % 50
ORDER BY n;

-- Three different students a lesson (offsets 0, 677 and 1,354 apart among the 2,000).
INSERT INTO lesson_students (lesson_id, student_id)
SELECT l.id, s.id
FROM lessons l, generate_series(0, 2) AS j, bench_students s
WHERE s.k = (l.id * 7 + j * 677) % 2000;

INSERT INTO lesson_events (lesson_id, kind, to_status, occurred_at) SELECT id, 'created', 'scheduled', created_at FROM lessons;

VACUUM (ANALYZE) users, lessons, lesson_students, lesson_events, lesson_tallies;
