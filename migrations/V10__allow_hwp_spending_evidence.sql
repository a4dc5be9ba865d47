-- Spending evidence (증빙) may also be a Hangul document: HWP (OLE compound file) or HWPX (OWPML zip),
-- the formats Korean public offices issue receipts and reports in. The service checks the bytes.

ALTER TABLE spending DROP CONSTRAINT spending_evidence_type_allowed;
ALTER TABLE spending ADD CONSTRAINT spending_evidence_type_allowed CHECK (evidence_type IS NULL OR evidence_type IN
    ('application/pdf', 'image/png', 'image/jpeg', 'application/x-hwp', 'application/hwp+zip'));
ALTER TABLE spending ADD CONSTRAINT spending_evidence_complete CHECK ((evidence IS NULL) = (evidence_type IS NULL)
    AND (evidence IS NULL) = (evidence_filename IS NULL));
