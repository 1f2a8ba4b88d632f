import { Alert, Button, Stack, Text, TextInput } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { sharedKeys, sharedQueries } from "@/lib/api/queries";
import { startSession } from "@/lib/auth/session";
import { useSession } from "@/lib/auth/useSession";
import { serverError } from "@/lib/forms";
import { label } from "@/lib/i18n";
import { authQueries } from "../api/queries";
import { t } from "../fr";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import { AuthFrame } from "@/components/AuthFrame";
import { PasswordFields, passwordProblem } from "../components/PasswordFields";

/** Where the token waits while the person signs in (this tab only, never in a URL). */
const PENDING = "solidaires.invitation";

/** The token travels after `#`, so it never reaches a server log. */
function tokenFromHash(): string {
  const token = window.location.hash.replace(/^#/, "") || sessionStorage.getItem(PENDING) || "";
  sessionStorage.removeItem(PENDING);
  return token;
}

export default function InvitationPage() {
  const navigate = useNavigate();
  const client = useQueryClient();
  const session = useSession();
  const me = useQuery({ ...sharedQueries.me(), enabled: session === "signed-in" });
  const [token] = useState(tokenFromHash);
  const preview = useQuery(authQueries.invitation(token));
  const [name, setName] = useState("");
  const [password, setPassword] = useState({ password: "", confirm: "" });
  const [localError, setLocalError] = useState<string | undefined>();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  if (preview.isPending || session === "checking") return <AuthFrame title={t("invitation.title")}><LoadingBlock lines={3} /></AuthFrame>;
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

  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  /** A new account: name and password, then signed in. */
  async function createAccount(event: FormEvent) {
    event.preventDefault();
    const problem = passwordProblem(password);
    setLocalError(problem ?? undefined);
    if (problem) return;
    await run(async () => {
      const started = await unwrap(api.POST("/api/v1/auth/invitations/accept", { body: { token, name: name.trim(), password: password.password } }));
      startSession(started);
      navigate("/", { replace: true });
    });
  }

  /** An existing account accepts from its own session. */
  async function acceptSignedIn() {
    await run(async () => {
      await unwrap(api.POST("/api/v1/auth/invitations/accept-signed-in", { body: { token } }));
      await client.invalidateQueries({ queryKey: sharedKeys.me() });
      navigate("/", { replace: true });
    });
  }

  function signInFirst() {
    sessionStorage.setItem(PENDING, token);
    navigate("/login?next=/invitation");
  }

  const intro = (
    <Text>
      {t("invitation.intro", {
        organisation: invitation.organisation_name,
        role: label("role", invitation.role),
        email: invitation.email,
      })}
    </Text>
  );

  if (session === "signed-in") {
    return (
      <AuthFrame title={t("invitation.title")}>
        <Stack>
          {intro}
          {error !== null && <ProblemAlert error={error} />}
          <Text size="sm">{t("invitation.signedInAs", { email: me.data?.email ?? "" })}</Text>
          <Button onClick={() => void acceptSignedIn()} loading={busy}>
            {t("invitation.submit")}
          </Button>
        </Stack>
      </AuthFrame>
    );
  }

  return (
    <AuthFrame title={t("invitation.title")}>
      <form onSubmit={createAccount} noValidate>
        <Stack>
          {intro}
          {error !== null && !serverError(error, "password") && !serverError(error, "name") && <ProblemAlert error={error} />}
          <Text size="sm">{t("invitation.newAccount")}</Text>
          <TextInput label={t("invitation.name")} autoComplete="name" required maxLength={120} value={name} error={serverError(error, "name")} onChange={(e) => setName(e.currentTarget.value)} />
          <PasswordFields value={password} onChange={setPassword} error={localError ?? serverError(error, "password")} />
          <Button type="submit" loading={busy}>
            {t("invitation.submit")}
          </Button>
          <Text size="sm">{t("invitation.existing")}</Text>
          <Button variant="default" onClick={signInFirst}>
            {t("invitation.signInFirst")}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
