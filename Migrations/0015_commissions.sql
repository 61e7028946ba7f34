-- Commissions: teams (a manager and members, with dated membership), commission entries with their
-- approval, and the reports emailed to managers.

-- A team: one manager (a user with the role manager) and the members of its memberships.
CREATE TABLE teams (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL CONSTRAINT teams_name_check CHECK (length(btrim(name)) BETWEEN 1 AND 200),
    manager_id bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT CONSTRAINT teams_manager_key UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    version    integer NOT NULL DEFAULT 1
);

-- A member belongs to one team at a time: from joined_on to left_on, both included (an open end: still
-- a member). Past entries keep the manager they had on their date (commission_entries.manager_id).
CREATE TABLE team_memberships (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id   bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    member_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_on date NOT NULL,
    left_on   date,
    CONSTRAINT team_memberships_dates_check CHECK (left_on IS NULL OR left_on >= joined_on),
    CONSTRAINT team_memberships_overlap_excl EXCLUDE USING gist (member_id WITH =, daterange(joined_on, left_on, '[]') WITH &&)
);
CREATE INDEX team_memberships_team_idx ON team_memberships (team_id, joined_on);

-- A commission entry. Money is in integer minor units of its currency (kopecks, cents); the rate in
-- basis points (1 % = 100). The commission is computed when the entry is written, rounded half away
-- from zero to the minor unit, and stored: totals are sums of these rounded entries.
-- An adjustment (adjusts_id set) corrects an approved or paid entry: a signed base, a reason.
CREATE TABLE commission_entries (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    member_id        bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
    -- The member's manager on entry_date, set by the trigger below (NULL: in no team then).
    manager_id       bigint REFERENCES users (id) ON DELETE RESTRICT,
    entry_date       date NOT NULL,
    deal             text NOT NULL CONSTRAINT commission_entries_deal_check CHECK (length(btrim(deal)) BETWEEN 1 AND 200),
    note             text NOT NULL DEFAULT '' CONSTRAINT commission_entries_note_check CHECK (length(note) <= 5000),
    base_minor       bigint NOT NULL CONSTRAINT commission_entries_base_check CHECK (abs(base_minor) <= 100000000000000),
    rate_bp          integer NOT NULL CONSTRAINT commission_entries_rate_check CHECK (rate_bp BETWEEN 0 AND 10000),
    commission_minor bigint NOT NULL GENERATED ALWAYS AS (
        CASE WHEN base_minor < 0 THEN -((-base_minor * rate_bp + 5000) / 10000) ELSE (base_minor * rate_bp + 5000) / 10000 END) STORED,
    currency         text NOT NULL DEFAULT 'RUB' CONSTRAINT commission_entries_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
    status           text NOT NULL DEFAULT 'pending'
                     CONSTRAINT commission_entries_status_check CHECK (status IN ('pending', 'approved', 'paid')),
    adjusts_id       bigint REFERENCES commission_entries (id) ON DELETE RESTRICT,
    reason           text NOT NULL DEFAULT '' CONSTRAINT commission_entries_reason_check CHECK (length(reason) <= 500),
    status_changed_by bigint REFERENCES users (id) ON DELETE SET NULL,
    status_changed_at timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    version          integer NOT NULL DEFAULT 1,
    CONSTRAINT commission_entries_kind_check CHECK (
        (adjusts_id IS NULL AND base_minor > 0) OR (adjusts_id IS NOT NULL AND base_minor <> 0 AND length(btrim(reason)) > 0))
);
-- Every column the report reads (its sums and its digest of id, version and status): an index-only scan.
CREATE INDEX commission_entries_manager_idx ON commission_entries (manager_id, entry_date)
    INCLUDE (member_id, currency, status, base_minor, commission_minor, adjusts_id, id, version);
CREATE INDEX commission_entries_member_idx ON commission_entries (member_id, entry_date);
CREATE INDEX commission_entries_adjusts_idx ON commission_entries (adjusts_id) WHERE adjusts_id IS NOT NULL;
CREATE INDEX commission_entries_search_idx ON commission_entries USING gin (deal gin_trgm_ops);

-- Writes the manager at the entry's date, and keeps what the application promises whoever writes:
-- an approved or paid entry changes only from approved to paid; status moves forward only; an
-- adjustment corrects an approved or paid entry of the same member in the same currency.
CREATE FUNCTION commission_entries_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    original commission_entries%ROWTYPE;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.status <> 'pending' THEN
        IF NEW.status = OLD.status OR (OLD.status, NEW.status) <> ('approved', 'paid')
           OR (NEW.member_id, NEW.entry_date, NEW.deal, NEW.note, NEW.base_minor, NEW.rate_bp, NEW.currency, NEW.adjusts_id, NEW.reason)
              IS DISTINCT FROM (OLD.member_id, OLD.entry_date, OLD.deal, OLD.note, OLD.base_minor, OLD.rate_bp, OLD.currency, OLD.adjusts_id, OLD.reason) THEN
            RAISE EXCEPTION 'an approved or paid commission entry cannot be changed'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'commission_entries_locked_check';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.status = 'paid' AND OLD.status = 'pending' THEN
        RAISE EXCEPTION 'a pending commission entry is approved before it is paid'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'commission_entries_locked_check';
    END IF;
    IF NEW.adjusts_id IS NOT NULL THEN
        SELECT * INTO original FROM commission_entries WHERE id = NEW.adjusts_id;
        IF NOT FOUND OR original.status = 'pending' OR original.adjusts_id IS NOT NULL OR original.member_id <> NEW.member_id
           OR original.currency <> NEW.currency OR original.id = NEW.id THEN
            RAISE EXCEPTION 'an adjustment corrects an approved or paid entry of the same member and currency'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'commission_entries_adjusts_check';
        END IF;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.member_id IS DISTINCT FROM OLD.member_id OR NEW.entry_date IS DISTINCT FROM OLD.entry_date THEN
        NEW.manager_id := (
            SELECT t.manager_id FROM team_memberships m JOIN teams t ON t.id = m.team_id
            WHERE m.member_id = NEW.member_id AND m.joined_on <= NEW.entry_date AND (m.left_on IS NULL OR m.left_on >= NEW.entry_date));
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER commission_entries_guard BEFORE INSERT OR UPDATE ON commission_entries
    FOR EACH ROW EXECUTE FUNCTION commission_entries_guard();

-- Each commission report emailed: to whom, when, for which manager and period, what it said, and a
-- fingerprint of the entries it was made from (the report page says when they changed since).
-- job_id is unique: a job that runs again (a retry, a second worker) finds its send and stops.
CREATE TABLE commission_report_sends (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    manager_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    period       text NOT NULL CONSTRAINT commission_report_sends_period_check CHECK (length(period) BETWEEN 4 AND 30),
    job_id       bigint CONSTRAINT commission_report_sends_job_key UNIQUE,
    recipient    text NOT NULL,
    subject      text NOT NULL,
    text_body    text NOT NULL,
    html_body    text NOT NULL,
    fingerprint  text NOT NULL,
    sent_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commission_report_sends_manager_idx ON commission_report_sends (manager_id, period, sent_at DESC);

-- An amount of minor units as the change list shows it, language-neutral: `-1500.05 RUB`, `300 JPY` (a no-break
-- space before the code, so a narrow column never splits the two).
CREATE FUNCTION commission_amount_text(minor bigint, currency text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN minor < 0 THEN '-' ELSE '' END
        || CASE WHEN currency = 'JPY' THEN abs(minor)::text
                ELSE (abs(minor) / 100)::text || '.' || lpad((abs(minor) % 100)::text, 2, '0') END
        || chr(160) || currency
$$;
