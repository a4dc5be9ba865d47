-- Pre-aggregated booking use for the monitoring dashboards, so a quarter across every project is
-- read from ~10^5 summary rows instead of scanning a million bookings.
--
-- Kept current by a trigger on booking (not by a job): the dashboards are then exact at every
-- commit, the demo's and any other direct inserts are counted without a step to forget, and a
-- status change is one "subtract the old row, add the new row" in the same transaction. Each
-- change is an INSERT … ON CONFLICT DO UPDATE adding a delta, so concurrent bookings of the same
-- resource and day add up (the row lock serialises them) and nothing is ever recomputed in place.
--
-- Which bookings count (the dashboards state the same definitions):
--   booked   = REQUESTED, CONFIRMED, CHECKED_IN, COMPLETED (a waitlist HELD offer is not yet a booking)
--   used     = CHECKED_IN, COMPLETED (their booked interval)
--   bookings = every status but HELD and EXPIRED (waitlist offers)
--   reached_start = CHECKED_IN, COMPLETED, NO_SHOW (the start came and was resolved)
--   charged fee   = fee_won of CHECKED_IN, COMPLETED, NO_SHOW and late-cancelled bookings
-- Times are split at Asia/Seoul hour boundaries; counts, pallets, kg and fees go to the start day.

-- Derived data without foreign keys: it must never stand in the way of changing or removing the
-- rows it summarises (a removed booking leaves a row of zeros behind, which reads as nothing).
CREATE TABLE booking_usage_daily (
    resource_id          bigint  NOT NULL,
    day                  date    NOT NULL,
    organisation_id      bigint  NOT NULL,
    booked_minutes       bigint  NOT NULL DEFAULT 0,
    booked_unit_minutes  bigint  NOT NULL DEFAULT 0,
    used_minutes         bigint  NOT NULL DEFAULT 0,
    used_unit_minutes    bigint  NOT NULL DEFAULT 0,
    booked_pallets       bigint  NOT NULL DEFAULT 0,
    booked_kg            bigint  NOT NULL DEFAULT 0,
    bookings             integer NOT NULL DEFAULT 0,
    reached_start        integer NOT NULL DEFAULT 0,
    no_shows             integer NOT NULL DEFAULT 0,
    cancellations        integer NOT NULL DEFAULT 0,
    late_cancels         integer NOT NULL DEFAULT 0,
    charged_fee_won      bigint  NOT NULL DEFAULT 0,
    CONSTRAINT booking_usage_daily_pk PRIMARY KEY (resource_id, day, organisation_id)
);

-- A period across every resource is read from this index alone (an index-only scan once autovacuum
-- has marked the pages visible), in day order, however the table's rows happen to lie on disk.
CREATE INDEX booking_usage_daily_day_idx ON booking_usage_daily (day) INCLUDE (resource_id, organisation_id, booked_minutes,
    booked_unit_minutes, used_minutes, used_unit_minutes, booked_pallets, booked_kg, bookings, reached_start, no_shows,
    cancellations, late_cancels, charged_fee_won);

-- The same figures per calendar month, rolled up from the daily rows by a trigger on them: a quarter
-- or a two-year period reads whole months here and only its partial months from the daily rows.
CREATE TABLE booking_usage_monthly (
    month                date    NOT NULL CONSTRAINT usage_monthly_first_day CHECK (extract(day FROM month) = 1),
    resource_id          bigint  NOT NULL,
    organisation_id      bigint  NOT NULL,
    booked_minutes       bigint  NOT NULL DEFAULT 0,
    booked_unit_minutes  bigint  NOT NULL DEFAULT 0,
    used_minutes         bigint  NOT NULL DEFAULT 0,
    used_unit_minutes    bigint  NOT NULL DEFAULT 0,
    booked_pallets       bigint  NOT NULL DEFAULT 0,
    booked_kg            bigint  NOT NULL DEFAULT 0,
    bookings             integer NOT NULL DEFAULT 0,
    reached_start        integer NOT NULL DEFAULT 0,
    no_shows             integer NOT NULL DEFAULT 0,
    cancellations        integer NOT NULL DEFAULT 0,
    late_cancels         integer NOT NULL DEFAULT 0,
    charged_fee_won      bigint  NOT NULL DEFAULT 0,
    CONSTRAINT booking_usage_monthly_pk PRIMARY KEY (month, resource_id, organisation_id)
);

CREATE FUNCTION booking_usage_roll_up() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- OLD is null on INSERT, NEW on DELETE: the difference is the delta either way
    INSERT INTO booking_usage_monthly AS m (month, resource_id, organisation_id, booked_minutes, booked_unit_minutes, used_minutes,
                                            used_unit_minutes, booked_pallets, booked_kg, bookings, reached_start, no_shows,
                                            cancellations, late_cancels, charged_fee_won)
    VALUES (date_trunc('month', coalesce(NEW.day, OLD.day))::date, coalesce(NEW.resource_id, OLD.resource_id),
            coalesce(NEW.organisation_id, OLD.organisation_id),
            coalesce(NEW.booked_minutes, 0) - coalesce(OLD.booked_minutes, 0),
            coalesce(NEW.booked_unit_minutes, 0) - coalesce(OLD.booked_unit_minutes, 0),
            coalesce(NEW.used_minutes, 0) - coalesce(OLD.used_minutes, 0),
            coalesce(NEW.used_unit_minutes, 0) - coalesce(OLD.used_unit_minutes, 0),
            coalesce(NEW.booked_pallets, 0) - coalesce(OLD.booked_pallets, 0),
            coalesce(NEW.booked_kg, 0) - coalesce(OLD.booked_kg, 0),
            coalesce(NEW.bookings, 0) - coalesce(OLD.bookings, 0),
            coalesce(NEW.reached_start, 0) - coalesce(OLD.reached_start, 0),
            coalesce(NEW.no_shows, 0) - coalesce(OLD.no_shows, 0),
            coalesce(NEW.cancellations, 0) - coalesce(OLD.cancellations, 0),
            coalesce(NEW.late_cancels, 0) - coalesce(OLD.late_cancels, 0),
            coalesce(NEW.charged_fee_won, 0) - coalesce(OLD.charged_fee_won, 0))
    ON CONFLICT (month, resource_id, organisation_id) DO UPDATE SET
        booked_minutes      = m.booked_minutes + excluded.booked_minutes,
        booked_unit_minutes = m.booked_unit_minutes + excluded.booked_unit_minutes,
        used_minutes        = m.used_minutes + excluded.used_minutes,
        used_unit_minutes   = m.used_unit_minutes + excluded.used_unit_minutes,
        booked_pallets      = m.booked_pallets + excluded.booked_pallets,
        booked_kg           = m.booked_kg + excluded.booked_kg,
        bookings            = m.bookings + excluded.bookings,
        reached_start       = m.reached_start + excluded.reached_start,
        no_shows            = m.no_shows + excluded.no_shows,
        cancellations       = m.cancellations + excluded.cancellations,
        late_cancels        = m.late_cancels + excluded.late_cancels,
        charged_fee_won     = m.charged_fee_won + excluded.charged_fee_won;
    RETURN NULL;
END
$$;

-- not while booking_usage_rebuild refills everything (it sets dure.usage_rebuild and fills the months itself)
CREATE TRIGGER booking_usage_roll_up AFTER INSERT OR UPDATE OR DELETE ON booking_usage_daily
    FOR EACH ROW WHEN (current_setting('dure.usage_rebuild', true) IS DISTINCT FROM 'on')
    EXECUTE FUNCTION booking_usage_roll_up();

-- Booked and used minutes per resource, local day and hour: the weekday × hour heatmaps.
CREATE TABLE booking_usage_hourly (
    resource_id          bigint   NOT NULL,
    day                  date     NOT NULL,
    hour                 smallint NOT NULL CONSTRAINT usage_hourly_hour_range CHECK (hour BETWEEN 0 AND 23),
    booked_minutes       bigint   NOT NULL DEFAULT 0,
    booked_unit_minutes  bigint   NOT NULL DEFAULT 0,
    used_minutes         bigint   NOT NULL DEFAULT 0,
    used_unit_minutes    bigint   NOT NULL DEFAULT 0,
    CONSTRAINT booking_usage_hourly_pk PRIMARY KEY (resource_id, day, hour)
);

-- The hour pieces of a booking's interval in Seoul local time, with their whole minutes.
CREATE FUNCTION booking_hour_pieces(starts timestamptz, ends timestamptz)
RETURNS TABLE (day date, hour smallint, minutes bigint)
LANGUAGE sql STABLE AS $$
    SELECT h::date, extract(hour FROM h)::smallint,
           round(extract(epoch FROM least(h + interval '1 hour', ends AT TIME ZONE 'Asia/Seoul')
                                  - greatest(h, starts AT TIME ZONE 'Asia/Seoul')) / 60)::bigint
      FROM generate_series(date_trunc('hour', starts AT TIME ZONE 'Asia/Seoul'),
                           (ends AT TIME ZONE 'Asia/Seoul') - interval '1 microsecond', interval '1 hour') AS h
$$;

-- Adds (sign 1) or takes away (sign -1) one booking's contribution.
CREATE FUNCTION booking_usage_apply(b booking, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    booked boolean := b.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED');
    used   boolean := b.status IN ('CHECKED_IN', 'COMPLETED');
BEGIN
    IF b.status IN ('HELD', 'EXPIRED') THEN
        RETURN;
    END IF;
    INSERT INTO booking_usage_daily AS u (resource_id, day, organisation_id, booked_pallets, booked_kg, bookings, reached_start,
                                          no_shows, cancellations, late_cancels, charged_fee_won)
    VALUES (b.resource_id, (b.starts_at AT TIME ZONE 'Asia/Seoul')::date, b.organisation_id,
            CASE WHEN booked THEN sign * b.pallets ELSE 0 END,
            CASE WHEN booked THEN sign * b.kg ELSE 0 END,
            sign,
            CASE WHEN b.status IN ('CHECKED_IN', 'COMPLETED', 'NO_SHOW') THEN sign ELSE 0 END,
            CASE WHEN b.status = 'NO_SHOW' THEN sign ELSE 0 END,
            CASE WHEN b.status = 'CANCELLED' THEN sign ELSE 0 END,
            CASE WHEN b.status = 'CANCELLED' AND b.late_cancel THEN sign ELSE 0 END,
            CASE WHEN b.status IN ('CHECKED_IN', 'COMPLETED', 'NO_SHOW') OR (b.status = 'CANCELLED' AND b.late_cancel)
                 THEN sign * b.fee_won ELSE 0 END)
    ON CONFLICT (resource_id, day, organisation_id) DO UPDATE SET
        booked_pallets  = u.booked_pallets + excluded.booked_pallets,
        booked_kg       = u.booked_kg + excluded.booked_kg,
        bookings        = u.bookings + excluded.bookings,
        reached_start   = u.reached_start + excluded.reached_start,
        no_shows        = u.no_shows + excluded.no_shows,
        cancellations   = u.cancellations + excluded.cancellations,
        late_cancels    = u.late_cancels + excluded.late_cancels,
        charged_fee_won = u.charged_fee_won + excluded.charged_fee_won;
    IF NOT booked THEN
        RETURN;
    END IF;
    -- hours in ascending order, so two transactions lock shared rows in the same order
    INSERT INTO booking_usage_hourly AS u (resource_id, day, hour, booked_minutes, booked_unit_minutes, used_minutes, used_unit_minutes)
    SELECT b.resource_id, p.day, p.hour, sign * p.minutes, sign * p.minutes * b.units,
           CASE WHEN used THEN sign * p.minutes ELSE 0 END, CASE WHEN used THEN sign * p.minutes * b.units ELSE 0 END
      FROM booking_hour_pieces(b.starts_at, b.ends_at) p
     ORDER BY p.day, p.hour
    ON CONFLICT (resource_id, day, hour) DO UPDATE SET
        booked_minutes      = u.booked_minutes + excluded.booked_minutes,
        booked_unit_minutes = u.booked_unit_minutes + excluded.booked_unit_minutes,
        used_minutes        = u.used_minutes + excluded.used_minutes,
        used_unit_minutes   = u.used_unit_minutes + excluded.used_unit_minutes;
    INSERT INTO booking_usage_daily AS u (resource_id, day, organisation_id, booked_minutes, booked_unit_minutes, used_minutes, used_unit_minutes)
    SELECT b.resource_id, p.day, b.organisation_id, sign * sum(p.minutes), sign * sum(p.minutes) * b.units,
           CASE WHEN used THEN sign * sum(p.minutes) ELSE 0 END, CASE WHEN used THEN sign * sum(p.minutes) * b.units ELSE 0 END
      FROM booking_hour_pieces(b.starts_at, b.ends_at) p
     GROUP BY p.day
     ORDER BY p.day
    ON CONFLICT (resource_id, day, organisation_id) DO UPDATE SET
        booked_minutes      = u.booked_minutes + excluded.booked_minutes,
        booked_unit_minutes = u.booked_unit_minutes + excluded.booked_unit_minutes,
        used_minutes        = u.used_minutes + excluded.used_minutes,
        used_unit_minutes   = u.used_unit_minutes + excluded.used_unit_minutes;
END
$$;

CREATE FUNCTION booking_usage_track() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.status, OLD.resource_id, OLD.organisation_id, OLD.starts_at, OLD.ends_at, OLD.units,
                             OLD.pallets, OLD.kg, OLD.fee_won, OLD.late_cancel)
                 IS NOT DISTINCT FROM (NEW.status, NEW.resource_id, NEW.organisation_id, NEW.starts_at, NEW.ends_at, NEW.units,
                             NEW.pallets, NEW.kg, NEW.fee_won, NEW.late_cancel) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM booking_usage_apply(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM booking_usage_apply(NEW, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER booking_usage_track AFTER INSERT OR UPDATE OR DELETE ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_usage_track();

-- The same figures computed from scratch, set-based: the check that the trigger kept them right,
-- and the refill after a bulk load with the trigger disabled (see booking_usage_rebuild).
CREATE FUNCTION booking_usage_daily_computed() RETURNS SETOF booking_usage_daily
LANGUAGE sql STABLE AS $$
    WITH b AS (
        SELECT resource_id, organisation_id, starts_at, ends_at, units, pallets, kg, fee_won, late_cancel, status,
               status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED') AS booked,
               status IN ('CHECKED_IN', 'COMPLETED') AS used
          FROM booking WHERE status NOT IN ('HELD', 'EXPIRED')
    ), counts AS (
        SELECT resource_id, (starts_at AT TIME ZONE 'Asia/Seoul')::date AS day, organisation_id,
               coalesce(sum(pallets) FILTER (WHERE booked), 0) AS booked_pallets,
               coalesce(sum(kg) FILTER (WHERE booked), 0) AS booked_kg,
               count(*) AS bookings,
               count(*) FILTER (WHERE status IN ('CHECKED_IN', 'COMPLETED', 'NO_SHOW')) AS reached_start,
               count(*) FILTER (WHERE status = 'NO_SHOW') AS no_shows,
               count(*) FILTER (WHERE status = 'CANCELLED') AS cancellations,
               count(*) FILTER (WHERE status = 'CANCELLED' AND late_cancel) AS late_cancels,
               coalesce(sum(fee_won) FILTER (WHERE status IN ('CHECKED_IN', 'COMPLETED', 'NO_SHOW')
                                                OR (status = 'CANCELLED' AND late_cancel)), 0) AS charged_fee_won
          FROM b GROUP BY 1, 2, 3
    ), minutes AS (
        SELECT b.resource_id, p.day, b.organisation_id,
               sum(p.minutes) AS booked_minutes, sum(p.minutes * b.units) AS booked_unit_minutes,
               coalesce(sum(p.minutes) FILTER (WHERE b.used), 0) AS used_minutes,
               coalesce(sum(p.minutes * b.units) FILTER (WHERE b.used), 0) AS used_unit_minutes
          FROM b CROSS JOIN LATERAL booking_hour_pieces(b.starts_at, b.ends_at) p
         WHERE b.booked
         GROUP BY 1, 2, 3
    )
    SELECT coalesce(c.resource_id, m.resource_id), coalesce(c.day, m.day), coalesce(c.organisation_id, m.organisation_id),
           coalesce(m.booked_minutes, 0)::bigint, coalesce(m.booked_unit_minutes, 0)::bigint,
           coalesce(m.used_minutes, 0)::bigint, coalesce(m.used_unit_minutes, 0)::bigint,
           coalesce(c.booked_pallets, 0)::bigint, coalesce(c.booked_kg, 0)::bigint,
           coalesce(c.bookings, 0)::integer, coalesce(c.reached_start, 0)::integer, coalesce(c.no_shows, 0)::integer,
           coalesce(c.cancellations, 0)::integer, coalesce(c.late_cancels, 0)::integer, coalesce(c.charged_fee_won, 0)::bigint
      FROM counts c FULL JOIN minutes m
        ON m.resource_id = c.resource_id AND m.day = c.day AND m.organisation_id = c.organisation_id
$$;

CREATE FUNCTION booking_usage_hourly_computed() RETURNS SETOF booking_usage_hourly
LANGUAGE sql STABLE AS $$
    SELECT b.resource_id, p.day, p.hour,
           sum(p.minutes)::bigint, sum(p.minutes * b.units)::bigint,
           coalesce(sum(p.minutes) FILTER (WHERE b.status IN ('CHECKED_IN', 'COMPLETED')), 0)::bigint,
           coalesce(sum(p.minutes * b.units) FILTER (WHERE b.status IN ('CHECKED_IN', 'COMPLETED')), 0)::bigint
      FROM booking b CROSS JOIN LATERAL booking_hour_pieces(b.starts_at, b.ends_at) p
     WHERE b.status IN ('REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')
     GROUP BY 1, 2, 3
$$;

-- Refills both tables from the bookings (after a bulk load with the trigger disabled, or as a repair).
-- Locks booking against writes meanwhile, so no delta is lost between the delete and the refill.
CREATE FUNCTION booking_usage_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE booking IN SHARE MODE;
    PERFORM set_config('dure.usage_rebuild', 'on', true);
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

-- Open time (equipment and facilities; a delivery run's capacity is its departures): the union of
-- the weekday's opening hours (all day when a resource has none), nothing on a public holiday when the
-- resource closes on holidays, less blackouts — the same rule as booking.OpenTime, in Seoul time.

-- The resources a dashboard looks at, with their opening minutes per ISO weekday.
CREATE FUNCTION resource_weekday_minutes(p_project bigint, p_resource bigint)
RETURNS TABLE (resource_id bigint, closed_on_holidays boolean, weekday smallint, minutes bigint)
LANGUAGE sql STABLE AS $$
    WITH res AS (
        SELECT r.id, r.closed_on_holidays, EXISTS (SELECT 1 FROM resource_opening_hours h WHERE h.resource_id = r.id) AS has_hours
          FROM resource r
         WHERE r.active AND r.kind <> 'DELIVERY_RUN'
           AND (p_project IS NULL OR r.project_id = p_project) AND (p_resource IS NULL OR r.id = p_resource)
    ), ranges AS (
        SELECT h.resource_id, h.weekday, range_agg(int4range(h.opens_minute, h.closes_minute)) AS open
          FROM resource_opening_hours h JOIN res ON res.id = h.resource_id
         GROUP BY h.resource_id, h.weekday
    ), minutes AS (
        SELECT g.resource_id, g.weekday, sum(upper(x) - lower(x))::bigint AS minutes
          FROM ranges g CROSS JOIN LATERAL unnest(g.open) AS x
         GROUP BY g.resource_id, g.weekday
    )
    SELECT res.id, res.closed_on_holidays, wd::smallint,
           CASE WHEN res.has_hours THEN coalesce(m.minutes, 0) ELSE 1440 END
      FROM res CROSS JOIN generate_series(1, 7) AS wd
      LEFT JOIN minutes m ON m.resource_id = res.id AND m.weekday = wd
$$;

-- Open minutes lost to blackouts per resource and local day: only the days a blackout touches.
CREATE FUNCTION resource_blackout_minutes(p_from date, p_to date, p_project bigint, p_resource bigint)
RETURNS TABLE (resource_id bigint, day date, minutes bigint)
LANGUAGE sql STABLE AS $$
    WITH touched AS (
        SELECT bo.resource_id, r.closed_on_holidays, d::date AS day, range_agg(bo.during) AS during
          FROM resource_blackout bo JOIN resource r ON r.id = bo.resource_id
          CROSS JOIN LATERAL generate_series(greatest((lower(bo.during) AT TIME ZONE 'Asia/Seoul')::date, p_from)::timestamp,
                                             least(((upper(bo.during) - interval '1 microsecond') AT TIME ZONE 'Asia/Seoul')::date, p_to)::timestamp,
                                             interval '1 day') AS d
         WHERE r.active AND r.kind <> 'DELIVERY_RUN'
           AND (p_project IS NULL OR r.project_id = p_project) AND (p_resource IS NULL OR r.id = p_resource)
           AND bo.during && tstzrange(p_from::timestamp AT TIME ZONE 'Asia/Seoul', (p_to + 1)::timestamp AT TIME ZONE 'Asia/Seoul')
         GROUP BY bo.resource_id, r.closed_on_holidays, d::date
    )
    SELECT t.resource_id, t.day,
           (SELECT coalesce(sum(extract(epoch FROM upper(x) - lower(x))), 0) / 60 FROM unnest(o.open * t.during) AS x)::bigint
      FROM touched t
      CROSS JOIN LATERAL (
          SELECT CASE WHEN EXISTS (SELECT 1 FROM resource_opening_hours h0 WHERE h0.resource_id = t.resource_id)
                      THEN coalesce(range_agg(tstzrange((t.day + make_interval(mins => h.opens_minute)) AT TIME ZONE 'Asia/Seoul',
                                                        (t.day + make_interval(mins => h.closes_minute)) AT TIME ZONE 'Asia/Seoul')),
                                    '{}'::tstzmultirange)
                      ELSE tstzmultirange(tstzrange(t.day::timestamp AT TIME ZONE 'Asia/Seoul', (t.day + 1)::timestamp AT TIME ZONE 'Asia/Seoul'))
                 END AS open
            FROM resource_opening_hours h
           WHERE h.resource_id = t.resource_id AND h.weekday = extract(isodow FROM t.day)) AS o
     WHERE NOT (t.closed_on_holidays AND EXISTS (SELECT 1 FROM holiday WHERE holiday.day = t.day))
$$;

-- Open minutes per resource and local day in [p_from, p_to] (a week's or a quarter's trend).
CREATE FUNCTION resource_open_minutes(p_from date, p_to date, p_project bigint, p_resource bigint)
RETURNS TABLE (resource_id bigint, day date, open_minutes bigint)
LANGUAGE sql STABLE AS $$
    WITH days AS (
        SELECT d::date AS day, extract(isodow FROM d)::smallint AS weekday,
               EXISTS (SELECT 1 FROM holiday h WHERE h.day = d::date) AS holiday
          FROM generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') AS d
    )
    SELECT w.resource_id, d.day, w.minutes - coalesce(l.minutes, 0)
      FROM resource_weekday_minutes(p_project, p_resource) w
      JOIN days d ON d.weekday = w.weekday AND NOT (w.closed_on_holidays AND d.holiday)
      LEFT JOIN resource_blackout_minutes(p_from, p_to, p_project, p_resource) l ON l.resource_id = w.resource_id AND l.day = d.day
$$;

-- Open minutes per resource over [p_from, p_to]: weekday minutes × how many such (non-holiday) days
-- the period has, less blackouts — a few thousand rows for a quarter of 300 resources.
CREATE FUNCTION resource_open_minutes_total(p_from date, p_to date, p_project bigint, p_resource bigint)
RETURNS TABLE (resource_id bigint, open_minutes bigint)
LANGUAGE sql STABLE AS $$
    WITH day_kinds AS (
        SELECT extract(isodow FROM d)::smallint AS weekday, EXISTS (SELECT 1 FROM holiday h WHERE h.day = d::date) AS holiday,
               count(*) AS days
          FROM generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') AS d
         GROUP BY 1, 2
    ), base AS (
        SELECT w.resource_id, sum(k.days * w.minutes) AS minutes
          FROM resource_weekday_minutes(p_project, p_resource) w
          JOIN day_kinds k ON k.weekday = w.weekday AND NOT (w.closed_on_holidays AND k.holiday)
         GROUP BY w.resource_id
    ), lost AS (
        SELECT l.resource_id, sum(l.minutes) AS minutes FROM resource_blackout_minutes(p_from, p_to, p_project, p_resource) l
         GROUP BY l.resource_id
    )
    SELECT b.resource_id, (b.minutes - coalesce(l.minutes, 0))::bigint FROM base b LEFT JOIN lost l ON l.resource_id = b.resource_id
$$;

SELECT booking_usage_rebuild();
