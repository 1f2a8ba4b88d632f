import { Button, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "@/lib/api/client";
import { ApiProblem, unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { t } from "../fr";
import { ProblemAlert } from "@/components/ProblemAlert";
import { Alert } from "@mantine/core";
import { AuthFrame } from "@/components/AuthFrame";
import { PasswordFields, passwordProblem } from "../components/PasswordFields";

export default function ResetPasswordPage() {
  const navigate = useNavigate();
  const [token] = useState(() => window.location.hash.replace(/^#/, ""));
  const [password, setPassword] = useState({ password: "", confirm: "" });
  const [localError, setLocalError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const invalid = error instanceof ApiProblem && error.code === "token_invalid";

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = passwordProblem(password);
    setLocalError(problem ?? undefined);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST("/api/v1/auth/password-reset/complete", { body: { token, password: password.password } }));
      navigate("/login?reset=1", { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t("reset.title")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {invalid && (
            <Alert color="red" role="alert">
              {t("reset.invalid")}
            </Alert>
          )}
          {error !== null && !invalid && !serverError(error, "password") && <ProblemAlert error={error} />}
          <PasswordFields value={password} onChange={setPassword} error={localError ?? serverError(error, "password")} />
          <Button type="submit" loading={busy}>
            {t("reset.submit")}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
