-- The role every request runs as (entered with SET LOCAL ROLE inside each transaction):
-- not superuser, owner of nothing, no BYPASSRLS, so row-level security always applies,
-- even when DATABASE_URL names a superuser. Roles are cluster-wide, hence IF NOT EXISTS.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'solidaires_app') THEN
    CREATE ROLE solidaires_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
END
$$;

-- The connecting (owner) role must be able to SET ROLE to it.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'solidaires_app', 'MEMBER') THEN
    EXECUTE format('GRANT solidaires_app TO %I', current_user);
  END IF;
END
$$;

GRANT USAGE ON SCHEMA public TO solidaires_app;

-- The request's context, set with set_config(..., true) by the data door; NULL when unset.
CREATE FUNCTION app_org_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;

CREATE FUNCTION app_user_id() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;

-- A one-time link's hash (hex), set only while redeeming that link.
CREATE FUNCTION app_token_hash() RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT NULLIF(current_setting('app.token_hash', true), '') $$;

-- Keeps updated_at honest without every query remembering it.
CREATE FUNCTION touch_updated_at() RETURNS trigger
  LANGUAGE plpgsql
  AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
