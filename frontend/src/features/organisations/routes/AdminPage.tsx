import { Tabs } from "@mantine/core";
import { t } from "../fr";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { MembersTab } from "../components/MembersTab";
import { InvitationsTab } from "../components/InvitationsTab";
import { SitesTab } from "../components/SitesTab";
import { PartnershipsTab } from "../components/PartnershipsTab";
import { SettingsTab } from "../components/SettingsTab";
import { JournalTab } from "../components/JournalTab";
import { TextsTab } from "../components/TextsTab";

/** Users, invitations, sites, partnerships and settings of the organisation. */
export default function AdminPage() {
  const org = useCurrentOrg();
  if (!org) return <LoadingBlock />;
  return (
    <>
      <PageHeader title={`${t("admin.title")} — ${org.shortName}`} />
      <Tabs defaultValue="members" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="members">{t("admin.members")}</Tabs.Tab>
          <Tabs.Tab value="invitations">{t("admin.invitations")}</Tabs.Tab>
          {org.caps.has("admin.sites") && <Tabs.Tab value="sites">{t("admin.sites")}</Tabs.Tab>}
          {org.caps.has("admin.partnerships") && <Tabs.Tab value="partnerships">{t("admin.partnerships")}</Tabs.Tab>}
          <Tabs.Tab value="settings">{t("admin.settings")}</Tabs.Tab>
          {org.caps.has("privacy") && <Tabs.Tab value="texts">{t("admin.texts")}</Tabs.Tab>}
          {org.caps.has("admin.journal") && <Tabs.Tab value="journal">{t("admin.journal")}</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="members">
          <MembersTab orgId={org.id} kind={org.kind} />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsTab orgId={org.id} kind={org.kind} />
        </Tabs.Panel>
        <Tabs.Panel value="sites">
          <SitesTab orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="partnerships">
          <PartnershipsTab orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <SettingsTab orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="texts">
          <TextsTab orgId={org.id} />
        </Tabs.Panel>
        <Tabs.Panel value="journal">
          <JournalTab orgId={org.id} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
