import { Alert, Button, Container, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { login, type LoginOutcome } from "@/lib/auth/session";
import { t, type MessageKey } from "@/lib/i18n";

const outcomeMessage: Record<Exclude<LoginOutcome, "ok">, MessageKey> = {
  invalid: "login.invalid",
  throttled: "login.throttled",
  network: "error.network",
};

/** Only same-site paths are followed after sign-in (never an absolute URL). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<MessageKey | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const errors = {
      email: email.trim() ? undefined : t("login.emailRequired"),
      password: password ? undefined : t("login.passwordRequired"),
    };
    setFieldErrors(errors);
    if (errors.email || errors.password) return;
    setBusy(true);
    setError(null);
    const outcome = await login(email.trim(), password);
    setBusy(false);
    if (outcome === "ok") {
      navigate(safeNext(params.get("next")), { replace: true });
    } else {
      setError(outcomeMessage[outcome]);
    }
  }

  return (
    <Container size={460} py="xl" component="main">
      <Title order={1} ta="center" mb="xs">
        {t("app.name")}
      </Title>
      <Text ta="center" c="gray.7" mb="lg">
        {t("app.tagline")}
      </Text>
      <Paper withBorder shadow="sm" p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              {t("login.title")}
            </Title>
            <Text size="sm">{t("login.intro")}</Text>
            {error && (
              <Alert color="red" role="alert">
                {t(error)}
              </Alert>
            )}
            <TextInput
              label={t("login.email")}
              type="email"
              autoComplete="username"
              required
              value={email}
              error={fieldErrors.email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t("login.password")}
              autoComplete="current-password"
              required
              value={password}
              error={fieldErrors.password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={busy} fullWidth>
              {t("login.submit")}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Container>
  );
}
