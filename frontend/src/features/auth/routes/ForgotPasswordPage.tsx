import { Alert, Anchor, Button, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { t } from "../fr";
import { ProblemAlert } from "@/components/ProblemAlert";
import { AuthFrame } from "@/components/AuthFrame";

export default function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST("/api/v1/auth/password-reset/request", { body: { email: email.trim() } }));
      setSent(true);
    } catch (problem) {
      setError(problem);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t("forgot.title")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t("forgot.intro")}</Text>
          {sent && (
            <Alert color="blue" role="status">
              {t("forgot.sent")}
            </Alert>
          )}
          {error !== null && !serverError(error, "email") && <ProblemAlert error={error} />}
          <TextInput label={t("login.email")} type="email" required value={email} error={serverError(error, "email")} onChange={(e) => setEmail(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            {t("forgot.submit")}
          </Button>
          <Anchor component={Link} to="/login" size="sm" ta="center" c="brand.8">
            {t("forgot.back")}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
