-- Booking writes no longer wait on shared rows (issue 6, measured by the benchmark harness).
--
-- V17 applied each booking's usage to the aggregate rows inside the booking's own transaction, and
-- V16 called pg_notify there. Both cost the guarded INSERT most of its speed: the aggregate upserts
-- (daily, hourly, then the monthly roll-up) tripled its cost and made concurrent bookings of one
-- resource and day wait for each other's commit on the same aggregate rows; NOTIFY takes a lock
-- held until after the commit is flushed, so every notifying transaction committed one at a time.
--
-- Now both triggers append one row to a queue (no conflicts, no shared rows) and the work happens
-- in batches outside the booking's transaction:
--   * booking_usage_fold() moves the queued usage changes into the aggregates: a job runs it every
--     few seconds, and every dashboard read runs it first, so the figures stay exact at each read;
--   * booking_change_relay() publishes the queued live changes with pg_notify, many per commit:
--     a job on each app instance runs it several times a second (one instance at a time).
-- Trigger and function names stay, so tools that switch the triggers off by name keep working.

-- ---- usage

-- One row per booking change that moves a figure: the booking as it was (sign -1) or is now (sign 1).
CREATE TABLE booking_usage_change (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sign             smallint    NOT NULL CONSTRAINT usage_change_sign CHECK (sign IN (-1, 1)),
    status           text        NOT NULL,
    resource_id      bigint      NOT NULL,
    organisation_id  bigint      NOT NULL,
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    units            integer     NOT NULL,
    pallets          integer     NOT NULL,
    kg               integer     NOT NULL,
    fee_won          bigint      NOT NULL,
    late_cancel      boolean     NOT NULL
);

CREATE OR REPLACE FUNCTION booking_usage_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.status, OLD.resource_id, OLD.organisation_id, OLD.starts_at, OLD.ends_at, OLD.units,
                             OLD.pallets, OLD.kg, OLD.fee_won, OLD.late_cancel)
                 IS NOT DISTINCT FROM (NEW.status, NEW.resource_id, NEW.organisation_id, NEW.starts_at, NEW.ends_at, NEW.units,
                             NEW.pallets, NEW.kg, NEW.fee_won, NEW.late_cancel) THEN
        RETURN NULL;
    END IF;
    -- a waitlist offer (HELD) and its expiry count for nothing
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status NOT IN ('HELD', 'EXPIRED') THEN
        INSERT INTO booking_usage_change (sign, status, resource_id, organisation_id, starts_at, ends_at, units, pallets, kg,
                                          fee_won, late_cancel)
        VALUES (-1, OLD.status, OLD.resource_id, OLD.organisation_id, OLD.starts_at, OLD.ends_at, OLD.units, OLD.pallets, OLD.kg,
                OLD.fee_won, OLD.late_cancel);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status NOT IN ('HELD', 'EXPIRED') THEN
        INSERT INTO booking_usage_change (sign, status, resource_id, organisation_id, starts_at, ends_at, units, pallets, kg,
                                          fee_won, late_cancel)
        VALUES (1, NEW.status, NEW.resource_id, NEW.organisation_id, NEW.starts_at, NEW.ends_at, NEW.units, NEW.pallets, NEW.kg,
                NEW.fee_won, NEW.late_cancel);
    END IF;
    RETURN NULL;
END
$$;

-- booking_usage_apply (V17's per-row upserts) is not called any more
DROP FUNCTION booking_usage_apply(booking, integer);

-- Moves up to max_changes queued changes into booking_usage_daily and booking_usage_hourly (the
-- monthly rows follow by V17's roll-up trigger), in one transaction with their removal from the
-- queue; returns how many it moved. One fold at a time (an advisory lock, shared with
-- booking_usage_rebuild): a caller that waits sees everything the fold before it moved.
-- The definitions are V17's (see there); changes in one batch are summed before they touch a row.
CREATE FUNCTION booking_usage_fold(max_changes integer DEFAULT 100000) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    folded integer;
BEGIN
    PERFORM pg_advisory_xact_lock(7250118001);
    WITH moved AS (
        DELETE FROM booking_usage_change
         WHERE id IN (SELECT id FROM booking_usage_change ORDER BY id LIMIT max_changes)
        RETURNING sign, status, resource_id, organisation_id, starts_at, ends_at, units, pallets, kg, fee_won, late_cancel
    ), c AS (
        SELECT m.*, m.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED') AS booked,
               m.status IN ('CHECKED_IN', 'COMPLETED') AS used
          FROM moved m
    ), pieces AS (
        SELECT c.resource_id, c.organisation_id, c.sign, c.units, c.used, p.day, p.hour, p.minutes
          FROM c CROSS JOIN LATERAL booking_hour_pieces(c.starts_at, c.ends_at) p
         WHERE c.booked
    ), counts AS (
        SELECT resource_id, (starts_at AT TIME ZONE 'Asia/Seoul')::date AS day, organisation_id,
               coalesce(sum(sign * pallets) FILTER (WHERE booked), 0) AS booked_pallets,
               coalesce(sum(sign * kg) FILTER (WHERE booked), 0) AS booked_kg,
               sum(sign) AS bookings,
               coalesce(sum(sign) FILTER (WHERE status IN ('CHECKED_IN', 'COMPLETED', 'NO_SHOW')), 0) AS reached_start,
               coalesce(sum(sign) FILTER (WHERE status = 'NO_SHOW'), 0) AS no_shows,
               coalesce(sum(sign) FILTER (WHERE status = 'CANCELLED'), 0) AS cancellations,
               coalesce(sum(sign) FILTER (WHERE status = 'CANCELLED' AND late_cancel), 0) AS late_cancels,
               coalesce(sum(sign * fee_won) FILTER (WHERE status IN ('CHECKED_IN', 'COMPLETED', 'NO_SHOW')
                                                     OR (status = 'CANCELLED' AND late_cancel)), 0) AS charged_fee_won
          FROM c GROUP BY 1, 2, 3
    ), minutes AS (
        SELECT resource_id, day, organisation_id,
               sum(sign * minutes) AS booked_minutes, sum(sign * minutes * units) AS booked_unit_minutes,
               coalesce(sum(sign * minutes) FILTER (WHERE used), 0) AS used_minutes,
               coalesce(sum(sign * minutes * units) FILTER (WHERE used), 0) AS used_unit_minutes
          FROM pieces GROUP BY 1, 2, 3
    ), daily_delta AS (
        SELECT coalesce(k.resource_id, m.resource_id) AS resource_id, coalesce(k.day, m.day) AS day,
               coalesce(k.organisation_id, m.organisation_id) AS organisation_id,
               coalesce(m.booked_minutes, 0) AS booked_minutes, coalesce(m.booked_unit_minutes, 0) AS booked_unit_minutes,
               coalesce(m.used_minutes, 0) AS used_minutes, coalesce(m.used_unit_minutes, 0) AS used_unit_minutes,
               coalesce(k.booked_pallets, 0) AS booked_pallets, coalesce(k.booked_kg, 0) AS booked_kg,
               coalesce(k.bookings, 0) AS bookings, coalesce(k.reached_start, 0) AS reached_start,
               coalesce(k.no_shows, 0) AS no_shows, coalesce(k.cancellations, 0) AS cancellations,
               coalesce(k.late_cancels, 0) AS late_cancels, coalesce(k.charged_fee_won, 0) AS charged_fee_won
          FROM counts k FULL JOIN minutes m
            ON m.resource_id = k.resource_id AND m.day = k.day AND m.organisation_id = k.organisation_id
    ), daily AS (
        INSERT INTO booking_usage_daily AS u (resource_id, day, organisation_id, booked_minutes, booked_unit_minutes,
                                              used_minutes, used_unit_minutes, booked_pallets, booked_kg, bookings,
                                              reached_start, no_shows, cancellations, late_cancels, charged_fee_won)
        SELECT * FROM daily_delta d
         -- a status change that moves no figure (REQUESTED to CONFIRMED) touches no row
         WHERE (d.booked_minutes, d.booked_unit_minutes, d.used_minutes, d.used_unit_minutes, d.booked_pallets, d.booked_kg,
                d.bookings, d.reached_start, d.no_shows, d.cancellations, d.late_cancels, d.charged_fee_won)
               IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
         ORDER BY d.day, d.resource_id, d.organisation_id
        ON CONFLICT (resource_id, day, organisation_id) DO UPDATE SET
            booked_minutes      = u.booked_minutes + excluded.booked_minutes,
            booked_unit_minutes = u.booked_unit_minutes + excluded.booked_unit_minutes,
            used_minutes        = u.used_minutes + excluded.used_minutes,
            used_unit_minutes   = u.used_unit_minutes + excluded.used_unit_minutes,
            booked_pallets      = u.booked_pallets + excluded.booked_pallets,
            booked_kg           = u.booked_kg + excluded.booked_kg,
            bookings            = u.bookings + excluded.bookings,
            reached_start       = u.reached_start + excluded.reached_start,
            no_shows            = u.no_shows + excluded.no_shows,
            cancellations       = u.cancellations + excluded.cancellations,
            late_cancels        = u.late_cancels + excluded.late_cancels,
            charged_fee_won     = u.charged_fee_won + excluded.charged_fee_won
        RETURNING 1
    ), hourly AS (
        INSERT INTO booking_usage_hourly AS u (resource_id, day, hour, booked_minutes, booked_unit_minutes, used_minutes,
                                               used_unit_minutes)
        SELECT resource_id, day, hour, sum(sign * minutes), sum(sign * minutes * units),
               coalesce(sum(sign * minutes) FILTER (WHERE used), 0), coalesce(sum(sign * minutes * units) FILTER (WHERE used), 0)
          FROM pieces
         GROUP BY resource_id, day, hour
        HAVING (sum(sign * minutes), sum(sign * minutes * units), coalesce(sum(sign * minutes) FILTER (WHERE used), 0))
               IS DISTINCT FROM (0, 0, 0)
         ORDER BY day, resource_id, hour
        ON CONFLICT (resource_id, day, hour) DO UPDATE SET
            booked_minutes      = u.booked_minutes + excluded.booked_minutes,
            booked_unit_minutes = u.booked_unit_minutes + excluded.booked_unit_minutes,
            used_minutes        = u.used_minutes + excluded.used_minutes,
            used_unit_minutes   = u.used_unit_minutes + excluded.used_unit_minutes
        RETURNING 1
    )
    SELECT count(*) INTO folded FROM moved;
    RETURN folded;
END
$$;

-- The refill also empties the queue: what it holds is in the bookings the refill reads.
CREATE OR REPLACE FUNCTION booking_usage_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE booking IN SHARE MODE;
    PERFORM pg_advisory_xact_lock(7250118001);
    PERFORM set_config('dure.usage_rebuild', 'on', true);
    DELETE FROM booking_usage_change;
    DELETE FROM booking_usage_daily;
    DELETE FROM booking_usage_hourly;
    DELETE FROM booking_usage_monthly;
    -- in day order: a period's rows then sit together on disk
    INSERT INTO booking_usage_daily SELECT * FROM booking_usage_daily_computed() ORDER BY day, resource_id;
    INSERT INTO booking_usage_hourly SELECT * FROM booking_usage_hourly_computed() ORDER BY day, resource_id;
    INSERT INTO booking_usage_monthly
    SELECT date_trunc('month', day)::date, resource_id, organisation_id, sum(booked_minutes), sum(booked_unit_minutes),
           sum(used_minutes), sum(used_unit_minutes), sum(booked_pallets), sum(booked_kg), sum(bookings), sum(reached_start),
           sum(no_shows), sum(cancellations), sum(late_cancels), sum(charged_fee_won)
      FROM booking_usage_daily GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
    PERFORM set_config('dure.usage_rebuild', 'off', true);
END
$$;

-- ---- live changes

-- What V16 sent at once, waiting to be sent. The payload is V16's (ids, status, times).
CREATE TABLE booking_change_outbox (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    payload  text   NOT NULL
);

CREATE OR REPLACE FUNCTION booking_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    b booking%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        b := OLD;
    ELSE
        b := NEW;
    END IF;
    INSERT INTO booking_change_outbox (payload) VALUES (json_build_object(
        'op', TG_OP,
        'bookingId', b.id,
        'resourceId', b.resource_id,
        'projectId', (SELECT r.project_id FROM resource r WHERE r.id = b.resource_id),
        'organisationId', b.organisation_id,
        'status', b.status,
        'holdsSlot', b.status IN ('HELD', 'REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED'),
        'start', to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'end', to_char(b.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'blockedUntil', to_char(b.blocked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text);
    RETURN NULL;
END;
$$;

-- Sends up to max_changes queued changes on 'booking_changed' in queue order, in one transaction
-- with their removal, and returns how many. Only one caller at a time sends (the others get 0 at
-- once); its commit need not wait for the disk: a change lost in a crash only means a screen
-- refreshes on its next resync.
CREATE FUNCTION booking_change_relay(max_changes integer DEFAULT 1000) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    payloads text[];
    payload  text;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7250118002) THEN
        RETURN 0;
    END IF;
    PERFORM set_config('synchronous_commit', 'off', true);
    WITH moved AS (
        DELETE FROM booking_change_outbox
         WHERE id IN (SELECT id FROM booking_change_outbox ORDER BY id LIMIT max_changes)
        RETURNING id, booking_change_outbox.payload
    )
    SELECT array_agg(m.payload ORDER BY m.id) INTO payloads FROM moved m;
    IF payloads IS NULL THEN
        RETURN 0;
    END IF;
    FOREACH payload IN ARRAY payloads LOOP
        PERFORM pg_notify('booking_changed', payload);
    END LOOP;
    RETURN cardinality(payloads);
END
$$;
