ALTER TABLE password_resets
  DROP CONSTRAINT password_resets_issuer,
  DROP COLUMN issued_in,
  DROP COLUMN issued_by;
