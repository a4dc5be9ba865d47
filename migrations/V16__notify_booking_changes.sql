-- Live updates: every committed change of a booking is published on the channel 'booking_changed'.
-- NOTIFY is transactional (delivered at commit, dropped on rollback), and a trigger covers every
-- writer (pages, API, background jobs, other app instances) without touching the services.
-- The payload carries only ids, status and times: each app instance decides per listener what it
-- may show (a firm sees busy/free only). It stays far below PostgreSQL's 8000-byte payload limit.

CREATE FUNCTION booking_notify_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
DECLARE
    b booking%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        b := OLD;
    ELSE
        b := NEW;
    END IF;
    PERFORM pg_notify('booking_changed', json_build_object(
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

CREATE TRIGGER booking_notify_change
    AFTER INSERT OR DELETE OR UPDATE OF status, starts_at, ends_at, blocked_until, units, pallets, kg, organisation_id,
        resource_id, departure_id
    ON booking
    FOR EACH ROW EXECUTE FUNCTION booking_notify_change();
