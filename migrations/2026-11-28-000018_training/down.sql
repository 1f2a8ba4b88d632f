DROP TABLE workshop_ledger, competence_validations, course_attendance, course_trainees,
  course_invitations, course_sessions, course_trainers, courses, training_programme_sessions,
  training_programmes, training_people;
ALTER TABLE organisations DROP COLUMN workshop_ledger_policy;
