import { Alert, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { formatDate } from "@/lib/i18n";
import { serverError } from "@/lib/forms";
import { ProblemAlert } from "@/components/ProblemAlert";
import { downloadPersonalData, openPersonalDataPdf, useEraseHousehold } from "../api/queries";
import { t } from "../fr";

/** A family's rights over its data, for the structure's admins: export it, erase it. */
export function PersonalData({ orgId, householdId, anonymisedAt }: { orgId: string; householdId: string; anonymisedAt: string | null | undefined }) {
  const [busy, setBusy] = useState<"json" | "pdf" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const erase = useEraseHousehold(orgId, householdId);
  const run = (kind: "json" | "pdf") => {
    setBusy(kind);
    setError(null);
    (kind === "json" ? downloadPersonalData(orgId, householdId) : openPersonalDataPdf(orgId, householdId))
      .catch(setError)
      .finally(() => setBusy(null));
  };
  const confirm = () =>
    erase.mutate(reason.trim(), {
      onSuccess: () => {
        setOpen(false);
        notifications.show({ message: t("privacy.erased"), color: "brand" });
      },
    });

  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("privacy.title")}
      </Title>
      <Stack gap="sm">
        {anonymisedAt ? (
          <Alert color="gray" title={t("privacy.anonymisedTitle", { date: formatDate(anonymisedAt) })}>
            {t("privacy.anonymisedText")}
          </Alert>
        ) : (
          <Text size="sm">{t("privacy.intro")}</Text>
        )}
        <Group gap="sm">
          <Button variant="outline" loading={busy === "json"} onClick={() => run("json")}>
            {t("privacy.exportJson")}
          </Button>
          <Button variant="outline" loading={busy === "pdf"} onClick={() => run("pdf")}>
            {t("privacy.exportPdf")}
          </Button>
          {!anonymisedAt && (
            <Button variant="outline" color="red.9" onClick={() => setOpen(true)}>
              {t("privacy.erase")}
            </Button>
          )}
        </Group>
        {error != null && <ProblemAlert error={error} />}
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("privacy.eraseTitle")}>
        <Stack>
          <Text size="sm">{t("privacy.eraseWarning")}</Text>
          <Textarea
            label={t("privacy.reason")}
            description={t("privacy.reasonHelp")}
            required
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={serverError(erase.error, "reason")}
          />
          {erase.error != null && !serverError(erase.error, "reason") && <ProblemAlert error={erase.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("common.cancel")}
            </Button>
            <Button color="red.9" loading={erase.isPending} disabled={reason.trim().length < 3} onClick={confirm}>
              {t("privacy.eraseConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
