import { Anchor, Button, Card, Grid, List, Stack, Text, Title } from "@mantine/core";
import { Link, useParams } from "react-router";
import { formatDate, formatPhone, label } from "@/lib/i18n";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { StatusBadge } from "@/components/StatusBadge";
import { HouseholdComputer } from "../components/HouseholdComputer";
import { PersonalData } from "../components/PersonalData";
import { useEligibility, useHousehold } from "../api/queries";

export default function HouseholdPage() {
  const org = useCurrentOrg();
  const { householdId } = useParams();
  const household = useHousehold(org?.id ?? "", householdId);
  if (!org || household.isPending) return <LoadingBlock />;
  if (household.isError) return <ProblemAlert error={household.error} onRetry={() => void household.refetch()} />;
  const h = household.data;
  const reference = h.members.find((m) => m.role === "reference") ?? h.members[0];
  const name = reference ? `${reference.first_name} ${reference.last_name}` : "";

  return (
    <>
      <PageHeader title={t("households.detailTitle", { name })}>
        {!h.anonymised_at && (
          <Button component={Link} to={`/orgs/${org.id}/households/${h.id}/edit`}>
            {t("common.edit")}
          </Button>
        )}
      </PageHeader>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="sm">
                {t("family.members")}
              </Title>
              <List>
                {h.members.map((m) => (
                  <List.Item key={m.id}>
                    {`${m.first_name} ${m.last_name}`}
                    {m.birth_year ? ` (${m.birth_year})` : ""}
                    {` — ${label("memberRole", m.role)}`}
                    {m.school_level ? `, ${label("school", m.school_level)}` : ""}
                  </List.Item>
                ))}
              </List>
            </Card>
            <Card withBorder padding="lg">
              <Stack gap={4}>
                <Text>{`${t("family.preferredContact")} : ${label("contact", h.preferred_contact)}`}</Text>
                <Text>{`${t("family.phone")} : ${formatPhone(h.phone)}`}</Text>
                <Text>{`${t("family.email")} : ${h.email ?? t("common.none")}`}</Text>
                <Text>{`${t("family.commune")} : ${[h.commune, h.neighbourhood].filter(Boolean).join(", ") || t("common.none")}`}</Text>
                <Text>{`${t("family.needs")} : ${h.needs.map((n) => label("need", n)).join(", ") || t("common.none")}`}</Text>
                {h.needs_other && <Text>{`${t("family.needsOther")} : ${h.needs_other}`}</Text>}
                <Text>{`${t("family.languages")} : ${h.languages.join(", ") || t("common.none")}`}</Text>
                {h.notes && <Text>{`${t("family.notes")} : ${h.notes}`}</Text>}
                <Text>{`${t("family.status")} : ${h.status === "active" ? t("family.statusActive") : t("family.statusArchived")}`}</Text>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="sm">
                {t("households.referrals")}
              </Title>
              {h.referrals.length === 0 ? (
                <Text>{t("households.noReferrals")}</Text>
              ) : (
                <Stack gap="xs">
                  {h.referrals.map((r) => (
                    <Anchor key={r.id} component={Link} to={`/orgs/${org.id}/referrals/${r.id}`} c="brand.8">
                      {`${formatDate(r.submitted_at)} — ${r.referrer_name ?? label("source", r.source)} `}
                      <StatusBadge status={r.status} />
                    </Anchor>
                  ))}
                </Stack>
              )}
            </Card>
            <Eligibility orgId={org.id} householdId={h.id} name={name} />
            {org.caps.has("privacy") && <PersonalData orgId={org.id} householdId={h.id} anonymisedAt={h.anonymised_at} />}
            <Text size="sm" c="gray.7">
              {t("households.createdBy", { date: formatDate(h.created_at), name: h.created_by_name })}
            </Text>
            <Text size="sm" c="gray.7">
              {t("households.updatedBy", { date: formatDate(h.updated_at), name: h.updated_by_name })}
            </Text>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

/** Whether the household may receive a computer, and why not yet (the structure's policy). */
function Eligibility({ orgId, householdId, name }: { orgId: string; householdId: string; name: string }) {
  const eligibility = useEligibility(orgId, householdId);
  if (eligibility.isPending) return null;
  if (eligibility.isError) return <ProblemAlert error={eligibility.error} onRetry={() => void eligibility.refetch()} />;
  const e = eligibility.data;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("eligibility.title")}
      </Title>
      {e.eligible ? (
        <Text>{t("eligibility.yes", { attended: e.sessions_attended })}</Text>
      ) : (
        <>
          <Text>{t("eligibility.no")}</Text>
          <List>
            {e.reasons.map((r) => (
              <List.Item key={r.code}>{r.message}</List.Item>
            ))}
          </List>
        </>
      )}
      <HouseholdComputer orgId={orgId} householdId={householdId} name={name} />
    </Card>
  );
}
