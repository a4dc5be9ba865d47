-- Bookings of any status by resource and time (issue 6, found by the benchmark harness).
--
-- A project's schedule board and its booking list read every booking of the project's resources in
-- a window, whatever their status; the only index by resource and time (V4's) held just the
-- slot-holding ones, so those reads scanned the whole table: ~250 ms a board at a million bookings.
-- This index holds every booking and replaces V4's partial one: a read of slot-holders through it
-- also skips the let-go rows by its filter, and a booking still maintains the same number of indexes.
CREATE INDEX booking_resource_span_idx ON booking USING gist (resource_id, tstzrange(starts_at, blocked_until));
DROP INDEX booking_resource_time_idx;
