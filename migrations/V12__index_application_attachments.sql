-- Attachments are listed and counted per application (at most 10 each, bytes kept in the table as
-- V5 created it); V5 gave the table no index on its application.

CREATE INDEX application_attachment_application_idx ON application_attachment (application_id, uploaded_at);
