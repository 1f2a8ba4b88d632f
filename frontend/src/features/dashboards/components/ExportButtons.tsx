import { Button, Group } from "@mantine/core";
import { useState } from "react";
import { ProblemAlert } from "@/components/ProblemAlert";
import type { ExportFormat } from "../api/queries";
import { t } from "../fr";

/** "Exporter (CSV)" and "Exporter (Excel)": the file the page shows, as it is filtered. */
export function ExportButtons({ onExport }: { onExport: (format: ExportFormat) => Promise<void> }) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = (format: ExportFormat) => {
    setBusy(format);
    setError(null);
    onExport(format)
      .catch(setError)
      .finally(() => setBusy(null));
  };
  return (
    <>
      <Group gap="sm">
        <Button variant="outline" loading={busy === "csv"} onClick={() => run("csv")}>
          {t("export.csv")}
        </Button>
        <Button variant="outline" loading={busy === "xlsx"} onClick={() => run("xlsx")}>
          {t("export.xlsx")}
        </Button>
      </Group>
      {error != null && <ProblemAlert error={error} />}
    </>
  );
}
