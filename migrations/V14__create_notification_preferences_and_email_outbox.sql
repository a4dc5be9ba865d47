-- Notifications: paging index, per-user preferences, the e-mail outbox and booking reminders.

-- "newest first" pages of one user's notifications
CREATE INDEX notification_user_time_idx ON notification (user_id, created_at DESC, id DESC);

-- Per kind, whether a user wants it in the app and by e-mail. Only choices that differ from the
-- defaults need a row; the defaults live in the code (notify/NotificationKind).
CREATE TABLE notification_preference (
    user_id     bigint      NOT NULL CONSTRAINT notification_preference_user_fk REFERENCES app_user (id),
    kind        text        NOT NULL CONSTRAINT notification_preference_kind_present CHECK (length(kind) BETWEEN 1 AND 100),
    in_app      boolean     NOT NULL,
    email       boolean     NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT notification_preference_pk PRIMARY KEY (user_id, kind)
);

-- The language a user's e-mails are written in (Korean unless they chose English).
CREATE TABLE notification_setting (
    user_id         bigint      PRIMARY KEY CONSTRAINT notification_setting_user_fk REFERENCES app_user (id),
    email_language  text        NOT NULL DEFAULT 'ko' CONSTRAINT notification_setting_language_known CHECK (email_language IN ('ko', 'en')),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

-- E-mails to send, written in the transaction of the change they announce and sent by a job on
-- any app instance: PENDING → SENDING (claimed, with a lease) → SENT, or back to PENDING with a
-- later next_attempt_at after a failure, and FAILED after the last attempt.
CREATE TABLE email_outbox (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient        text        NOT NULL CONSTRAINT email_outbox_recipient_present CHECK (length(btrim(recipient)) > 0),
    user_id          bigint      CONSTRAINT email_outbox_user_fk REFERENCES app_user (id),
    kind             text,
    subject          text        NOT NULL,
    body_text        text        NOT NULL,
    body_html        text,
    status           text        NOT NULL DEFAULT 'PENDING' CONSTRAINT email_outbox_status_known CHECK (status IN
                         ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0 CONSTRAINT email_outbox_attempts_not_negative CHECK (attempts >= 0),
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CONSTRAINT email_outbox_sending_has_lease CHECK (status <> 'SENDING' OR lease_until IS NOT NULL)
);

CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX email_outbox_user_idx ON email_outbox (user_id, created_at);

-- One row per reminder sent, so each reminder of a booking goes out once, whatever the number of
-- app instances running the reminder job.
CREATE TABLE booking_reminder (
    booking_id  bigint      NOT NULL CONSTRAINT booking_reminder_booking_fk REFERENCES booking (id) ON DELETE CASCADE,
    lead        text        NOT NULL CONSTRAINT booking_reminder_lead_known CHECK (lead IN ('DAY', 'HOUR')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT booking_reminder_pk PRIMARY KEY (booking_id, lead)
);
