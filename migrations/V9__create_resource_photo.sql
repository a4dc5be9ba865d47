-- A photo per resource (JPEG, PNG or WebP, at most 1 MiB), kept in the database so every app
-- instance serves it.

CREATE TABLE resource_photo (
    resource_id   bigint      PRIMARY KEY CONSTRAINT resource_photo_resource_fk REFERENCES resource (id),
    content_type  text        NOT NULL CONSTRAINT resource_photo_type_allowed CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
    bytes         bytea       NOT NULL CONSTRAINT resource_photo_size_limit CHECK (length(bytes) BETWEEN 1 AND 1048576),
    updated_by    bigint      CONSTRAINT resource_photo_updated_by_fk REFERENCES app_user (id),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
