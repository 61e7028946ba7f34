-- Notifications: a message to one user, shown in their inbox and delivered once by a DeliverNotification
-- job enqueued in the same transaction (both commit together or not at all).

CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- What caused it, for code and filters: `lesson.status_changed`, `debate.seat_confirmed` …
    kind         text NOT NULL CONSTRAINT notifications_kind_check CHECK (kind ~ '^[a-z][a-z0-9_.-]{0,63}$'),
    -- One line (it becomes a mail's Subject): no control characters.
    subject      text NOT NULL CONSTRAINT notifications_subject_check
                 CHECK (length(btrim(subject)) BETWEEN 1 AND 200 AND subject !~ '[[:cntrl:]]'),
    -- Markdown, rendered by cmark in safe mode in the inbox, sent as written by mail.
    body         text NOT NULL DEFAULT '' CONSTRAINT notifications_body_check CHECK (length(body) <= 20000),
    -- A path on this site (`/lessons/7`) or an http(s) URL; never `javascript:` and the like.
    link         text CONSTRAINT notifications_link_check
                 CHECK (link IS NULL OR (length(link) <= 2000 AND link !~ '[[:space:][:cntrl:]]'
                        AND (link ~ '^/([^/\\]|$)' OR link ~* '^https?://[^/\\]'))),
    created_at   timestamptz NOT NULL DEFAULT now(),
    read_at      timestamptz,
    -- Set by the delivery job in the transaction that holds the row lock while it sends.
    delivered_at timestamptz
);
-- The inbox: a recipient's newest first (the id breaks ties, so pages are stable).
CREATE INDEX notifications_inbox_idx ON notifications (recipient_id, created_at DESC, id DESC);
-- The header's unread count on every signed-in page.
CREATE INDEX notifications_unread_idx ON notifications (recipient_id) WHERE read_at IS NULL;
