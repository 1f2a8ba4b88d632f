import { Group, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { usePageTitle } from "@/lib/pageTitle";

/** The page's one h1, with its main actions beside it. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <Group justify="space-between" align="flex-start" mb="lg" wrap="wrap" gap="sm">
      <Title order={1} size="h2">
        {title}
      </Title>
      {children && <Group gap="sm">{children}</Group>}
    </Group>
  );
}
