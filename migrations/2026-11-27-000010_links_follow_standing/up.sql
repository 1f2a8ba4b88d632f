-- A reset link issued by an organisation's admin remembers who issued it and for which
-- organisation, so that it works only while that still justifies it (the admin is still an
-- admin there, the person still belongs to that organisation alone and is not the instance's
-- superadmin). A link the person asked for by email has neither.
ALTER TABLE password_resets
  ADD COLUMN issued_by uuid REFERENCES users (id),
  ADD COLUMN issued_in uuid REFERENCES organisations (id),
  ADD CONSTRAINT password_resets_issuer CHECK ((issued_by IS NULL) = (issued_in IS NULL));
