import { ActionIcon, Button, Card, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { label, t } from "@/lib/i18n";

export type MemberDraft = { first_name: string; last_name: string; birth_year: string; role: string; school_level: string | null };

const SCHOOL = ["maternelle", "primaire", "college", "lycee", "superieur", "autre"];

/** The people of a household, added and removed one by one. `errorFor("[0].first_name")`
 * gives the server's message for a member's field. */
export function MembersEditor({
  members,
  onChange,
  errorFor,
  allowReference,
}: {
  members: MemberDraft[];
  onChange: (members: MemberDraft[]) => void;
  errorFor: (field: string) => string | undefined;
  allowReference: boolean;
}) {
  const roles = (allowReference ? ["reference"] : []).concat(["adult", "child", "other"]);
  const update = (i: number, patch: Partial<MemberDraft>) => onChange(members.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <Stack>
      {members.length === 0 && <Text>{t("refer.noMembers")}</Text>}
      {members.map((m, i) => (
        <Card key={i} withBorder padding="sm" component="fieldset" aria-label={t("family.member", { n: i + 1 })}>
          <Group align="flex-end" wrap="wrap">
            <TextInput label={t("family.firstName")} required value={m.first_name} onChange={(e) => update(i, { first_name: e.currentTarget.value })} error={errorFor(`[${i}].first_name`)} maxLength={100} />
            <TextInput label={t("family.lastName")} required value={m.last_name} onChange={(e) => update(i, { last_name: e.currentTarget.value })} error={errorFor(`[${i}].last_name`)} maxLength={100} />
            <TextInput label={t("family.birthYear")} inputMode="numeric" w={140} value={m.birth_year} onChange={(e) => update(i, { birth_year: e.currentTarget.value })} error={errorFor(`[${i}].birth_year`)} maxLength={4} />
            <Select label={t("family.memberRole")} allowDeselect={false} w={200} value={m.role} onChange={(v) => update(i, { role: v ?? "adult", school_level: v === "child" ? m.school_level : null })} data={roles.map((r) => ({ value: r, label: label("memberRole", r) }))} error={errorFor(`[${i}].role`)} />
            {m.role === "child" && (
              <Select label={t("family.schoolLevel")} clearable w={160} value={m.school_level} onChange={(v) => update(i, { school_level: v })} data={SCHOOL.map((s) => ({ value: s, label: label("school", s) }))} error={errorFor(`[${i}].school_level`)} />
            )}
            <ActionIcon variant="default" size="lg" aria-label={t("family.removeMember")} onClick={() => onChange(members.filter((_, j) => j !== i))}>
              <span aria-hidden="true">✕</span>
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <Group>
        <Button variant="default" onClick={() => onChange([...members, { first_name: "", last_name: members[0]?.last_name ?? "", birth_year: "", role: members.length === 0 && allowReference ? "reference" : "child", school_level: null }])}>
          {t("family.addMember")}
        </Button>
      </Group>
    </Stack>
  );
}
