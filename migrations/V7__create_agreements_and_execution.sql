-- Agreement (협약) of a selected project: period, budget by category × source, KPIs, confirmed by
-- both sides; change requests the ministry decides, with history; budget execution (사업비 집행)
-- records that may not overspend a category; KPI reports.

CREATE TABLE agreement (
    project_id           bigint      PRIMARY KEY CONSTRAINT agreement_project_fk REFERENCES project (id),
    period_start         date        NOT NULL,
    period_end           date        NOT NULL,
    status               text        NOT NULL DEFAULT 'DRAFT' CONSTRAINT agreement_status_known CHECK (status IN ('DRAFT', 'SIGNED')),
    ministry_confirmed_by bigint     CONSTRAINT agreement_ministry_fk REFERENCES app_user (id),
    ministry_confirmed_at timestamptz,
    lead_confirmed_by    bigint      CONSTRAINT agreement_lead_fk REFERENCES app_user (id),
    lead_confirmed_at    timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agreement_period_ordered CHECK (period_end > period_start),
    CONSTRAINT agreement_signed_by_both CHECK (status <> 'SIGNED' OR (ministry_confirmed_at IS NOT NULL AND lead_confirmed_at IS NOT NULL))
);

CREATE TABLE agreement_budget (
    project_id     bigint NOT NULL CONSTRAINT agreement_budget_agreement_fk REFERENCES agreement (project_id),
    category_code  text   NOT NULL,
    source         text   NOT NULL CONSTRAINT agreement_budget_source_known CHECK (source IN ('NATIONAL', 'LOCAL')),
    amount_won     bigint NOT NULL CONSTRAINT agreement_budget_amount_nonnegative CHECK (amount_won >= 0),
    PRIMARY KEY (project_id, category_code, source)
);

CREATE TABLE agreement_kpi (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint        NOT NULL CONSTRAINT agreement_kpi_agreement_fk REFERENCES agreement (project_id),
    name        text          NOT NULL,
    unit        text          NOT NULL DEFAULT '',
    target      numeric(18,2) NOT NULL CONSTRAINT agreement_kpi_target_nonnegative CHECK (target >= 0),
    position    integer       NOT NULL DEFAULT 0
);

CREATE TABLE agreement_change (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    bigint      NOT NULL CONSTRAINT agreement_change_agreement_fk REFERENCES agreement (project_id),
    kind          text        NOT NULL CONSTRAINT agreement_change_kind_known CHECK (kind IN ('BUDGET', 'PLAN')),
    proposal      jsonb       NOT NULL,
    reason        text        NOT NULL CONSTRAINT agreement_change_reason_present CHECK (length(btrim(reason)) > 0),
    status        text        NOT NULL DEFAULT 'REQUESTED' CONSTRAINT agreement_change_status_known CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED')),
    requested_by  bigint      NOT NULL CONSTRAINT agreement_change_requested_by_fk REFERENCES app_user (id),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    decided_by    bigint      CONSTRAINT agreement_change_decided_by_fk REFERENCES app_user (id),
    decided_at    timestamptz,
    decision_note text        NOT NULL DEFAULT ''
);

CREATE TABLE spending (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id       bigint      NOT NULL CONSTRAINT spending_project_fk REFERENCES project (id),
    spent_on         date        NOT NULL,
    category_code    text        NOT NULL,
    source           text        NOT NULL CONSTRAINT spending_source_known CHECK (source IN ('NATIONAL', 'LOCAL')),
    amount_won       bigint      NOT NULL CONSTRAINT spending_amount_positive CHECK (amount_won > 0),
    payee            text        NOT NULL CONSTRAINT spending_payee_present CHECK (length(btrim(payee)) > 0),
    payee_organisation_id bigint CONSTRAINT spending_payee_fk REFERENCES organisation (id),
    description      text        NOT NULL DEFAULT '',
    evidence_filename text,
    evidence_type    text        CONSTRAINT spending_evidence_type_allowed CHECK (evidence_type IS NULL OR evidence_type IN
                         ('application/pdf', 'image/png', 'image/jpeg')),
    evidence         bytea       CONSTRAINT spending_evidence_size CHECK (evidence IS NULL OR length(evidence) <= 10485760),
    recorded_by      bigint      NOT NULL CONSTRAINT spending_recorded_by_fk REFERENCES app_user (id),
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX spending_project_idx ON spending (project_id, category_code, source);

CREATE TABLE kpi_report (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kpi_id      bigint        NOT NULL CONSTRAINT kpi_report_kpi_fk REFERENCES agreement_kpi (id),
    period      text          NOT NULL CONSTRAINT kpi_report_period_shape CHECK (period ~ '^[0-9]{4}-(Q[1-4]|H[12]|Y)$'),
    actual      numeric(18,2) NOT NULL CONSTRAINT kpi_report_actual_nonnegative CHECK (actual >= 0),
    note        text          NOT NULL DEFAULT '',
    reported_by bigint        NOT NULL CONSTRAINT kpi_report_reported_by_fk REFERENCES app_user (id),
    reported_at timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT kpi_report_one_per_period UNIQUE (kpi_id, period)
);
