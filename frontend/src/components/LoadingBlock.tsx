import { Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { t } from "@/lib/i18n";

/** A calm placeholder while a page loads (announced to screen readers). */
export function LoadingBlock({ lines = 4 }: { lines?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" role="status">
      <VisuallyHidden>{t("common.loading")}</VisuallyHidden>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} height={i === 0 ? 32 : 20} width={i === 0 ? "40%" : "100%"} />
      ))}
    </Stack>
  );
}
