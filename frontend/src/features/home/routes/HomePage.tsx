import { Alert, Badge, Button, Card, Container, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api/client";
import { logout } from "@/lib/auth/session";
import { t, type MessageKey } from "@/lib/i18n";

export function HomePage() {
  const me = useQuery({
    queryKey: ["me"],
    queryFn: async () => {
      const { data, error } = await api.GET("/api/v1/me");
      if (error || !data) throw new Error("me");
      return data;
    },
  });

  if (me.isPending) return <Loader aria-label={t("common.loading")} m="xl" />;
  if (me.isError) {
    return (
      <Alert color="red" role="alert" m="xl">
        {t("error.generic")}
      </Alert>
    );
  }

  const person = me.data;
  return (
    <Container size="md" py="xl" component="main">
      <Group justify="space-between" mb="lg">
        <Title order={1}>{t("home.title", { name: person.name })}</Title>
        <Button variant="default" onClick={() => void logout()}>
          {t("session.logout")}
        </Button>
      </Group>
      {person.is_superadmin && <Text mb="md">{t("home.superadmin")}</Text>}
      <Title order={2} size="h3" mb="sm">
        {t("home.memberships")}
      </Title>
      {person.memberships.length === 0 ? (
        <Text>{t("home.noMembership")}</Text>
      ) : (
        <Stack>
          {person.memberships.map((m) => (
            <Card key={m.organisation_id} withBorder>
              <Group justify="space-between">
                <Text fw={600}>{m.organisation_name}</Text>
                <Group gap="xs">
                  <Badge variant="outline">{t(`kind.${m.organisation_kind}` as MessageKey)}</Badge>
                  <Badge>{t(`role.${m.role}` as MessageKey)}</Badge>
                </Group>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
    </Container>
  );
}
