DROP FUNCTION touch_updated_at();
DROP FUNCTION app_token_hash();
DROP FUNCTION app_user_id();
DROP FUNCTION app_org_id();
REVOKE USAGE ON SCHEMA public FROM solidaires_app;
