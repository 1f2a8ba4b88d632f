import { Button, Card, SimpleGrid, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { canAdminister } from "@/lib/access";
import { label } from "@/lib/i18n";
import { t, type Key } from "../fr";
import { useCurrentOrg, useMe } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";

type Entry = { to: string; title: Key };

/** An organisation's home: what this role can do here, one click away. */
export default function OrgHome() {
  const me = useMe();
  const org = useCurrentOrg();
  if (!org || !me.data) return <LoadingBlock />;
  const base = `/orgs/${org.id}`;
  const entries: Entry[] = [];
  if (org.caps.has("referrals.inbox")) entries.push({ to: `${base}/referrals`, title: "nav.inbox" });
  if (org.caps.has("referrals.send")) entries.push({ to: `${base}/referrals/new`, title: "nav.refer" }, { to: `${base}/referrals`, title: "nav.sent" });
  if (org.caps.has("households")) entries.push({ to: `${base}/households`, title: "nav.households" });
  if (org.caps.has("notifications")) entries.push({ to: `${base}/notifications`, title: "nav.notifications" });
  if (canAdminister(org.caps)) entries.push({ to: `${base}/admin`, title: "nav.admin" });
  const role = org.role ? label("role", org.role) : label("role", "superadmin");

  return (
    <>
      <Title order={1} size="h2" mb="xs">
        {t("home.title", { name: me.data.name })}
      </Title>
      <Text mb="lg">{t("home.org", { organisation: org.name, role })}</Text>
      {entries.length <= 1 && <Text mb="lg">{t("home.nothing")}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {entries.map((entry) => (
          <Card key={entry.title} withBorder padding="lg">
            <Text fw={600} mb="sm">
              {t(entry.title)}
            </Text>
            <Button component={Link} to={entry.to} variant="outline">
              {t("home.goTo")}
            </Button>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}
