-- Monitoring of fees (cost recovery per resource) and revocable iCalendar feeds at secret URLs.

-- What running a resource costs a month (staff, power, maintenance), in whole won; cost recovery is
-- the fees charged in a month divided by this. Empty when the coordinator has not said.
ALTER TABLE resource ADD COLUMN monthly_operating_cost bigint
    CONSTRAINT resource_operating_cost_nonnegative CHECK (monthly_operating_cost >= 0);

-- A calendar feed: the subscriber's calendar app fetches /feeds/<token>.ics without a session, so the
-- token is the credential. Only the SHA-256 of the 256-bit random token is kept; the URL is shown once.
CREATE TABLE calendar_feed (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id          bigint      NOT NULL CONSTRAINT calendar_feed_user_fk REFERENCES app_user (id),
    token_sha256     bytea       NOT NULL CONSTRAINT calendar_feed_token_unique UNIQUE
                         CONSTRAINT calendar_feed_token_length CHECK (length(token_sha256) = 32),
    name             text        NOT NULL CONSTRAINT calendar_feed_name_present CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    -- USER: the owner's own bookings; ORGANISATION: the owner's organisation's; RESOURCE: one resource's
    scope            text        NOT NULL CONSTRAINT calendar_feed_scope_known CHECK (scope IN ('USER', 'ORGANISATION', 'RESOURCE')),
    organisation_id  bigint      CONSTRAINT calendar_feed_organisation_fk REFERENCES organisation (id),
    resource_id      bigint      CONSTRAINT calendar_feed_resource_fk REFERENCES resource (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz,
    last_used_at     timestamptz,
    CONSTRAINT calendar_feed_scope_target CHECK (
        (scope = 'USER' AND organisation_id IS NULL AND resource_id IS NULL)
        OR (scope = 'ORGANISATION' AND organisation_id IS NOT NULL AND resource_id IS NULL)
        OR (scope = 'RESOURCE' AND resource_id IS NOT NULL AND organisation_id IS NULL))
);

CREATE INDEX calendar_feed_user_idx ON calendar_feed (user_id, created_at DESC);
