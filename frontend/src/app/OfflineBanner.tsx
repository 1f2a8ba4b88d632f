import { Alert } from "@mantine/core";
import { useNetwork } from "@mantine/hooks";
import { t } from "@/lib/i18n";

/** Says so when the browser has lost the network, instead of failing silently. */
export function OfflineBanner() {
  const { online } = useNetwork();
  if (online) return null;
  return (
    <Alert color="#a63d00" variant="filled" role="status" mb="md">
      {t("shell.offline")}
    </Alert>
  );
}
