import { Button, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { openAttestation, trainingQueries } from "../api/queries";
import { RecordCards } from "../components/RecordCards";
import { t } from "../fr";

/** A person's training record (staff): hours, competences, workshop work, attestation. */
export default function PersonPage() {
  const org = useCurrentOrg();
  const { personId = "" } = useParams();
  const orgId = org?.id ?? "";
  const query = useQuery({ ...trainingQueries.person(orgId, personId), enabled: Boolean(org) });
  const [printError, setPrintError] = useState<unknown>(null);
  if (!org || query.isPending) return <LoadingBlock />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const r = query.data;
  return (
    <>
      <PageHeader title={t("record.title", { name: r.person.name })}>
        <Button variant="default" onClick={() => void openAttestation(orgId, r.person.id).catch(setPrintError)}>
          {t("record.attestation")}
        </Button>
      </PageHeader>
      {printError != null && <ProblemAlert error={printError} />}
      <Stack maw={760}>
        <Text size="lg">{t("record.hours", { hours: r.hours, sessions: r.sessions_attended })}</Text>
        {r.courses.length > 0 && <Text>{`${t("record.courses")} : ${r.courses.map((c) => c.name).join(", ")}`}</Text>}
        <RecordCards orgId={orgId} record={r} competencesTitle={t("record.competences")} stepsTitle={t("record.steps")} />
      </Stack>
    </>
  );
}
