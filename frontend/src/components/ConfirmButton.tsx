import { Button, Group, Modal, Text, type ButtonProps } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { t } from "@/lib/i18n";

/** A button that asks before doing anything destructive. */
export function ConfirmButton({
  children,
  question,
  onConfirm,
  ...props
}: ButtonProps & { children: ReactNode; question: string; onConfirm: () => Promise<unknown> | void }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button {...props} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t("common.confirm")}>
        <Text mb="lg">{question}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red.9"
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
                setOpen(false);
              }
            }}
          >
            {t("common.confirm")}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
