import { Card, List, Text, Title } from "@mantine/core";
import { formatDate, tp } from "@/lib/i18n";
import { t } from "../fr";
import type { ReferralDetail } from "../api/queries";

/** The family's journey, when it agreed to share it (always shown to the structure). */
export function Journey({ referral }: { referral: ReferralDetail }) {
  const m = referral.milestones;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("referrals.journey")}
      </Title>
      {!m ? (
        <Text>{t("referrals.noJourney")}</Text>
      ) : (
        <List spacing="xs">
          <List.Item>{m.enrolled && m.cycle_start_date ? t("referrals.enrolledOn", { date: formatDate(m.cycle_start_date) }) : t("referrals.notEnrolled")}</List.Item>
          {m.sessions_planned != null && (
            <List.Item>{tp("referrals.sessions", m.sessions_attended ?? 0, { planned: m.sessions_planned })}</List.Item>
          )}
          {m.completed && <List.Item>{t("referrals.completed")}</List.Item>}
          <List.Item>{m.device_handed_over_on ? t("referrals.deviceOn", { date: formatDate(m.device_handed_over_on) }) : t("referrals.noDevice")}</List.Item>
        </List>
      )}
    </Card>
  );
}
