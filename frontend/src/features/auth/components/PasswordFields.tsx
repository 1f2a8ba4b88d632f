import { PasswordInput, Stack, Text } from "@mantine/core";
import { t } from "../fr";

export type PasswordState = { password: string; confirm: string };

/** The rule a new password must follow, or null when it is fine (the server also refuses
 * the most common passwords and says so). */
export function passwordProblem(state: PasswordState): string | null {
  if ([...state.password].length < 12) return t("password.tooShort");
  if (state.password !== state.confirm) return t("password.mismatch");
  return null;
}

/** A new password, typed twice, with the rules explained before anyone gets refused. */
export function PasswordFields({
  value,
  onChange,
  error,
}: {
  value: PasswordState;
  onChange: (value: PasswordState) => void;
  error?: string;
}) {
  return (
    <Stack gap="sm">
      <Text size="sm">{t("password.rules")}</Text>
      <PasswordInput
        label={t("password.new")}
        autoComplete="new-password"
        required
        value={value.password}
        error={error}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
      />
      <PasswordInput
        label={t("password.confirm")}
        autoComplete="new-password"
        required
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
      />
    </Stack>
  );
}
