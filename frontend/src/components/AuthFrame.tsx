import { Container, Paper, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { usePageTitle } from "@/lib/pageTitle";
import { t } from "@/lib/i18n";

/** The simple centred frame of the pages used before signing in. */
export function AuthFrame({ title, children }: { title: string; children: ReactNode }) {
  usePageTitle(title);
  return (
    <Container size={480} py="xl" component="main">
      <Text ta="center" fw={700} size="xl" c="brand.8">
        {t("app.name")}
      </Text>
      <Text ta="center" c="gray.7" mb="lg">
        {t("app.tagline")}
      </Text>
      <Paper withBorder shadow="sm" p="lg">
        <Title order={1} size="h3" mb="md">
          {title}
        </Title>
        {children}
      </Paper>
    </Container>
  );
}
