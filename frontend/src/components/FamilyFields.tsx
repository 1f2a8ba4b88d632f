import { MultiSelect, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { contactChannelValues, needValues } from "@/lib/api/schema";
import type { ContactValues } from "@/lib/family";
import { label, t } from "@/lib/i18n";

/** How to reach a family and what it needs: the same fields, rules and messages in the
 * referral form and the household form. */
export function FamilyFields({ form, needsRequired }: { form: UseFormReturnType<ContactValues, unknown>; needsRequired: boolean }) {
  const needs = form.getValues().needs;
  return (
    <Stack>
      <Select
        label={t("family.preferredContact")}
        required
        allowDeselect={false}
        data={contactChannelValues.map((c) => ({ value: c, label: label("contact", c) }))}
        {...form.getInputProps("preferred_contact")}
        key={form.key("preferred_contact")}
        onChange={(value) => form.setFieldValue("preferred_contact", contactChannelValues.find((c) => c === value) ?? "phone")}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t("family.phone")} description={t("family.phoneHelp")} type="tel" {...form.getInputProps("phone")} key={form.key("phone")} />
        <TextInput label={t("family.email")} type="email" {...form.getInputProps("email")} key={form.key("email")} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t("family.address")} {...form.getInputProps("address")} key={form.key("address")} />
        <TextInput label={t("family.postcode")} inputMode="numeric" {...form.getInputProps("postcode")} key={form.key("postcode")} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t("family.commune")} {...form.getInputProps("commune")} key={form.key("commune")} />
        <TextInput label={t("family.neighbourhood")} {...form.getInputProps("neighbourhood")} key={form.key("neighbourhood")} />
      </SimpleGrid>
      <MultiSelect
        label={t("family.needs")}
        required={needsRequired}
        data={needValues.map((n) => ({ value: n, label: label("need", n) }))}
        {...form.getInputProps("needs")}
        key={form.key("needs")}
        onChange={(values) => form.setFieldValue("needs", needValues.filter((n) => values.includes(n)))}
      />
      {needs.includes("other") && <TextInput label={t("family.needsOther")} required {...form.getInputProps("needs_other")} key={form.key("needs_other")} />}
      <TextInput label={t("family.languages")} description={t("family.languagesHelp")} {...form.getInputProps("languages")} key={form.key("languages")} />
    </Stack>
  );
}
