import { Button, CopyButton, Modal, Stack, Text, TextInput } from "@mantine/core";
import { t } from "@/lib/i18n";

/** Shows a one-time link (invitation, password reset) to hand over, with a copy button. */
export function CopyLinkModal({ title, url, emailed, onClose, help }: { title: string; url: string | null; emailed: boolean; onClose: () => void; help?: string }) {
  return (
    <Modal opened={url !== null} onClose={onClose} title={title} size="lg">
      <Stack>
        <Text>{help ?? t("admin.linkHelp")}</Text>
        {emailed && <Text>{t("admin.linkEmailed")}</Text>}
        <TextInput readOnly value={url ?? ""} aria-label={title} onFocus={(e) => e.currentTarget.select()} />
        <CopyButton value={url ?? ""}>
          {({ copied, copy }) => (
            <Button onClick={copy} color={copied ? "brand.8" : undefined}>
              {copied ? t("common.copied") : t("common.copy")}
            </Button>
          )}
        </CopyButton>
      </Stack>
    </Modal>
  );
}
