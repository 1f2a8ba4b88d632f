import { Card, List, Stack, Text, Title } from "@mantine/core";
import { formatDate, formatMonth, formatPhone, label } from "@/lib/i18n";
import { t } from "../fr";
import type { ReferralDetail } from "../api/queries";

function Fact({ name, value }: { name: string; value: string | null | undefined }) {
  if (!value) return null;
  return (
    <Text>
      <Text span fw={600}>
        {name}
      </Text>
      {" : "}
      {value}
    </Text>
  );
}

/** The family as the referrer described it. */
export function FamilyFacts({ referral }: { referral: ReferralDetail }) {
  return (
    <Card withBorder padding="lg">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t("referrals.person")}
        </Title>
        <Fact name={t("family.firstName")} value={referral.first_name} />
        <Fact name={t("family.lastName")} value={referral.last_name} />
        <Fact name={t("family.birthYear")} value={referral.birth_year?.toString()} />
        <Fact name={t("family.phone")} value={referral.phone ? formatPhone(referral.phone) : null} />
        <Fact name={t("family.email")} value={referral.email} />
        <Fact name={t("family.preferredContact")} value={label("contact", referral.preferred_contact)} />
        <Fact name={t("family.address")} value={[referral.address, referral.postcode].filter(Boolean).join(" ")} />
        <Fact name={t("family.commune")} value={referral.commune} />
        <Fact name={t("family.neighbourhood")} value={referral.neighbourhood} />
        <Fact name={t("refer.site")} value={referral.site?.name} />
        <Title order={3} size="h5" mt="sm">
          {t("family.members")}
        </Title>
        {referral.members.length === 0 ? (
          <Text>{t("refer.noMembers")}</Text>
        ) : (
          <List>
            {referral.members.map((m, i) => (
              <List.Item key={i}>
                {`${m.first_name} ${m.last_name}`}
                {m.birth_year ? ` (${m.birth_year})` : ""}
                {` — ${label("memberRole", m.role)}`}
                {m.school_level ? `, ${label("school", m.school_level)}` : ""}
              </List.Item>
            ))}
          </List>
        )}
        <Title order={3} size="h5" mt="sm">
          {t("family.needs")}
        </Title>
        <List>
          {referral.needs.map((need) => (
            <List.Item key={need}>{label("need", need)}</List.Item>
          ))}
        </List>
        <Fact name={t("family.needsOther")} value={referral.needs_other} />
        <Fact name={t("family.languages")} value={referral.languages.join(", ")} />
        <Fact name={t("refer.reason")} value={referral.reason} />
        <Fact name={t("refer.message")} value={referral.message} />
        {referral.consent && (
          <Text size="sm" c="gray.7">
            {t("referrals.consentOn", { date: formatDate(referral.consent.given_on), version: formatMonth(referral.consent.text_version) })}
          </Text>
        )}
        {referral.source === "referrer" && (
          <Fact name={t("referrals.shareProgress")} value={referral.share_progress ? t("common.yes") : t("common.no")} />
        )}
      </Stack>
    </Card>
  );
}
