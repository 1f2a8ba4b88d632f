import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { NetworkView } from "../components/NetworkView";
import { ReferrerView } from "../components/ReferrerView";
import { StructureView } from "../components/StructureView";

/** "Tableau de bord": the structure's, the referrer's or the network's, by who is asking. */
export default function DashboardPage() {
  const org = useCurrentOrg();
  if (!org) return <LoadingBlock />;
  if (org.caps.has("dashboard.network")) return <NetworkView orgId={org.id} />;
  if (org.caps.has("dashboard.referrer")) return <ReferrerView orgId={org.id} />;
  return <StructureView orgId={org.id} />;
}
