import { Grid, Group, Stack, Text } from "@mantine/core";
import { useParams } from "react-router";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { StatusBadge } from "@/components/StatusBadge";
import { useReferral } from "../api/queries";
import { ActionsPanel } from "../components/ActionsPanel";
import { FamilyFacts } from "../components/FamilyFacts";
import { History } from "../components/History";
import { Journey } from "../components/Journey";

/** A referral's page: for the structure, with its actions; for the referrer, the journey. */
export default function ReferralPage() {
  const org = useCurrentOrg();
  const { referralId = "" } = useParams();
  const referral = useReferral(org?.id ?? "", referralId);
  if (!org || referral.isPending) return <LoadingBlock />;
  if (referral.isError) return <ProblemAlert error={referral.error} onRetry={() => void referral.refetch()} />;
  const r = referral.data;
  return (
    <>
      <PageHeader title={t("referrals.detailTitle", { name: r.family_name })}>
        <Group>
          <StatusBadge status={r.status} />
        </Group>
      </PageHeader>
      <Text mt={-12} mb="lg">
        {org.kind === "structure"
          ? t("referrals.sentBy", { referrer: r.referrer?.name ?? t("referrals.ownRecord") })
          : t("referrals.sentTo", { structure: r.structure.name })}
        {r.site ? ` — ${r.site.name}` : ""}
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            {org.kind === "structure" && <ActionsPanel orgId={org.id} referral={r} />}
            <FamilyFacts referral={r} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Journey referral={r} />
            <History referral={r} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
