import { Alert, Button, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { startSession } from "@/lib/auth/session";
import { serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { authQueries } from "../api/queries";
import { t } from "../fr";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import { AuthFrame } from "../components/AuthFrame";
import { PasswordFields, passwordProblem } from "../components/PasswordFields";

/** The token travels after `#`, so it never reaches a server log. */
function tokenFromHash(): string {
  return window.location.hash.replace(/^#/, "");
}

export default function InvitationPage() {
  const navigate = useNavigate();
  const [token] = useState(tokenFromHash);
  const preview = useQuery(authQueries.invitation(token));
  const [name, setName] = useState("");
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState({ password: "", confirm: "" });
  const [localError, setLocalError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (preview.isPending) return <AuthFrame title={t("invitation.title")}><LoadingBlock lines={3} /></AuthFrame>;
  if (preview.isError) {
    return (
      <AuthFrame title={t("invitation.title")}>
        <Alert color="red" role="alert">
          {t("invitation.invalid")}
        </Alert>
      </AuthFrame>
    );
  }
  const invitation = preview.data;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = invitation.account_exists ? null : passwordProblem(password);
    setLocalError(problem ?? undefined);
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const body = invitation.account_exists
        ? { token, password: current }
        : { token, name: name.trim(), password: password.password };
      const session = await unwrap(api.POST("/api/v1/auth/invitations/accept", { body }));
      startSession(session);
      navigate("/", { replace: true });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t("invitation.title")}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>
            {t("invitation.intro", {
              organisation: invitation.organisation_name,
              role: label("role", invitation.role),
              email: invitation.email,
            })}
          </Text>
          {error !== null && !serverError(error, "password") && !serverError(error, "name") && <ProblemAlert error={error} />}
          {invitation.account_exists ? (
            <>
              <Text size="sm">{t("invitation.existing")}</Text>
              <PasswordInput
                label={t("invitation.currentPassword")}
                autoComplete="current-password"
                required
                value={current}
                error={serverError(error, "password")}
                onChange={(e) => setCurrent(e.currentTarget.value)}
              />
            </>
          ) : (
            <>
              <TextInput label={t("invitation.name")} autoComplete="name" required value={name} error={serverError(error, "name")} onChange={(e) => setName(e.currentTarget.value)} />
              <PasswordFields value={password} onChange={setPassword} error={localError ?? serverError(error, "password")} />
            </>
          )}
          <Button type="submit" loading={busy}>
            {t("invitation.submit")}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
