import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { login, type LoginOutcome } from "@/lib/auth/session";
import { t, type Key } from "../fr";
import { AuthFrame } from "@/components/AuthFrame";

const outcomeMessage: Record<Exclude<LoginOutcome, "ok">, Key> = {
  invalid: "login.invalid",
  throttled: "login.throttled",
  network: "error.network",
};

/** Only same-site paths are followed after sign-in (never an absolute URL). */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<{ email?: string; password?: string }>({});
  const [error, setError] = useState<Key | null>(null);
  const [busy, setBusy] = useState(false);
  const notice: Key | null = params.get("expired") ? "login.expired" : params.get("reset") ? "reset.done" : null;

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
    if (outcome === "ok") navigate(safeNext(params.get("next")), { replace: true });
    else setError(outcomeMessage[outcome]);
  }

  return (
    <AuthFrame title={t("login.title")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t("login.intro")}</Text>
          {notice && (
            <Alert color="blue" role="status">
              {t(notice)}
            </Alert>
          )}
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
          <Anchor component={Link} to="/forgot-password" size="sm" ta="center" c="brand.8">
            {t("login.forgot")}
          </Anchor>
        </Stack>
      </form>
    </AuthFrame>
  );
}
