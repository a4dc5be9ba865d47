-- Organisations, users, login throttling and the append-only audit log.

CREATE TABLE organisation (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind             text        NOT NULL CONSTRAINT organisation_kind_known CHECK (kind IN
                         ('MINISTRY', 'LOCAL_GOV', 'SME', 'UNIVERSITY', 'INNOVATION_INSTITUTION', 'DESIGN_AGENCY')),
    name             text        NOT NULL CONSTRAINT organisation_name_present CHECK (length(btrim(name)) > 0),
    name_en          text,
    -- 사업자등록번호, ten digits without dashes; its check digit is validated by the service
    business_number  char(10)    CONSTRAINT organisation_business_number_digits CHECK (business_number ~ '^[0-9]{10}$'),
    -- 5-digit 시군구 code of the address (local governments: their own area)
    region_code      char(5)     CONSTRAINT organisation_region_code_digits CHECK (region_code ~ '^[0-9]{5}$'),
    address          text,
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT organisation_sme_has_business_number CHECK (kind <> 'SME' OR business_number IS NOT NULL),
    CONSTRAINT organisation_business_number_unique UNIQUE (business_number)
);

CREATE INDEX organisation_region_idx ON organisation (region_code);

CREATE TABLE app_user (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email            text        NOT NULL CONSTRAINT app_user_email_lower CHECK (email = lower(email)),
    name             text        NOT NULL CONSTRAINT app_user_name_present CHECK (length(btrim(name)) > 0),
    role             text        NOT NULL CONSTRAINT app_user_role_known CHECK (role IN
                         ('MINISTRY', 'REVIEWER', 'DESIGN_AGENCY', 'LOCAL_GOV', 'COORDINATOR', 'FIRM')),
    organisation_id  bigint      NOT NULL CONSTRAINT app_user_organisation_fk REFERENCES organisation (id),
    locale           text        NOT NULL DEFAULT 'ko' CONSTRAINT app_user_locale_known CHECK (locale IN ('ko', 'en')),
    password_hash    text        NOT NULL,
    active           boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT app_user_email_unique UNIQUE (email)
);

CREATE INDEX app_user_organisation_idx ON app_user (organisation_id);

-- One row per throttled key ('account:<email>' or 'address:<ip>'): failures in the current window
-- and, once over the limit, the time until which the key is locked.
CREATE TABLE login_throttle (
    key              text        PRIMARY KEY,
    failures         integer     NOT NULL,
    window_started   timestamptz NOT NULL,
    locked_until     timestamptz
);

CREATE TABLE audit_log (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at               timestamptz NOT NULL DEFAULT now(),
    actor_user_id    bigint,
    actor            text        NOT NULL,
    action           text        NOT NULL,
    target_type      text,
    target_id        text,
    details          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ip               text
);

CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at);

-- The audit log is append-only: rows can be added, never changed or removed.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();

CREATE TRIGGER audit_log_no_truncate
    BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
