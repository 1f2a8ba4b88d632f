DROP FUNCTION calendar_feed_key(text);
DROP TABLE calendar_feeds, outbox_sms, session_reminders, skills_checks, attendance, enrolments,
  cycle_sessions, cycle_facilitators, cycles, programme_modules, programmes;
ALTER TABLE organisations DROP COLUMN cycle_completion_threshold;
