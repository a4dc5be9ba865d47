-- Cheaper queue appends on every booking write (issue 6; measured with FloorProbe: the two V18
-- appends still cost a successful guarded INSERT ~1.6–2×).
--
-- * The usage queue needs no order (its changes are sums): no id, so no sequence and no index to keep.
--   The fold takes any batch of rows by their physical address.
-- * The live-change queue stores the booking's columns as they are; the relay builds the JSON and
--   looks up the project for a whole batch at once, instead of each booking write doing both. Its id
--   keeps the sending order but has no index: the queue is emptied every 100 ms, so it stays small.
--   Changes still queued when this migration runs are dropped (open pages fetch again when their
--   stream reconnects after the restart anyway).

ALTER TABLE booking_usage_change DROP COLUMN id;

CREATE OR REPLACE FUNCTION booking_usage_fold(max_changes integer DEFAULT 100000) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    folded integer;
BEGIN
    PERFORM pg_advisory_xact_lock(7250118001);
    WITH moved AS (
        DELETE FROM booking_usage_change
         WHERE ctid = ANY (ARRAY(SELECT ctid FROM booking_usage_change LIMIT max_changes))
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

CREATE TABLE booking_change_queue (
    id               bigint      GENERATED ALWAYS AS IDENTITY,
    op               text        NOT NULL,
    booking_id       bigint      NOT NULL,
    resource_id      bigint      NOT NULL,
    organisation_id  bigint      NOT NULL,
    status           text        NOT NULL,
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    blocked_until    timestamptz NOT NULL
);

CREATE OR REPLACE FUNCTION booking_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO booking_change_queue (op, booking_id, resource_id, organisation_id, status, starts_at, ends_at, blocked_until)
        VALUES (TG_OP, OLD.id, OLD.resource_id, OLD.organisation_id, OLD.status, OLD.starts_at, OLD.ends_at, OLD.blocked_until);
    ELSE
        INSERT INTO booking_change_queue (op, booking_id, resource_id, organisation_id, status, starts_at, ends_at, blocked_until)
        VALUES (TG_OP, NEW.id, NEW.resource_id, NEW.organisation_id, NEW.status, NEW.starts_at, NEW.ends_at, NEW.blocked_until);
    END IF;
    RETURN NULL;
END;
$$;

DROP TABLE booking_change_outbox;

-- V18's contract: up to max_changes changes, oldest first, as V16's payload; one sender at a time.
-- The batch is the next max_changes ids from the oldest queued one (the queue has no index: two
-- scans of a table that holds at most a tenth of a second of changes).
CREATE OR REPLACE FUNCTION booking_change_relay(max_changes integer DEFAULT 1000) RETURNS integer
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
        DELETE FROM booking_change_queue
         WHERE id < (SELECT min(id) FROM booking_change_queue) + max_changes
        RETURNING id, op, booking_id, resource_id, organisation_id, status, starts_at, ends_at, blocked_until
    )
    SELECT array_agg(json_build_object(
               'op', m.op,
               'bookingId', m.booking_id,
               'resourceId', m.resource_id,
               'projectId', r.project_id,
               'organisationId', m.organisation_id,
               'status', m.status,
               'holdsSlot', m.status IN ('HELD', 'REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED'),
               'start', to_char(m.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'end', to_char(m.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
               'blockedUntil', to_char(m.blocked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))::text
             ORDER BY m.id)
      INTO payloads
      FROM moved m LEFT JOIN resource r ON r.id = m.resource_id;
    IF payloads IS NULL THEN
        RETURN 0;
    END IF;
    FOREACH payload IN ARRAY payloads LOOP
        PERFORM pg_notify('booking_changed', payload);
    END LOOP;
    RETURN cardinality(payloads);
END
$$;
