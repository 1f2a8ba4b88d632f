DROP TABLE outbox_emails; DROP TABLE login_failures; DROP TABLE refresh_tokens;
