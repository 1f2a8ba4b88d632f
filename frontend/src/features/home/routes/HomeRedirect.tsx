import { Container, Text, Title } from "@mantine/core";
import { Navigate } from "react-router";
import { t } from "../fr";
import { useMe } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";

/** After sign-in: the person's (first) organisation, or the instance's organisations for
 * the superadmin without one. */
export default function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <LoadingBlock />;
  if (me.isError) return <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />;
  const first = me.data.memberships[0];
  if (first) return <Navigate to={`/orgs/${first.organisation_id}`} replace />;
  if (me.data.is_superadmin) return <Navigate to="/admin/organisations" replace />;
  return (
    <Container size="sm" py="xl" component="main">
      <Title order={1} size="h2" mb="md">
        {t("home.title", { name: me.data.name })}
      </Title>
      <Text>{t("home.noMembership")}</Text>
    </Container>
  );
}
