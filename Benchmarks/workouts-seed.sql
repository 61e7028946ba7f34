-- make bench-workouts: 50 recurring workouts over five years with 10,000 completed occurrences (3 sets each),
-- owned by bench@example.org. Each workout starts on a date its rule produces; each occurrence is on such a date.
WITH owner AS (SELECT id FROM users WHERE email = 'bench@example.org'),
monday AS (SELECT (date_trunc('week', current_date - 1825))::date AS d)
INSERT INTO workouts (owner_id, name, activity, starts_at, duration_minutes, start_date, rule)
SELECT owner.id, 'Workout ' || g, (ARRAY['strength', 'running', 'cycling', 'swimming', 'yoga', 'other'])[1 + g % 6],
       time '06:00' + (g % 14) * interval '1 hour', 45,
       CASE g % 5 WHEN 0 THEN monday.d + g % 7 WHEN 1 THEN monday.d WHEN 2 THEN monday.d + 1
                  WHEN 3 THEN (date_trunc('month', monday.d) + interval '1 month - 1 day')::date ELSE monday.d + 5 END,
       CASE g % 5 WHEN 0 THEN 'FREQ=DAILY;INTERVAL=3' WHEN 1 THEN 'FREQ=WEEKLY;BYDAY=MO,WE,FR'
                  WHEN 2 THEN 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO' WHEN 3 THEN 'FREQ=MONTHLY;BYMONTHDAY=-1' ELSE 'FREQ=WEEKLY;BYDAY=SA' END
FROM generate_series(1, 50) AS g, owner, monday;

INSERT INTO workout_exercises (workout_id, position, name, sets, reps, weight_kg, rest_seconds)
SELECT w.id, n, 'Exercise ' || n, 3, 10, 40 + 5 * n, 90
FROM workouts w JOIN users u ON u.id = w.owner_id AND u.email = 'bench@example.org', generate_series(1, 3) AS n;

-- The latest dates each rule produced before today: 235 per weekly or daily workout, 60 per monthly one (10,000).
INSERT INTO workout_occurrences (workout_id, occurrence_date, status, name, activity, starts_at, duration_minutes,
                                 started_at, ended_at, duration_seconds, notes, rating, difficulty)
SELECT w.id, dates.d, 'completed', w.name, w.activity, w.starts_at, w.duration_minutes,
       dates.d + w.starts_at, dates.d + w.starts_at + interval '50 minutes', 3000, 'Bench note', 4, 6
FROM workouts w
JOIN users u ON u.id = w.owner_id AND u.email = 'bench@example.org'
CROSS JOIN LATERAL (
    SELECT day::date AS d
    FROM generate_series(w.start_date, current_date - 1, interval '1 day') AS day
    WHERE CASE w.rule
        WHEN 'FREQ=DAILY;INTERVAL=3' THEN (day::date - w.start_date) % 3 = 0
        WHEN 'FREQ=WEEKLY;BYDAY=MO,WE,FR' THEN extract(isodow FROM day) IN (1, 3, 5)
        WHEN 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=MO' THEN extract(isodow FROM day) IN (2, 4) AND ((day::date - (w.start_date - 1)) / 7) % 2 = 0
        WHEN 'FREQ=MONTHLY;BYMONTHDAY=-1' THEN extract(day FROM day + interval '1 day') = 1
        ELSE extract(isodow FROM day) = 6 END
    ORDER BY day DESC
    LIMIT CASE WHEN w.rule LIKE 'FREQ=MONTHLY%' THEN 60 ELSE 235 END
) AS dates;

INSERT INTO workout_sets (occurrence_id, position, exercise, set_number, reps, weight_kg)
SELECT o.id, n, 'Exercise ' || n, 1, 10, 40 + 5 * n
FROM workout_occurrences o JOIN workouts w ON w.id = o.workout_id JOIN users u ON u.id = w.owner_id AND u.email = 'bench@example.org',
     generate_series(1, 3) AS n;

-- Vacuumed as autovacuum soon would on a live database (10,000 inserted rows pass its insert threshold): the
-- visibility map lets counts read the indexes alone.
VACUUM (ANALYZE) workouts, workout_exercises, workout_occurrences, workout_sets, workout_exercise_days;
