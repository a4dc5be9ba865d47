-- Records of collaboration types ①–③ and project completion:
-- ① joint brands with member firms, products and design-support requests to the design agency (KCDF);
-- ② value-chain trades between members (the raw data of local circulation);
-- ③ local living services linked by the project, with usage.

CREATE TABLE joint_brand (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   bigint      NOT NULL CONSTRAINT joint_brand_project_fk REFERENCES project (id),
    name         text        NOT NULL CONSTRAINT joint_brand_name_present CHECK (length(btrim(name)) > 0),
    description  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT joint_brand_name_unique UNIQUE (project_id, name)
);

CREATE TABLE joint_brand_member (
    brand_id         bigint NOT NULL CONSTRAINT brand_member_brand_fk REFERENCES joint_brand (id),
    organisation_id  bigint NOT NULL CONSTRAINT brand_member_organisation_fk REFERENCES organisation (id),
    PRIMARY KEY (brand_id, organisation_id)
);

CREATE TABLE brand_product (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    brand_id         bigint      NOT NULL CONSTRAINT brand_product_brand_fk REFERENCES joint_brand (id),
    organisation_id  bigint      NOT NULL CONSTRAINT brand_product_organisation_fk REFERENCES organisation (id),
    name             text        NOT NULL CONSTRAINT brand_product_name_present CHECK (length(btrim(name)) > 0),
    price_won        bigint      CONSTRAINT brand_product_price_nonnegative CHECK (price_won >= 0),
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE design_request (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id       bigint      NOT NULL CONSTRAINT design_request_project_fk REFERENCES project (id),
    brand_id         bigint      CONSTRAINT design_request_brand_fk REFERENCES joint_brand (id),
    title            text        NOT NULL CONSTRAINT design_request_title_present CHECK (length(btrim(title)) > 0),
    description      text        NOT NULL DEFAULT '',
    status           text        NOT NULL DEFAULT 'REQUESTED' CONSTRAINT design_request_status_known CHECK (status IN
                         ('REQUESTED', 'IN_PROGRESS', 'DELIVERED', 'CLOSED')),
    answer           text        NOT NULL DEFAULT '',
    deliverables     text        NOT NULL DEFAULT '',
    requested_by     bigint      NOT NULL CONSTRAINT design_request_requested_by_fk REFERENCES app_user (id),
    answered_by      bigint      CONSTRAINT design_request_answered_by_fk REFERENCES app_user (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX design_request_status_idx ON design_request (status, created_at);

CREATE TABLE value_chain_trade (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id        bigint        NOT NULL CONSTRAINT trade_project_fk REFERENCES project (id),
    seller_id         bigint        NOT NULL CONSTRAINT trade_seller_fk REFERENCES organisation (id),
    buyer_id          bigint        NOT NULL CONSTRAINT trade_buyer_fk REFERENCES organisation (id),
    item              text          NOT NULL CONSTRAINT trade_item_present CHECK (length(btrim(item)) > 0),
    quantity          numeric(18,3) NOT NULL CONSTRAINT trade_quantity_positive CHECK (quantity > 0),
    unit              text          NOT NULL DEFAULT '',
    amount_won        bigint        NOT NULL CONSTRAINT trade_amount_nonnegative CHECK (amount_won >= 0),
    traded_on         date          NOT NULL,
    recorded_by       bigint        NOT NULL CONSTRAINT trade_recorded_by_fk REFERENCES app_user (id),
    recorded_at       timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT trade_between_two CHECK (seller_id <> buyer_id)
);

CREATE INDEX value_chain_trade_project_idx ON value_chain_trade (project_id, traded_on);

CREATE TABLE local_service (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id   bigint      NOT NULL CONSTRAINT local_service_project_fk REFERENCES project (id),
    name         text        NOT NULL CONSTRAINT local_service_name_present CHECK (length(btrim(name)) > 0),
    category     text        NOT NULL CONSTRAINT local_service_category_known CHECK (category IN
                     ('HOUSING', 'CHILDCARE', 'TRANSPORT', 'HEALTH', 'EDUCATION', 'CULTURE', 'OTHER')),
    provider     text        NOT NULL DEFAULT '',
    provider_organisation_id bigint CONSTRAINT local_service_provider_fk REFERENCES organisation (id),
    description  text        NOT NULL DEFAULT '',
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE local_service_usage (
    service_id   bigint  NOT NULL CONSTRAINT service_usage_service_fk REFERENCES local_service (id),
    period       text    NOT NULL CONSTRAINT service_usage_period_shape CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    uses         integer NOT NULL CONSTRAINT service_usage_uses_nonnegative CHECK (uses >= 0),
    amount_won   bigint  NOT NULL DEFAULT 0 CONSTRAINT service_usage_amount_nonnegative CHECK (amount_won >= 0),
    PRIMARY KEY (service_id, period)
);

ALTER TABLE project
    ADD COLUMN final_report text NOT NULL DEFAULT '',
    ADD COLUMN completed_at timestamptz;
