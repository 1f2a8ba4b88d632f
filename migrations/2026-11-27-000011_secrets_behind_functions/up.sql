-- Secrets stay in the database. The request role reads no password hash, no hash of a
-- session token, reset link or invitation, no sign-in failure and no email body, and it
-- cannot write the columns that decide who someone is (password, superadmin, the instant
-- before which their access tokens are refused). What requests need of them goes through
-- the functions below: SECURITY DEFINER (they run as the owner), a fixed search_path, and
-- each answers only what its caller may know. Column privileges do the rest.

-- People: every column but the password hash (whether there is one is a column of its
-- own); writes limited to what people edit.
ALTER TABLE users ADD COLUMN has_password boolean NOT NULL
  GENERATED ALWAYS AS (password_hash IS NOT NULL) STORED;
REVOKE ALL ON users FROM solidaires_app;
GRANT SELECT (id, email, name, active, locale, is_superadmin, tokens_valid_after,
              membership_count, version, created_at, updated_at, has_password)
  ON users TO solidaires_app;
GRANT INSERT (id, email, name, locale) ON users TO solidaires_app;
GRANT UPDATE (name, locale, active) ON users TO solidaires_app;

-- The membership counter guards what an admin may do to an account: only the trigger
-- writes it, as the owner.
ALTER FUNCTION count_memberships() SECURITY DEFINER SET search_path = pg_catalog, public;
REVOKE ALL ON FUNCTION count_memberships() FROM PUBLIC;

-- What checking a password needs without the hash: the PHC string up to its salt
-- (algorithm, parameters, salt); NULL while the account has no password.
CREATE FUNCTION account_password_setting(p_user uuid) RETURNS text
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT regexp_replace(password_hash, '\$[^$]*$', '') FROM users WHERE id = p_user $$;

-- Whether the hash the API computed from a candidate password, with that setting, is the
-- stored one. The stored hash never leaves the database.
CREATE FUNCTION account_password_matches(p_user uuid, p_candidate text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT coalesce((SELECT password_hash = p_candidate FROM users WHERE id = p_user), false) $$;

-- Sets a password. Allowed to the person themselves, to the holder of a reset link for
-- them or of an invitation to their address (redeemed in this transaction or still open),
-- and to the transaction that has just opened the account without a password.
CREATE FUNCTION account_set_password(p_user uuid, p_phc text) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    IF p_phc !~ '^\$argon2id\$v=\d+\$m=\d+,t=\d+,p=\d+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$' THEN
      RAISE EXCEPTION 'not an argon2id PHC string' USING ERRCODE = '22023';
    END IF;
    IF NOT (
         p_user = app_user_id()
      OR EXISTS (SELECT 1 FROM password_resets r
                  WHERE r.token_hash = app_token_hash() AND r.user_id = p_user
                    AND r.expires_at > now() AND (r.used_at IS NULL OR r.used_at = now()))
      OR EXISTS (SELECT 1 FROM invitations i JOIN users u ON lower(u.email) = lower(i.email)
                  WHERE i.token_hash = app_token_hash() AND u.id = p_user
                    AND i.expires_at > now() AND i.revoked_at IS NULL
                    AND (i.accepted_at IS NULL OR i.accepted_at = now()))
      OR EXISTS (SELECT 1 FROM users u
                  WHERE u.id = p_user AND u.password_hash IS NULL AND u.created_at = now())
    ) THEN
      RAISE EXCEPTION 'not allowed to set this password' USING ERRCODE = '42501';
    END IF;
    UPDATE users SET password_hash = p_phc WHERE id = p_user;
  END
  $$;

-- Refuses the person's access tokens issued until now. Allowed to the person themselves,
-- to the holder of a reset link for them, to an admin of an organisation they belong to
-- (inside that organisation's door) and to the instance's superadmin.
CREATE FUNCTION account_invalidate_tokens(p_user uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$
  BEGIN
    IF NOT (
         p_user = app_user_id()
      OR EXISTS (SELECT 1 FROM password_resets r
                  WHERE r.token_hash = app_token_hash() AND r.user_id = p_user)
      OR (EXISTS (SELECT 1 FROM memberships m
                   WHERE m.organisation_id = app_org_id() AND m.user_id = app_user_id()
                     AND m.role = 'admin')
          AND EXISTS (SELECT 1 FROM memberships m
                       WHERE m.organisation_id = app_org_id() AND m.user_id = p_user))
      OR EXISTS (SELECT 1 FROM users u WHERE u.id = app_user_id() AND u.is_superadmin)
    ) THEN
      RAISE EXCEPTION 'not allowed to end this person''s sessions' USING ERRCODE = '42501';
    END IF;
    UPDATE users SET tokens_valid_after = now() WHERE id = p_user;
  END
  $$;

-- Sessions: the hash of a refresh token is found only by presenting the token.
REVOKE ALL ON refresh_tokens FROM solidaires_app;
GRANT SELECT (id, user_id, family_id, expires_at, used_at, revoked_at, created_at)
  ON refresh_tokens TO solidaires_app;
GRANT INSERT ON refresh_tokens TO solidaires_app;
GRANT UPDATE (used_at, revoked_at) ON refresh_tokens TO solidaires_app;

-- The session token with this hash, locked until the transaction ends.
CREATE FUNCTION session_token(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, family_id uuid, expires_at timestamptz,
                 used_at timestamptz, revoked_at timestamptz)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT t.id, t.user_id, t.family_id, t.expires_at, t.used_at, t.revoked_at
          FROM refresh_tokens t WHERE t.token_hash = p_hash FOR UPDATE $$;

-- Reset links: likewise.
REVOKE ALL ON password_resets FROM solidaires_app;
GRANT SELECT (id, user_id, expires_at, used_at, created_at, issued_by, issued_in)
  ON password_resets TO solidaires_app;
GRANT INSERT ON password_resets TO solidaires_app;
GRANT UPDATE (used_at) ON password_resets TO solidaires_app;

-- The unused, unexpired reset link with this hash.
CREATE FUNCTION reset_link(p_hash text)
  RETURNS TABLE (id uuid, user_id uuid, issued_by uuid, issued_in uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT r.id, r.user_id, r.issued_by, r.issued_in FROM password_resets r
         WHERE r.token_hash = p_hash AND r.used_at IS NULL AND r.expires_at > now() $$;

-- Invitations: an organisation's admins list them, without their hashes.
REVOKE SELECT, UPDATE ON invitations FROM solidaires_app;
GRANT SELECT (organisation_id, id, organisation_kind, email, role, expires_at, accepted_at,
              revoked_at, created_by, created_at) ON invitations TO solidaires_app;
GRANT UPDATE (accepted_at, revoked_at) ON invitations TO solidaires_app;

-- The key of the invitation with this hash (its row is then read through the policies).
CREATE FUNCTION invitation_key(p_hash text)
  RETURNS TABLE (organisation_id uuid, id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT i.organisation_id, i.id FROM invitations i WHERE i.token_hash = p_hash $$;

-- Sign-in failures: counted and recorded, never listed (who tried from where is personal).
REVOKE ALL ON login_failures FROM solidaires_app;

CREATE FUNCTION login_failures_since(p_email text, p_ip text, p_since timestamptz)
  RETURNS TABLE (n bigint, oldest timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ SELECT count(*), min(f.at) FROM login_failures f
         WHERE f.email = p_email AND (p_ip IS NULL OR f.ip = p_ip) AND f.at > p_since $$;

-- Records a failure and trims the rows the hourly window no longer needs.
CREATE FUNCTION login_failure_record(p_email text, p_ip text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ INSERT INTO login_failures (email, ip) VALUES (p_email, p_ip);
        DELETE FROM login_failures WHERE at < now() - interval '2 hours' $$;

CREATE FUNCTION login_failures_clear(p_email text, p_ip text) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
  AS $$ DELETE FROM login_failures WHERE email = p_email AND ip = p_ip $$;

-- Emails: queued by requests, read only by the delivery job (as the owner). Their bodies
-- hold one-time links.
REVOKE ALL ON outbox_emails FROM solidaires_app;
GRANT INSERT ON outbox_emails TO solidaires_app;

-- Functions are executable by PUBLIC by default: only the request role may call these.
DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[
    'account_password_setting(uuid)', 'account_password_matches(uuid, text)',
    'account_set_password(uuid, text)', 'account_invalidate_tokens(uuid)',
    'session_token(text)', 'reset_link(text)', 'invitation_key(text)',
    'login_failures_since(text, text, timestamptz)', 'login_failure_record(text, text)',
    'login_failures_clear(text, text)']
  LOOP
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO solidaires_app', f);
  END LOOP;
END
$$;
