import { Card, Radio, Stack, Text } from "@mantine/core";
import { label } from "@/lib/i18n";
import { t } from "../fr";
import type { DuplicateHousehold, DuplicateMatch, ReferralDetail } from "../api/queries";

/** Where an accepted family is filed: a new household (the default), or a suggested one,
 * saying which of its members the person referred is (or adding them). */
export type AcceptTarget = { household: "new" } | { household: string; member: string | "add" | null };

const MATCHED: Record<DuplicateMatch, Parameters<typeof t>[0]> = {
  phone: "referrals.matchedPhone",
  name_and_birth_year: "referrals.matchedName",
  name_and_commune: "referrals.matchedCommune",
};

/** "même téléphone, même nom et même commune" */
export function matchedText(reasons: DuplicateMatch[]): string {
  return reasons.map((m) => t(MATCHED[m])).join(", ");
}

/** "Jordan Petit (1985, personne de référence)" */
function person(m: DuplicateHousehold["members"][number]): string {
  const year = m.birth_year ? `${m.birth_year}, ` : "";
  return `${m.first_name} ${m.last_name} (${year}${label("memberRole", m.role).toLowerCase()})`;
}

/** The member bearing the referred person's name, if exactly one does. */
function sameName(referral: ReferralDetail, d: DuplicateHousehold): string | null {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
  const found = d.members.filter((m) => fold(m.first_name) === fold(referral.first_name) && fold(m.last_name) === fold(referral.last_name));
  return found.length === 1 ? (found[0]?.id ?? null) : null;
}

export function AcceptChoice({ referral, value, onChange, householdError, memberError }: { referral: ReferralDetail; value: AcceptTarget; onChange: (next: AcceptTarget) => void; householdError?: string; memberError?: string }) {
  const suggestions = referral.possible_duplicate_households ?? [];
  const chosen = value.household === "new" ? null : suggestions.find((d) => d.household_id === value.household);
  const name = `${referral.first_name} ${referral.last_name}`;
  return (
    <Stack>
      <Radio.Group
        label={t("action.acceptHousehold")}
        value={value.household}
        error={householdError}
        onChange={(household) => {
          const d = suggestions.find((s) => s.household_id === household);
          onChange(d ? { household, member: sameName(referral, d) } : { household: "new" });
        }}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="new" label={t("action.acceptNew", { name })} />
          {suggestions.map((d) => (
            <Card key={d.household_id} withBorder padding="xs">
              <Radio
                value={d.household_id}
                label={t("action.acceptExisting", { name: d.reference_name })}
                description={
                  <>
                    <Text component="span" size="sm" display="block">
                      {t("action.suggestedBecause", { reasons: matchedText(d.matched_on) })}
                      {d.commune ? ` — ${d.commune}` : ""}
                    </Text>
                    <Text component="span" size="sm" display="block">
                      {t("action.householdPeople", { people: d.members.map(person).join(" ; ") })}
                    </Text>
                  </>
                }
              />
            </Card>
          ))}
        </Stack>
      </Radio.Group>
      {chosen && value.household !== "new" && (
        <Radio.Group
          label={t("action.whoIs", { name })}
          required
          value={"member" in value ? value.member : null}
          error={memberError}
          onChange={(member) => onChange({ household: value.household, member })}
        >
          <Stack gap="xs" mt="xs">
            {chosen.members.map((m) => (
              <Radio key={m.id} value={m.id} label={person(m)} />
            ))}
            <Radio value="add" label={t("action.addAsMember", { name })} />
          </Stack>
        </Radio.Group>
      )}
    </Stack>
  );
}
