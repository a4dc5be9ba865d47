-- Pages for the collaboration records need a little more than V8 keeps:
-- design requests get a kind, a due date, the agency's receipt and decline states, a comment history
-- and deliverable files; brand products a sales status; local services a price and the meal category;
-- the project's final report is written as a draft by the lead, submitted, and then the ministry completes.

ALTER TABLE design_request
    ADD COLUMN kind   text NOT NULL DEFAULT 'OTHER' CONSTRAINT design_request_kind_known CHECK (kind IN
                          ('BRAND_IDENTITY', 'PACKAGE', 'DESIGN_IMPROVEMENT', 'CONTENT', 'OTHER')),
    ADD COLUMN due_on date;

ALTER TABLE design_request DROP CONSTRAINT design_request_status_known;
ALTER TABLE design_request ADD CONSTRAINT design_request_status_known CHECK (status IN
    ('REQUESTED', 'RECEIVED', 'IN_PROGRESS', 'DELIVERED', 'CLOSED', 'DECLINED'));

CREATE TABLE design_request_comment (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id   bigint      NOT NULL CONSTRAINT design_comment_request_fk REFERENCES design_request (id),
    status       text        NOT NULL,
    body         text        NOT NULL DEFAULT '',
    author_id    bigint      NOT NULL CONSTRAINT design_comment_author_fk REFERENCES app_user (id),
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX design_request_comment_idx ON design_request_comment (request_id, created_at);

CREATE TABLE design_deliverable (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id    bigint      NOT NULL CONSTRAINT design_deliverable_request_fk REFERENCES design_request (id),
    filename      text        NOT NULL CONSTRAINT design_deliverable_filename_present CHECK (length(btrim(filename)) BETWEEN 1 AND 200),
    content_type  text        NOT NULL CONSTRAINT design_deliverable_type_allowed CHECK (content_type IN
                      ('application/pdf', 'image/png', 'image/jpeg')),
    size_bytes    integer     NOT NULL CONSTRAINT design_deliverable_size_limit CHECK (size_bytes BETWEEN 1 AND 10485760),
    content       bytea       NOT NULL,
    uploaded_by   bigint      NOT NULL CONSTRAINT design_deliverable_uploader_fk REFERENCES app_user (id),
    uploaded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX design_deliverable_request_idx ON design_deliverable (request_id);

ALTER TABLE brand_product
    ADD COLUMN status text NOT NULL DEFAULT 'ON_SALE' CONSTRAINT brand_product_status_known CHECK (status IN
        ('DEVELOPING', 'ON_SALE', 'DISCONTINUED'));

ALTER TABLE local_service DROP CONSTRAINT local_service_category_known;
ALTER TABLE local_service ADD CONSTRAINT local_service_category_known CHECK (category IN
    ('HOUSING', 'CHILDCARE', 'TRANSPORT', 'MEAL', 'HEALTH', 'EDUCATION', 'CULTURE', 'OTHER'));
ALTER TABLE local_service
    ADD COLUMN price_won bigint CONSTRAINT local_service_price_nonnegative CHECK (price_won >= 0);

CREATE TABLE project_final_report (
    project_id     bigint      PRIMARY KEY CONSTRAINT final_report_project_fk REFERENCES project (id),
    summary        text        NOT NULL DEFAULT '',
    kpi_outcomes   text        NOT NULL DEFAULT '',
    lessons        text        NOT NULL DEFAULT '',
    status         text        NOT NULL DEFAULT 'DRAFT' CONSTRAINT final_report_status_known CHECK (status IN ('DRAFT', 'SUBMITTED')),
    return_note    text        NOT NULL DEFAULT '',
    updated_by     bigint      NOT NULL CONSTRAINT final_report_updated_by_fk REFERENCES app_user (id),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    submitted_by   bigint      CONSTRAINT final_report_submitted_by_fk REFERENCES app_user (id),
    submitted_at   timestamptz,
    CONSTRAINT final_report_submitted_has_summary CHECK (status = 'DRAFT' OR length(btrim(summary)) > 0)
);

ALTER TABLE project
    ADD COLUMN completed_by bigint CONSTRAINT project_completed_by_fk REFERENCES app_user (id);
