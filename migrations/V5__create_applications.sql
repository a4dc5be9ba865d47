-- The grant call's rules (budget categories, review criteria, eligibility settings), the
-- 시군구연고산업육성사업 support history that eligibility needs, and applications (신청) with their
-- consortium, budget plan, KPIs, attachments and status history.

ALTER TABLE grant_call
    ADD COLUMN description_ko          text    NOT NULL DEFAULT '',
    ADD COLUMN description_en          text    NOT NULL DEFAULT '',
    ADD COLUMN min_local_smes          integer NOT NULL DEFAULT 3 CONSTRAINT grant_call_min_smes_nonnegative CHECK (min_local_smes >= 0),
    ADD COLUMN require_support_history boolean NOT NULL DEFAULT true,
    ADD COLUMN eligible_statuses       text[]  NOT NULL DEFAULT ARRAY['DECLINING', 'WATCH']
        CONSTRAINT grant_call_statuses_known CHECK (eligible_statuses <@ ARRAY['DECLINING', 'WATCH']);

-- 비목: the budget categories a call allows
CREATE TABLE call_budget_category (
    call_id   bigint  NOT NULL CONSTRAINT budget_category_call_fk REFERENCES grant_call (id),
    code      text    NOT NULL CONSTRAINT budget_category_code_shape CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
    name_ko   text    NOT NULL,
    name_en   text    NOT NULL,
    position  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (call_id, code)
);

CREATE TABLE call_review_criterion (
    call_id   bigint       NOT NULL CONSTRAINT review_criterion_call_fk REFERENCES grant_call (id),
    code      text         NOT NULL CONSTRAINT review_criterion_code_shape CHECK (code ~ '^[A-Z][A-Z_]{1,39}$'),
    name_ko   text         NOT NULL,
    name_en   text         NOT NULL,
    weight    numeric(5,2) NOT NULL CONSTRAINT review_criterion_weight_positive CHECK (weight > 0),
    position  integer      NOT NULL DEFAULT 0,
    PRIMARY KEY (call_id, code)
);

-- Which 시군구 have received or are running 시군구연고산업육성사업 support, by year.
CREATE TABLE support_history (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sgg_code       char(5)     NOT NULL CONSTRAINT support_history_code_digits CHECK (sgg_code ~ '^[0-9]{5}$'),
    program_year   integer     NOT NULL CONSTRAINT support_history_year_range CHECK (program_year BETWEEN 2019 AND 2100),
    project_title  text        NOT NULL DEFAULT '',
    note           text        NOT NULL DEFAULT '',
    created_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT support_history_unique UNIQUE (sgg_code, program_year, project_title)
);

CREATE INDEX support_history_code_idx ON support_history (sgg_code, program_year);

CREATE TABLE application (
    id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id                   bigint      NOT NULL CONSTRAINT application_call_fk REFERENCES grant_call (id),
    applicant_organisation_id bigint      NOT NULL CONSTRAINT application_applicant_fk REFERENCES organisation (id),
    status                    text        NOT NULL DEFAULT 'DRAFT' CONSTRAINT application_status_known CHECK (status IN
                                  ('DRAFT', 'SUBMITTED', 'UNDER_REVIEW', 'SELECTED', 'NOT_SELECTED', 'WITHDRAWN')),
    title                     text        NOT NULL DEFAULT '',
    collaboration_types       text[]      NOT NULL DEFAULT '{}' CONSTRAINT application_types_known CHECK (
                                  collaboration_types <@ ARRAY['JOINT_BRAND', 'VALUE_CHAIN', 'LOCAL_SERVICE', 'SHARED_INFRASTRUCTURE']),
    model_description         text        NOT NULL DEFAULT '',
    resource_plan             text        NOT NULL DEFAULT '',
    submitted_at              timestamptz,
    project_id                bigint      CONSTRAINT application_project_fk REFERENCES project (id),
    created_by                bigint      CONSTRAINT application_created_by_fk REFERENCES app_user (id),
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT application_submitted_has_time CHECK (status = 'DRAFT' OR status = 'WITHDRAWN' OR submitted_at IS NOT NULL)
);

-- one active application per local government per call
CREATE UNIQUE INDEX application_one_active_per_applicant ON application (call_id, applicant_organisation_id)
    WHERE status <> 'WITHDRAWN';

CREATE TABLE application_member (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id   bigint  NOT NULL CONSTRAINT application_member_application_fk REFERENCES application (id) ON DELETE CASCADE,
    kind             text    NOT NULL CONSTRAINT application_member_kind_known CHECK (kind IN ('SME', 'UNIVERSITY', 'INNOVATION_INSTITUTION')),
    name             text    NOT NULL CONSTRAINT application_member_name_present CHECK (length(btrim(name)) > 0),
    business_number  char(10) CONSTRAINT application_member_business_number_digits CHECK (business_number ~ '^[0-9]{10}$'),
    region_code      char(5)  CONSTRAINT application_member_region_digits CHECK (region_code ~ '^[0-9]{5}$'),
    role_description text    NOT NULL DEFAULT '',
    is_lead          boolean NOT NULL DEFAULT false,
    position         integer NOT NULL DEFAULT 0,
    CONSTRAINT application_member_sme_has_number CHECK (kind <> 'SME' OR business_number IS NOT NULL)
);

CREATE INDEX application_member_application_idx ON application_member (application_id, position);

CREATE TABLE application_budget (
    application_id  bigint NOT NULL CONSTRAINT application_budget_application_fk REFERENCES application (id) ON DELETE CASCADE,
    category_code   text   NOT NULL,
    source          text   NOT NULL CONSTRAINT application_budget_source_known CHECK (source IN ('NATIONAL', 'LOCAL')),
    amount_won      bigint NOT NULL CONSTRAINT application_budget_amount_nonnegative CHECK (amount_won >= 0),
    PRIMARY KEY (application_id, category_code, source)
);

CREATE TABLE application_kpi (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint        NOT NULL CONSTRAINT application_kpi_application_fk REFERENCES application (id) ON DELETE CASCADE,
    name            text          NOT NULL,
    unit            text          NOT NULL DEFAULT '',
    target          numeric(18,2) NOT NULL,
    position        integer       NOT NULL DEFAULT 0
);

CREATE TABLE application_attachment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint      NOT NULL CONSTRAINT application_attachment_application_fk REFERENCES application (id) ON DELETE CASCADE,
    filename        text        NOT NULL,
    content_type    text        NOT NULL CONSTRAINT application_attachment_type_allowed CHECK (content_type IN
                        ('application/pdf', 'application/x-hwp', 'application/haansofthwp', 'application/vnd.hancom.hwpx',
                         'image/png', 'image/jpeg')),
    size_bytes      integer     NOT NULL CONSTRAINT application_attachment_size_limit CHECK (size_bytes BETWEEN 1 AND 10485760),
    content         bytea       NOT NULL,
    uploaded_by     bigint      CONSTRAINT application_attachment_uploader_fk REFERENCES app_user (id),
    uploaded_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE application_status_history (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  bigint      NOT NULL CONSTRAINT application_history_application_fk REFERENCES application (id),
    status          text        NOT NULL,
    at              timestamptz NOT NULL DEFAULT now(),
    by_user_id      bigint      CONSTRAINT application_history_user_fk REFERENCES app_user (id),
    note            text        NOT NULL DEFAULT ''
);

CREATE INDEX application_history_idx ON application_status_history (application_id, at);

-- Calls created before this migration get the typical categories and criteria; the ministry edits them.
INSERT INTO call_budget_category (call_id, code, name_ko, name_en, position)
SELECT c.id, v.code, v.name_ko, v.name_en, v.position
  FROM grant_call c
 CROSS JOIN (VALUES ('PERSONNEL', '인건비', 'Personnel', 1), ('MATERIALS', '재료비', 'Materials', 2),
                    ('EQUIPMENT_FACILITIES', '장비·시설비', 'Equipment and facilities', 3),
                    ('OUTSOURCING', '위탁용역비', 'Outsourced services', 4), ('PROMOTION', '홍보·마케팅비', 'Promotion and marketing', 5),
                    ('OPERATIONS', '운영비', 'Operations', 6)) AS v (code, name_ko, name_en, position);

INSERT INTO call_review_criterion (call_id, code, name_ko, name_en, weight, position)
SELECT c.id, v.code, v.name_ko, v.name_en, v.weight, v.position
  FROM grant_call c
 CROSS JOIN (VALUES ('MODEL', '협업모델의 적정성', 'Soundness of the collaboration model', 30, 1),
                    ('CIRCULATION', '지역 내 경제 선순환 효과', 'Local economic circulation', 25, 2),
                    ('FEASIBILITY', '추진체계 및 실현가능성', 'Organisation and feasibility', 20, 3),
                    ('BRANDING', '디자인·브랜딩 연계', 'Design and branding', 15, 4),
                    ('OUTCOMES', '성과지표의 타당성', 'Soundness of the KPIs', 10, 5)) AS v (code, name_ko, name_en, weight, position);
