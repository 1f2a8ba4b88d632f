import { Button, Group, Modal, Radio, SegmentedControl, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "@/lib/api/client";
import { unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useEnrol } from "../api/queries";
import { t } from "../fr";

/** Enrols the family of an accepted referral, or a person of a household already known. */
export function EnrolDialog({ orgId, cycleId, onClose }: { orgId: string; cycleId: string; onClose: () => void }) {
  const enrol = useEnrol(orgId, cycleId);
  const [from, setFrom] = useState<"referral" | "household">("referral");
  const [referral, setReferral] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [household, setHousehold] = useState<string | null>(null);
  const [member, setMember] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const referrals = useQuery({
    queryKey: ["referrals", orgId, "accepted-for-cycle"],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/referrals", { params: { path: { org_id: orgId }, query: { status: "accepted", limit: 100 } } })),
  });
  const households = useQuery({
    queryKey: ["households", orgId, "enrol-search", q],
    enabled: from === "household" && q.length >= 2,
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/households", { params: { path: { org_id: orgId }, query: { q, limit: 10 } } })),
  });
  const people = useQuery({
    queryKey: ["households", orgId, "detail", household],
    enabled: Boolean(household),
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/households/{household_id}", { params: { path: { org_id: orgId, household_id: household ?? "" } } })),
  });
  const referralOptions = (referrals.data?.items ?? []).map((r) => ({ value: r.id, label: `${r.family_name}${r.commune ? ` — ${r.commune}` : ""}` }));

  async function submit() {
    const body = from === "referral" ? (referral ? { referral_id: referral } : null) : household && member ? { household_id: household, member_id: member } : null;
    setMissing(body === null);
    if (!body) return;
    const done = await enrol.mutateAsync(body).catch(() => null);
    if (!done) return;
    const name =
      from === "referral"
        ? (referralOptions.find((o) => o.value === referral)?.label.split(" — ")[0] ?? "")
        : (people.data?.members.find((m) => m.id === member)?.first_name ?? "");
    notifications.show({ message: done.status === "waiting" ? t("enrol.waiting", { name, rank: done.waiting_rank ?? 0 }) : t("enrol.done", { name }), color: "brand" });
    onClose();
  }

  return (
    <Modal opened onClose={onClose} title={t("enrol.title")} size="lg">
      <Stack>
        {enrol.error && <ProblemAlert error={enrol.error} />}
        <SegmentedControl
          value={from}
          onChange={(value) => setFrom(value === "household" ? "household" : "referral")}
          data={[
            { value: "referral", label: t("enrol.fromReferral") },
            { value: "household", label: t("enrol.fromHousehold") },
          ]}
        />
        {from === "referral" ? (
          referrals.data && referralOptions.length === 0 ? (
            <Text>{t("enrol.noReferral")}</Text>
          ) : (
            <Select label={t("enrol.referral")} required searchable data={referralOptions} value={referral} onChange={setReferral} error={missing ? t("form.required") : serverError(enrol.error, "referral_id")} />
          )
        ) : (
          <>
            <TextInput label={t("enrol.search")} type="search" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
            {households.data && (
              <Radio.Group label={t("enrol.household")} value={household} onChange={(value) => { setHousehold(value); setMember(null); }}>
                <Stack gap={6} mt={4}>
                  {households.data.items.map((h) => (
                    <Radio key={h.id} value={h.id} label={`${h.reference_name}${h.commune ? ` — ${h.commune}` : ""}`} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
            {people.data && (
              <Radio.Group label={t("enrol.member")} required value={member} onChange={setMember} error={missing ? t("form.required") : serverError(enrol.error, "member_id")}>
                <Stack gap={6} mt={4}>
                  {people.data.members.map((m) => (
                    <Radio key={m.id} value={m.id} label={`${m.first_name} ${m.last_name}`} />
                  ))}
                </Stack>
              </Radio.Group>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={enrol.isPending}>
            {t("enrol.submit")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
