DROP TABLE funder_reports;
DROP FUNCTION network_figures(integer);
DROP FUNCTION refresh_network_rows(integer);
DROP TABLE network_rows, network_snapshots;
DROP FUNCTION dashboard_cells(date, date, uuid);
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['cycles', 'cycle_sessions', 'enrolments', 'skills_checks', 'devices',
    'donations', 'donors', 'handovers', 'course_attendance', 'course_sessions', 'competence_validations'] LOOP
    EXECUTE format('DROP POLICY %I ON %I', t || '_network_figures', t);
    EXECUTE format('REVOKE SELECT ON %I FROM solidaires_figures', t);
  END LOOP;
END $$;
REVOKE SELECT (id, name, kind) ON organisations FROM solidaires_figures;
DROP INDEX referrals_referrer_figures_idx, devices_created_idx, handovers_day_idx, competence_validations_day_idx, skills_checks_day_idx;
DROP TRIGGER skills_checks_improved ON skills_checks;
DROP TRIGGER skills_checks_start_changed ON skills_checks;
DROP FUNCTION skills_check_improved(), skills_start_changed();
ALTER TABLE skills_checks DROP COLUMN improved;
DROP TRIGGER attendance_recount_insert ON attendance;
DROP TRIGGER attendance_recount_update ON attendance;
DROP TRIGGER attendance_recount_delete ON attendance;
DROP FUNCTION recount_session_attendance();
ALTER TABLE cycle_sessions DROP COLUMN present_count, DROP COLUMN recorded_count;
DROP TRIGGER referrals_month_insert_delete ON referrals;
DROP TRIGGER referrals_month_update ON referrals;
DROP FUNCTION count_referral_month();
DROP FUNCTION referral_month_delta(referrals, integer);
DROP TABLE referral_month_delays, referral_month_counts;
