-- People in projects: invitations to join a project (as a firm user, a coordinator or an official of
-- the lead local government), and a project membership that can be switched off for one person.

CREATE TABLE project_invitation (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id       bigint      NOT NULL CONSTRAINT project_invitation_project_fk REFERENCES project (id),
    organisation_id  bigint      NOT NULL CONSTRAINT project_invitation_organisation_fk REFERENCES organisation (id),
    email            text        NOT NULL CONSTRAINT project_invitation_email_lower CHECK (email = lower(email)),
    name             text        NOT NULL CONSTRAINT project_invitation_name_present CHECK (length(btrim(name)) > 0),
    role             text        NOT NULL CONSTRAINT project_invitation_role_known CHECK (role IN ('FIRM', 'COORDINATOR', 'LOCAL_GOV')),
    -- SHA-256 of the one-time token; the token itself is shown to the inviter once and never stored
    token_hash       bytea       NOT NULL CONSTRAINT project_invitation_token_hash_size CHECK (length(token_hash) = 32),
    status           text        NOT NULL DEFAULT 'PENDING' CONSTRAINT project_invitation_status_known CHECK (status IN
                         ('PENDING', 'ACCEPTED', 'REVOKED', 'EXPIRED')),
    invited_by       bigint      NOT NULL CONSTRAINT project_invitation_invited_by_fk REFERENCES app_user (id),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz NOT NULL DEFAULT now(),
    expires_at       timestamptz NOT NULL,
    revoked_by       bigint      CONSTRAINT project_invitation_revoked_by_fk REFERENCES app_user (id),
    revoked_at       timestamptz,
    accepted_user_id bigint      CONSTRAINT project_invitation_accepted_user_fk REFERENCES app_user (id),
    accepted_at      timestamptz,
    CONSTRAINT project_invitation_token_hash_unique UNIQUE (token_hash),
    CONSTRAINT project_invitation_accepted_has_user CHECK (status <> 'ACCEPTED' OR (accepted_user_id IS NOT NULL AND accepted_at IS NOT NULL)),
    CONSTRAINT project_invitation_revoked_has_time CHECK (status <> 'REVOKED' OR revoked_at IS NOT NULL)
);

-- one open invitation per person and project: a second one would leave two live links
CREATE UNIQUE INDEX project_invitation_one_pending ON project_invitation (project_id, email) WHERE status = 'PENDING';
CREATE INDEX project_invitation_project_idx ON project_invitation (project_id, created_at DESC);

-- A person's membership of one project can be switched off without touching their account (which
-- may belong to other projects) or their organisation's membership. An inactive row outweighs the
-- membership the person's organisation would give.
ALTER TABLE project_user
    ADD COLUMN active         boolean     NOT NULL DEFAULT true,
    ADD COLUMN deactivated_at timestamptz,
    ADD COLUMN deactivated_by bigint      CONSTRAINT project_user_deactivated_by_fk REFERENCES app_user (id);
