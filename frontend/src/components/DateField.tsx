import { TextInput, type TextInputProps } from "@mantine/core";
import { t } from "@/lib/i18n";

/** A date typed as jj/mm/aaaa (see `lib/dates.ts`), the same in every browser. */
export function DateField(props: TextInputProps) {
  return <TextInput placeholder={t("form.datePlaceholder")} description={t("form.dateHelp")} inputMode="numeric" autoComplete="off" w={220} {...props} />;
}
