import { Button, Card, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { openAttestation, trainingQueries } from "../api/queries";
import { RecordCards } from "../components/RecordCards";
import { t } from "../fr";

/** "Mon parcours": a volunteer's own training, written to encourage. */
export default function MyTrainingPage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const query = useQuery({ ...trainingQueries.me(orgId), enabled: Boolean(org) });
  const [printError, setPrintError] = useState<unknown>(null);
  if (!org || query.isPending) return <LoadingBlock />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data.record;
  return (
    <>
      <PageHeader title={t("me.title")}>
        {r && (
          <Button onClick={() => void openAttestation(orgId, null).catch(setPrintError)}>
            {t("record.attestation")}
          </Button>
        )}
      </PageHeader>
      {printError != null && <ProblemAlert error={printError} />}
      {!r ? (
        <Text maw={640}>{t("me.none")}</Text>
      ) : (
        <Stack maw={760}>
          <Card withBorder padding="lg">
            <Title order={2} size="h3" mb="xs">
              {t("me.hello")}
            </Title>
            <Text size="lg">{t("me.hours", { hours: r.hours, sessions: r.sessions_attended })}</Text>
          </Card>
          <RecordCards orgId={orgId} record={r} competencesTitle={t("me.competences")} stepsTitle={t("me.steps")} />
        </Stack>
      )}
    </>
  );
}
