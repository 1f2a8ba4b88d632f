import { Button, Card, SimpleGrid, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { canAdminister } from "@/lib/access";
import { label, tp } from "@/lib/i18n";
import { useQuery } from "@tanstack/react-query";
import { sharedQueries } from "@/lib/api/queries";
import { t, type Key } from "../fr";
import { useCurrentOrg, useMe } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { usePageTitle } from "@/lib/pageTitle";

type Entry = { to: string; title: Key; count?: string };

/** An organisation's home: what this role can do here, one click away. */
export default function OrgHome() {
  const me = useMe();
  const org = useCurrentOrg();
  const inbox = Boolean(org?.caps.has("referrals.inbox"));
  const bell = Boolean(org?.caps.has("notifications"));
  const counters = useQuery({ ...sharedQueries.referralCounters(org?.id ?? ""), enabled: inbox });
  const unread = useQuery({ ...sharedQueries.unreadNotifications(org?.id ?? ""), enabled: bell });
  usePageTitle(org ? `${t("nav.home")} — ${org.shortName}` : t("nav.home"));
  if (!org || !me.data) return <LoadingBlock />;
  const base = `/orgs/${org.id}`;
  const entries: Entry[] = [];
  const waiting = counters.data?.awaiting_answer;
  if (inbox) entries.push({ to: `${base}/referrals`, title: "nav.inbox", count: waiting === undefined ? undefined : tp("home.waiting", waiting) });
  if (org.caps.has("referrals.send")) entries.push({ to: `${base}/referrals/new`, title: "nav.refer" }, { to: `${base}/referrals`, title: "nav.sent" });
  if (org.caps.has("households")) entries.push({ to: `${base}/households`, title: "nav.households" });
  if (org.caps.has("cycles.schedule")) entries.push({ to: `${base}/cycles`, title: "nav.cycles" });
  if (org.caps.has("cycles")) entries.push({ to: `${base}/reminders`, title: "nav.calls" });
  const unreadCount = unread.data?.unread_count;
  if (bell) entries.push({ to: `${base}/notifications`, title: "nav.notifications", count: unreadCount === undefined ? undefined : tp("shell.unread", unreadCount) });
  if (org.caps.has("dashboard") || org.caps.has("dashboard.referrer") || org.caps.has("dashboard.network")) entries.push({ to: `${base}/dashboard`, title: "nav.dashboard" });
  if (canAdminister(org.caps)) entries.push({ to: `${base}/admin`, title: "nav.admin" });
  const role = org.role ? label("role", org.role) : label("role", "superadmin");

  return (
    <>
      <Title order={1} size="h2" mb="xs">
        {t("home.title", { name: me.data.name })}
      </Title>
      <Text mb="lg">{t("home.org", { organisation: org.name, role })}</Text>
      {entries.length === 0 && <Text mb="lg">{t("home.nothing")}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {entries.map((entry) => (
          <Card key={entry.title} withBorder padding="lg">
            <Text fw={600} mb={entry.count ? 4 : "sm"}>
              {t(entry.title)}
            </Text>
            {entry.count && <Text mb="sm">{entry.count}</Text>}
            <Button component={Link} to={entry.to} variant="outline">
              {t("home.goTo")}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
