-- Selection review (선정평가): reviewers assigned per application, scores per criterion, and the
-- ministry's decision with its reason.

CREATE TABLE review_assignment (
    application_id    bigint      NOT NULL CONSTRAINT review_assignment_application_fk REFERENCES application (id),
    reviewer_user_id  bigint      NOT NULL CONSTRAINT review_assignment_reviewer_fk REFERENCES app_user (id),
    assigned_by       bigint      CONSTRAINT review_assignment_assigned_by_fk REFERENCES app_user (id),
    assigned_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, reviewer_user_id)
);

CREATE INDEX review_assignment_reviewer_idx ON review_assignment (reviewer_user_id);

CREATE TABLE review_score (
    application_id    bigint       NOT NULL,
    reviewer_user_id  bigint       NOT NULL,
    criterion_code    text         NOT NULL,
    score             numeric(5,2) NOT NULL CONSTRAINT review_score_range CHECK (score BETWEEN 0 AND 100),
    comment           text         NOT NULL DEFAULT '',
    updated_at        timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, reviewer_user_id, criterion_code),
    -- only an assigned reviewer scores
    CONSTRAINT review_score_assignment_fk FOREIGN KEY (application_id, reviewer_user_id)
        REFERENCES review_assignment (application_id, reviewer_user_id)
);

ALTER TABLE application ADD COLUMN decision_reason text NOT NULL DEFAULT '';
ALTER TABLE grant_call ADD COLUMN ranking_closed_at timestamptz;
