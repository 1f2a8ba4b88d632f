import { AppShell, Burger, Group, Indicator, Menu, NavLink, Select, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { canAdminister } from "@/lib/access";
import { logout } from "@/lib/auth/session";
import { label, t, tp, type MessageKey } from "@/lib/i18n";
import { notificationQueries } from "@/features/notifications/api/queries";
import { useCurrentOrg, useMe, type CurrentOrg } from "@/lib/useMe";
import { BellIcon } from "@/components/BellIcon";
import { NotAvailable, NotFound } from "@/components/Pages";
import { LoadingBlock } from "@/components/LoadingBlock";
import { OfflineBanner } from "./OfflineBanner";

type NavItem = { to: string; label: MessageKey; show: boolean };

/** The frame of every organisation page: header (switcher, notifications, account),
 * navigation by role, and the page itself. */
export function Shell() {
  const me = useMe();
  const org = useCurrentOrg();
  if (me.isPending) return <LoadingBlock />;
  if (!org) return <NotFound />;
  const base = `/orgs/${org.id}`;
  const items: NavItem[] = [
    { to: base, label: "nav.home", show: true },
    { to: `${base}/referrals`, label: "nav.inbox", show: org.caps.has("referrals.inbox") },
    { to: `${base}/referrals/new`, label: "nav.refer", show: org.caps.has("referrals.send") },
    { to: `${base}/referrals`, label: "nav.sent", show: org.caps.has("referrals.send") },
    { to: `${base}/households`, label: "nav.households", show: org.caps.has("households") },
    { to: `${base}/cycles`, label: "nav.cycles", show: org.caps.has("cycles.schedule") },
    { to: `${base}/workshop`, label: "nav.workshop", show: org.caps.has("workshop") },
    { to: `${base}/training`, label: "nav.training", show: org.caps.has("training") },
    { to: `${base}/training/me`, label: "nav.myTraining", show: org.caps.has("training.mine") },
    { to: `${base}/reminders`, label: "nav.calls", show: org.caps.has("cycles") },
    { to: `${base}/dashboard`, label: "nav.dashboard", show: org.caps.has("dashboard") || org.caps.has("dashboard.referrer") || org.caps.has("dashboard.network") },
    { to: `${base}/notifications`, label: "nav.notifications", show: org.caps.has("notifications") },
    { to: `${base}/admin`, label: "nav.admin", show: canAdminister(org.caps) },
  ];
  return <Frame org={org} home={base} title={org.name} items={items.filter((item) => item.show)} />;
}

/** The superadmin's pages, in the same frame (header, account menu, sign-out). */
export function AdminShell() {
  const me = useMe();
  if (me.isPending) return <LoadingBlock />;
  if (!me.data?.is_superadmin) return <NotAvailable />;
  const home = "/admin/organisations";
  return <Frame org={null} home={home} title={t("nav.superadmin")} items={[{ to: home, label: "nav.superadmin", show: true }]} />;
}

function Frame({ org, home, title, items }: { org: CurrentOrg | null; home: string; title: string; items: NavItem[] }) {
  const [opened, { toggle, close }] = useDisclosure();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const bell = Boolean(org?.caps.has("notifications"));
  const unread = useQuery({ ...notificationQueries.unread(org?.id ?? ""), enabled: bell });
  const memberships = me.data?.memberships ?? [];
  const count = unread.data?.unread_count ?? 0;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 250, breakpoint: "sm", collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className="skip-link">
        {t("app.skipToContent")}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("app.openMenu")} />
            <Text fw={700} component={Link} to={home} c="brand.8" td="none">
              {t("app.name")}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="sm">
            {memberships.length > 1 && (
              <Select
                aria-label={t("shell.switchOrg")}
                size="xs"
                w={220}
                allowDeselect={false}
                value={org?.id ?? null}
                placeholder={t("shell.switchOrg")}
                data={memberships.map((m) => ({ value: m.organisation_id, label: m.organisation_short_name }))}
                onChange={(value) => value && navigate(`/orgs/${value}`)}
              />
            )}
            {org && bell && (
              <Indicator label={count} size={18} disabled={count === 0} color="red.9">
                <UnstyledButton component={Link} to={`/orgs/${org.id}/notifications`} aria-label={`${t("shell.notifications")} — ${tp("shell.unread", count)}`} px={6}>
                  <BellIcon />
                </UnstyledButton>
              </Indicator>
            )}
            <Menu position="bottom-end">
              <Menu.Target>
                <UnstyledButton px={6}>
                  <Text size="sm" fw={600} span>
                    {me.data?.name}
                  </Text>
                  <VisuallyHidden>{` — ${t("shell.account")}`}</VisuallyHidden>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{org?.role ? label("role", org.role) : label("role", "superadmin")}</Menu.Label>
                {me.data?.is_superadmin && (
                  <Menu.Item component={Link} to="/admin/organisations">
                    {t("nav.superadmin")}
                  </Menu.Item>
                )}
                <Menu.Item onClick={() => void logout()}>{t("shell.logout")}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" component="nav" aria-label={t("app.mainNav")}>
        <Text size="sm" fw={700} mb="xs" px="sm">
          {title}
        </Text>
        {items.map((item) => (
          <NavLink
            key={item.label}
            component={Link}
            to={item.to}
            label={t(item.label)}
            onClick={close}
            variant="filled"
            color="brand.8"
            active={item.to === home ? location.pathname === home : location.pathname === item.to}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <OfflineBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
