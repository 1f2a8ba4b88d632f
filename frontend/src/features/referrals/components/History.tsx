import { Card, Text, Timeline, Title } from "@mantine/core";
import { formatDateTime, label } from "@/lib/i18n";
import { t } from "../fr";
import type { ReferralDetail } from "../api/queries";

/** Every change of the referral: when, which organisation (and, for the structure, who), why. */
export function History({ referral }: { referral: ReferralDetail }) {
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="md">
        {t("referrals.history")}
      </Title>
      <Timeline active={referral.history.length - 1} bulletSize={16} lineWidth={2} color="brand.8">
        {referral.history.map((event, i) => {
          const who = event.actor_role === "system"
            ? t("referrals.actorSystem")
            : [event.actor_name, event.actor_organisation?.name, label("role", event.actor_role)].filter(Boolean).join(" — ");
          return (
            <Timeline.Item key={i} title={label("status", event.to_status)}>
              <Text size="sm" c="gray.7">
                {formatDateTime(event.at)}
              </Text>
              <Text size="sm">{who}</Text>
              {event.reason && event.to_status === "declined" && (
                <Text size="sm">{`${t("referrals.declineReason")} : ${label("decline", event.reason.split(":")[0] ?? event.reason)}`}</Text>
              )}
              {event.message && (
                <Text size="sm" fs="italic">
                  {event.message}
                </Text>
              )}
            </Timeline.Item>
          );
        })}
      </Timeline>
    </Card>
  );
}
