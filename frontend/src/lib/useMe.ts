import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import type { Schemas } from "@/lib/api/client";
import { sharedQueries } from "@/lib/api/queries";
import { capabilities, type Capability, type OrgKind, type Role } from "@/lib/access";

export type Me = Schemas["MeView"];

export function useMe() {
  return useQuery(sharedQueries.me());
}

/** The organisation in the URL, with the caller's standing and capabilities in it. */
export type CurrentOrg = {
  id: string;
  name: string;
  shortName: string;
  kind: OrgKind;
  role: Role | null;
  caps: Set<Capability>;
};

export function useCurrentOrg(): CurrentOrg | null {
  const { orgId } = useParams();
  const me = useMe();
  const orgs = useQuery({ ...sharedQueries.directory(), enabled: Boolean(me.data?.is_superadmin) });
  if (!orgId || !me.data) return null;
  const membership = me.data.memberships.find((m) => m.organisation_id === orgId);
  if (membership) {
    return {
      id: orgId,
      name: membership.organisation_name,
      shortName: membership.organisation_short_name,
      kind: membership.organisation_kind,
      role: membership.role,
      caps: capabilities(membership.organisation_kind, membership.role),
    };
  }
  const directory = orgs.data?.find((o) => o.id === orgId);
  if (me.data.is_superadmin && directory) {
    return {
      id: orgId,
      name: directory.name,
      shortName: directory.short_name,
      kind: directory.kind,
      role: null,
      caps: capabilities(directory.kind, null),
    };
  }
  return null;
}
