import { Alert, Button, Group, Modal, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState, useSyncExternalStore, type FormEvent } from "react";
import { sharedQueries } from "@/lib/api/queries";
import { isReauthenticating, login, onReauthChange, settleReauth, type LoginOutcome } from "@/lib/auth/session";
import { t, type Key } from "../fr";

const outcomeMessage: Record<Exclude<LoginOutcome, "ok">, Key> = {
  invalid: "reauth.invalid",
  throttled: "login.throttled",
  network: "error.network",
};

/** Over the page whose request met an ended session: the same person signs in again, then
 * what they were sending goes through (the page, and what they typed, stay as they were). */
export function ReauthDialog() {
  const open = useSyncExternalStore(onReauthChange, isReauthenticating);
  return open ? <ReauthForm /> : null;
}

function ReauthForm() {
  // The person of the page: only they may carry on with it (their address cannot be changed).
  const me = useQueryClient().getQueryData(sharedQueries.me().queryKey);
  const [email, setEmail] = useState(me?.email ?? "");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<Key | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError("login.passwordRequired");
      return;
    }
    setBusy(true);
    const outcome = await login(email.trim(), password);
    setBusy(false);
    if (outcome === "ok") settleReauth(true);
    else setError(outcomeMessage[outcome]);
  }

  return (
    <Modal opened onClose={() => settleReauth(false)} title={t("reauth.title")} closeOnClickOutside={false} size="md">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text>{t("reauth.intro")}</Text>
          {error && (
            <Alert color="red" role="alert">
              {t(error)}
            </Alert>
          )}
          <TextInput label={t("login.email")} type="email" autoComplete="username" readOnly={Boolean(me)} value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t("login.password")} autoComplete="current-password" required data-autofocus value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Group justify="space-between">
            <Button variant="default" onClick={() => settleReauth(false)}>
              {t("reauth.leave")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("reauth.submit")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
