import { ActionIcon, Button, Card, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useEffect, useId, useState } from "react";
import { memberRoleValues, schoolLevelValues } from "@/lib/api/schema";
import type { MemberRole, MemberValues, SchoolLevel } from "@/lib/family";
import { label, t } from "@/lib/i18n";

type MembersForm = UseFormReturnType<{ members: MemberValues[] }, unknown>;

/** The people of a household, added and removed one by one, bound to `form.members`. The
 * referral form lists the other members only (`allowReference` false) and gives the
 * referred person's name as `familyName`: a new person takes the family's name, and the
 * cursor goes to their first name. */
export function MembersEditor({ form, allowReference, familyName = "" }: { form: MembersForm; allowReference: boolean; familyName?: string }) {
  const members = form.getValues().members;
  const roles = memberRoleValues.filter((r) => allowReference || r !== "reference");
  const ids = useId();
  // The person just added, whose first name takes the focus once it is on the page.
  // (A new object each time, so adding at the same place again moves the focus again.)
  const [added, setAdded] = useState<{ index: number } | null>(null);
  useEffect(() => {
    if (added) document.getElementById(`${ids}-${added.index}-first`)?.focus();
  }, [added, ids]);
  const add = () => {
    form.insertListItem("members", {
      first_name: "",
      last_name: (members[0]?.last_name ?? "").trim() || familyName.trim(),
      birth_year: "",
      role: members.length === 0 && allowReference ? "reference" : "child",
      school_level: null,
    } satisfies MemberValues);
    setAdded({ index: members.length });
  };
  return (
    <Stack>
      {members.length === 0 && <Text>{t("refer.noMembers")}</Text>}
      {members.map((m, i) => (
        <Card key={form.key(`members.${i}`)} withBorder padding="sm" component="fieldset" aria-label={t("family.member", { n: i + 1 })}>
          <Group align="flex-end" wrap="wrap">
            <TextInput id={`${ids}-${i}-first`} label={t("family.firstName")} required {...form.getInputProps(`members.${i}.first_name`)} key={form.key(`members.${i}.first_name`)} />
            <TextInput label={t("family.lastName")} required {...form.getInputProps(`members.${i}.last_name`)} key={form.key(`members.${i}.last_name`)} />
            <TextInput label={t("family.birthYear")} inputMode="numeric" w={140} {...form.getInputProps(`members.${i}.birth_year`)} key={form.key(`members.${i}.birth_year`)} />
            <Select
              label={t("family.memberRole")}
              allowDeselect={false}
              w={200}
              data={roles.map((r) => ({ value: r, label: label("memberRole", r) }))}
              {...form.getInputProps(`members.${i}.role`)}
              key={form.key(`members.${i}.role`)}
              onChange={(value) => {
                const role = roles.find((r) => r === value) ?? "adult";
                form.setFieldValue(`members.${i}.role`, role satisfies MemberRole);
                if (role !== "child") form.setFieldValue(`members.${i}.school_level`, null);
              }}
            />
            {m.role === "child" && (
              <Select
                label={t("family.schoolLevel")}
                clearable
                w={160}
                data={schoolLevelValues.map((s) => ({ value: s, label: label("school", s) }))}
                {...form.getInputProps(`members.${i}.school_level`)}
                key={form.key(`members.${i}.school_level`)}
                onChange={(value) => form.setFieldValue(`members.${i}.school_level`, schoolLevelValues.find((s) => s === value) ?? (null satisfies SchoolLevel | null))}
              />
            )}
            <ActionIcon variant="default" size="lg" aria-label={t("family.removeMember")} onClick={() => form.removeListItem("members", i)}>
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <Group>
        <Button variant="default" onClick={add}>
          {t("family.addMember")}
        </Button>
      </Group>
    </Stack>
  );
}
