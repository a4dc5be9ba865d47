-- Shared resources of a project (equipment, facilities, delivery runs), their rules, and bookings.
-- The invariants that keep two firms from winning the same slot live here, not only in Java.

CREATE TABLE resource (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id              bigint      NOT NULL CONSTRAINT resource_project_fk REFERENCES project (id),
    kind                    text        NOT NULL CONSTRAINT resource_kind_known CHECK (kind IN ('EQUIPMENT', 'FACILITY', 'DELIVERY_RUN')),
    name_ko                 text        NOT NULL CONSTRAINT resource_name_present CHECK (length(btrim(name_ko)) > 0),
    name_en                 text        NOT NULL DEFAULT '',
    description_ko          text        NOT NULL DEFAULT '',
    description_en          text        NOT NULL DEFAULT '',
    location                text        NOT NULL DEFAULT '',
    -- FACILITY: units that can be booked at once (stations, pallet spaces); EQUIPMENT: 1
    capacity                integer     NOT NULL DEFAULT 1 CONSTRAINT resource_capacity_positive CHECK (capacity BETWEEN 1 AND 100000),
    unit_label_ko           text        NOT NULL DEFAULT '',
    unit_label_en           text        NOT NULL DEFAULT '',
    -- DELIVERY_RUN: route description and stops
    route                   text        NOT NULL DEFAULT '',
    fee_won                 bigint      NOT NULL DEFAULT 0 CONSTRAINT resource_fee_nonnegative CHECK (fee_won >= 0),
    fee_basis               text        NOT NULL DEFAULT 'FREE' CONSTRAINT resource_fee_basis_known CHECK (fee_basis IN
                                ('FREE', 'PER_HOUR', 'PER_UNIT_DAY', 'PER_PALLET')),
    -- rules, all optional
    closed_on_holidays      boolean     NOT NULL DEFAULT true,
    slot_minutes            integer     NOT NULL DEFAULT 30 CONSTRAINT resource_slot_range CHECK (slot_minutes BETWEEN 5 AND 1440),
    min_minutes             integer     CONSTRAINT resource_min_positive CHECK (min_minutes > 0),
    max_minutes             integer     CONSTRAINT resource_max_positive CHECK (max_minutes > 0),
    min_notice_minutes      integer     NOT NULL DEFAULT 0 CONSTRAINT resource_notice_nonnegative CHECK (min_notice_minutes >= 0),
    horizon_days            integer     NOT NULL DEFAULT 90 CONSTRAINT resource_horizon_range CHECK (horizon_days BETWEEN 1 AND 730),
    buffer_minutes          integer     NOT NULL DEFAULT 0 CONSTRAINT resource_buffer_range CHECK (buffer_minutes BETWEEN 0 AND 1440),
    approval_required       boolean     NOT NULL DEFAULT false,
    qualification_required  boolean     NOT NULL DEFAULT false,
    -- per firm: hours (unit-hours for facilities) or pallets (delivery runs)
    weekly_quota            integer     CONSTRAINT resource_weekly_quota_positive CHECK (weekly_quota > 0),
    monthly_quota           integer     CONSTRAINT resource_monthly_quota_positive CHECK (monthly_quota > 0),
    free_cancel_hours       integer     NOT NULL DEFAULT 24 CONSTRAINT resource_cancel_nonnegative CHECK (free_cancel_hours >= 0),
    late_cancel_fee_percent integer     NOT NULL DEFAULT 50 CONSTRAINT resource_late_fee_percent CHECK (late_cancel_fee_percent BETWEEN 0 AND 100),
    no_show_fee_percent     integer     NOT NULL DEFAULT 100 CONSTRAINT resource_no_show_fee_percent CHECK (no_show_fee_percent BETWEEN 0 AND 100),
    check_in_opens_minutes  integer     NOT NULL DEFAULT 15 CONSTRAINT resource_check_in_range CHECK (check_in_opens_minutes BETWEEN 0 AND 1440),
    no_show_after_minutes   integer     CONSTRAINT resource_no_show_positive CHECK (no_show_after_minutes > 0),
    active                  boolean     NOT NULL DEFAULT true,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT resource_min_not_over_max CHECK (min_minutes IS NULL OR max_minutes IS NULL OR min_minutes <= max_minutes),
    CONSTRAINT resource_equipment_exclusive CHECK (kind <> 'EQUIPMENT' OR capacity = 1)
);

CREATE INDEX resource_project_idx ON resource (project_id, kind) WHERE active;

-- Opening hours per ISO weekday (1 = Monday), in Asia/Seoul local time; a resource without rows is always open.
CREATE TABLE resource_opening_hours (
    resource_id  bigint   NOT NULL CONSTRAINT opening_hours_resource_fk REFERENCES resource (id) ON DELETE CASCADE,
    weekday      smallint NOT NULL CONSTRAINT opening_hours_weekday_range CHECK (weekday BETWEEN 1 AND 7),
    -- minutes after local midnight; 1440 closes at midnight
    opens_minute  integer  NOT NULL CONSTRAINT opening_hours_opens_range CHECK (opens_minute BETWEEN 0 AND 1439),
    closes_minute integer  NOT NULL CONSTRAINT opening_hours_closes_range CHECK (closes_minute BETWEEN 1 AND 1440),
    CONSTRAINT opening_hours_ordered CHECK (closes_minute > opens_minute),
    PRIMARY KEY (resource_id, weekday, opens_minute)
);

CREATE TABLE resource_blackout (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id  bigint      NOT NULL CONSTRAINT blackout_resource_fk REFERENCES resource (id),
    during       tstzrange   NOT NULL CONSTRAINT blackout_range_bounded CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
    reason       text        NOT NULL CONSTRAINT blackout_reason_present CHECK (length(btrim(reason)) > 0),
    created_by   bigint      CONSTRAINT blackout_created_by_fk REFERENCES app_user (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX resource_blackout_during_idx ON resource_blackout USING gist (resource_id, during);

-- Training records: a user may book a resource that requires qualification while one is valid.
CREATE TABLE qualification (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id  bigint      NOT NULL CONSTRAINT qualification_resource_fk REFERENCES resource (id),
    user_id      bigint      NOT NULL CONSTRAINT qualification_user_fk REFERENCES app_user (id),
    valid_from   date        NOT NULL,
    valid_until  date        NOT NULL,
    note         text        NOT NULL DEFAULT '',
    recorded_by  bigint      CONSTRAINT qualification_recorded_by_fk REFERENCES app_user (id),
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT qualification_period_ordered CHECK (valid_until >= valid_from)
);

CREATE INDEX qualification_lookup_idx ON qualification (resource_id, user_id, valid_until);

-- The departures of a delivery run: each is booked by pallets and kilograms up to its capacity.
CREATE TABLE delivery_departure (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id      bigint      NOT NULL CONSTRAINT departure_resource_fk REFERENCES resource (id),
    departs_at       timestamptz NOT NULL,
    arrives_at       timestamptz NOT NULL,
    cutoff_at        timestamptz NOT NULL,
    pallet_capacity  integer     NOT NULL CONSTRAINT departure_pallet_capacity_positive CHECK (pallet_capacity > 0),
    kg_capacity      integer     NOT NULL CONSTRAINT departure_kg_capacity_positive CHECK (kg_capacity > 0),
    booked_pallets   integer     NOT NULL DEFAULT 0,
    booked_kg        integer     NOT NULL DEFAULT 0,
    cancelled        boolean     NOT NULL DEFAULT false,
    CONSTRAINT departure_times_ordered CHECK (cutoff_at <= departs_at AND arrives_at > departs_at),
    -- the last line of defence for the conditional update that books space
    CONSTRAINT departure_pallets_within_capacity CHECK (booked_pallets BETWEEN 0 AND pallet_capacity),
    CONSTRAINT departure_kg_within_capacity CHECK (booked_kg BETWEEN 0 AND kg_capacity),
    CONSTRAINT departure_unique_time UNIQUE (resource_id, departs_at)
);

CREATE INDEX delivery_departure_time_idx ON delivery_departure (resource_id, departs_at);

CREATE TABLE booking (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id      bigint      NOT NULL CONSTRAINT booking_resource_fk REFERENCES resource (id),
    -- copied from the resource: a constraint cannot read another table
    resource_kind    text        NOT NULL CONSTRAINT booking_kind_known CHECK (resource_kind IN ('EQUIPMENT', 'FACILITY', 'DELIVERY_RUN')),
    departure_id     bigint      CONSTRAINT booking_departure_fk REFERENCES delivery_departure (id),
    organisation_id  bigint      NOT NULL CONSTRAINT booking_organisation_fk REFERENCES organisation (id),
    user_id          bigint      NOT NULL CONSTRAINT booking_user_fk REFERENCES app_user (id),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    -- end plus the resource's buffer (cleaning, changeover): the next booking may start from here
    blocked_until    timestamptz NOT NULL,
    units            integer     NOT NULL DEFAULT 1 CONSTRAINT booking_units_positive CHECK (units > 0),
    pallets          integer     NOT NULL DEFAULT 0 CONSTRAINT booking_pallets_nonnegative CHECK (pallets >= 0),
    kg               integer     NOT NULL DEFAULT 0 CONSTRAINT booking_kg_nonnegative CHECK (kg >= 0),
    status           text        NOT NULL CONSTRAINT booking_status_known CHECK (status IN
                         ('HELD', 'REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED', 'REJECTED', 'CANCELLED', 'NO_SHOW', 'EXPIRED')),
    -- a booking holds its time from the request on (so two approvals never collide) until it is let go
    holds_slot       boolean     GENERATED ALWAYS AS (status IN ('HELD', 'REQUESTED', 'CONFIRMED', 'CHECKED_IN', 'COMPLETED')) STORED,
    hold_expires_at  timestamptz,
    series_id        uuid,
    purpose          text        NOT NULL DEFAULT '',
    fee_won          bigint      NOT NULL DEFAULT 0 CONSTRAINT booking_fee_nonnegative CHECK (fee_won >= 0),
    late_cancel      boolean     NOT NULL DEFAULT false,
    checked_in_at    timestamptz,
    checked_out_at   timestamptz,
    cancelled_at     timestamptz,
    decided_by       bigint      CONSTRAINT booking_decided_by_fk REFERENCES app_user (id),
    decided_at       timestamptz,
    reason           text        NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT booking_times_ordered CHECK (ends_at > starts_at AND blocked_until >= ends_at),
    CONSTRAINT booking_run_has_departure CHECK ((resource_kind = 'DELIVERY_RUN') = (departure_id IS NOT NULL)),
    CONSTRAINT booking_hold_has_expiry CHECK (status <> 'HELD' OR hold_expires_at IS NOT NULL),
    -- exclusive equipment: no two slot-holding bookings overlap, buffer included
    CONSTRAINT booking_equipment_no_overlap EXCLUDE USING gist
        (resource_id WITH =, tstzrange(starts_at, blocked_until) WITH &&)
        WHERE (holds_slot AND resource_kind = 'EQUIPMENT')
);

CREATE INDEX booking_resource_time_idx ON booking USING gist (resource_id, tstzrange(starts_at, blocked_until)) WHERE holds_slot;
CREATE INDEX booking_organisation_idx ON booking (organisation_id, starts_at);
CREATE INDEX booking_user_idx ON booking (user_id, starts_at);
CREATE INDEX booking_series_idx ON booking (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX booking_departure_idx ON booking (departure_id) WHERE departure_id IS NOT NULL;
CREATE INDEX booking_pending_idx ON booking (resource_id, starts_at) WHERE status = 'REQUESTED';
CREATE INDEX booking_no_show_idx ON booking (starts_at) WHERE status = 'CONFIRMED';
CREATE INDEX booking_hold_idx ON booking (hold_expires_at) WHERE status = 'HELD';

-- A retried POST with the same Idempotency-Key returns the first answer and creates nothing.
CREATE TABLE idempotency_key (
    user_id       bigint      NOT NULL CONSTRAINT idempotency_user_fk REFERENCES app_user (id),
    key           text        NOT NULL CONSTRAINT idempotency_key_length CHECK (length(key) BETWEEN 1 AND 200),
    request_hash  text        NOT NULL,
    status        integer     NOT NULL,
    response      jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);

CREATE TABLE waitlist_entry (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    resource_id      bigint      NOT NULL CONSTRAINT waitlist_resource_fk REFERENCES resource (id),
    departure_id     bigint      CONSTRAINT waitlist_departure_fk REFERENCES delivery_departure (id),
    organisation_id  bigint      NOT NULL CONSTRAINT waitlist_organisation_fk REFERENCES organisation (id),
    user_id          bigint      NOT NULL CONSTRAINT waitlist_user_fk REFERENCES app_user (id),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL,
    units            integer     NOT NULL DEFAULT 1,
    pallets          integer     NOT NULL DEFAULT 0,
    kg               integer     NOT NULL DEFAULT 0,
    purpose          text        NOT NULL DEFAULT '',
    status           text        NOT NULL DEFAULT 'WAITING' CONSTRAINT waitlist_status_known CHECK (status IN
                         ('WAITING', 'OFFERED', 'CLAIMED', 'EXPIRED', 'LEFT')),
    offered_booking_id bigint    CONSTRAINT waitlist_offer_fk REFERENCES booking (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT waitlist_times_ordered CHECK (ends_at > starts_at)
);

CREATE INDEX waitlist_waiting_idx ON waitlist_entry (resource_id, created_at) WHERE status = 'WAITING';

-- In-app notifications (the notify issue adds e-mail, preferences and live updates).
CREATE TABLE notification (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint      NOT NULL CONSTRAINT notification_user_fk REFERENCES app_user (id),
    kind        text        NOT NULL,
    params      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    link        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);

CREATE INDEX notification_unread_idx ON notification (user_id, created_at DESC) WHERE read_at IS NULL;
