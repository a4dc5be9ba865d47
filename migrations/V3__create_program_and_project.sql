-- The program, its call and the selected projects with their consortium. The program issue
-- extends these tables (applications, reviews, agreements); the booking issue hangs resources
-- off project.

CREATE TABLE program (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code             text        NOT NULL CONSTRAINT program_code_unique UNIQUE,
    title_ko         text        NOT NULL,
    title_en         text        NOT NULL,
    description_ko   text        NOT NULL DEFAULT '',
    description_en   text        NOT NULL DEFAULT '',
    year             integer     NOT NULL CONSTRAINT program_year_plausible CHECK (year BETWEEN 2000 AND 2100),
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- 공고: application window, number to select and funding caps, stored per call (never hard-coded)
CREATE TABLE grant_call (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    program_id           bigint      NOT NULL CONSTRAINT grant_call_program_fk REFERENCES program (id),
    title_ko             text        NOT NULL,
    title_en             text        NOT NULL,
    opens_on             date        NOT NULL,
    closes_on            date        NOT NULL,
    projects_to_select   integer     NOT NULL CONSTRAINT grant_call_select_positive CHECK (projects_to_select > 0),
    national_cap_won     bigint      NOT NULL CONSTRAINT grant_call_national_cap_positive CHECK (national_cap_won > 0),
    local_min_won        bigint      NOT NULL CONSTRAINT grant_call_local_min_nonnegative CHECK (local_min_won >= 0),
    total_cap_won        bigint      NOT NULL CONSTRAINT grant_call_total_cap_positive CHECK (total_cap_won > 0),
    status               text        NOT NULL DEFAULT 'DRAFT' CONSTRAINT grant_call_status_known CHECK (status IN
                             ('DRAFT', 'OPEN', 'CLOSED', 'REVIEW', 'SELECTED')),
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT grant_call_window_ordered CHECK (closes_on >= opens_on)
);

-- 과제: an application selected by the ministry
CREATE TABLE project (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id              bigint      NOT NULL CONSTRAINT project_call_fk REFERENCES grant_call (id),
    code                 text        NOT NULL CONSTRAINT project_code_unique UNIQUE,
    title_ko             text        NOT NULL,
    title_en             text        NOT NULL,
    lead_organisation_id bigint      NOT NULL CONSTRAINT project_lead_fk REFERENCES organisation (id),
    region_code          char(5)     NOT NULL CONSTRAINT project_region_code_digits CHECK (region_code ~ '^[0-9]{5}$'),
    -- collaboration types ①–④
    collaboration_types  text[]      NOT NULL CONSTRAINT project_types_known CHECK (
                             cardinality(collaboration_types) > 0
                             AND collaboration_types <@ ARRAY['JOINT_BRAND', 'VALUE_CHAIN', 'LOCAL_SERVICE', 'SHARED_INFRASTRUCTURE']),
    status               text        NOT NULL DEFAULT 'SELECTED' CONSTRAINT project_status_known CHECK (status IN
                             ('SELECTED', 'AGREED', 'ACTIVE', 'COMPLETED')),
    national_funds_won   bigint      NOT NULL DEFAULT 0 CONSTRAINT project_national_nonnegative CHECK (national_funds_won >= 0),
    local_funds_won      bigint      NOT NULL DEFAULT 0 CONSTRAINT project_local_nonnegative CHECK (local_funds_won >= 0),
    created_at           timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX project_call_idx ON project (call_id);
CREATE INDEX project_lead_idx ON project (lead_organisation_id);

-- 컨소시엄: the organisations of a project
CREATE TABLE project_organisation (
    project_id       bigint      NOT NULL CONSTRAINT project_organisation_project_fk REFERENCES project (id),
    organisation_id  bigint      NOT NULL CONSTRAINT project_organisation_organisation_fk REFERENCES organisation (id),
    member_role      text        NOT NULL CONSTRAINT project_organisation_role_known CHECK (member_role IN ('LEAD', 'MEMBER')),
    joined_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, organisation_id)
);

CREATE INDEX project_organisation_organisation_idx ON project_organisation (organisation_id);

-- People named on a project beyond their organisation's membership, e.g. its coordinators.
CREATE TABLE project_user (
    project_id       bigint      NOT NULL CONSTRAINT project_user_project_fk REFERENCES project (id),
    user_id          bigint      NOT NULL CONSTRAINT project_user_user_fk REFERENCES app_user (id),
    project_role     text        NOT NULL CONSTRAINT project_user_role_known CHECK (project_role IN ('COORDINATOR', 'MEMBER')),
    added_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, user_id)
);

CREATE INDEX project_user_user_idx ON project_user (user_id);
