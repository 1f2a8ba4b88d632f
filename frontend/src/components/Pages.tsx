import { Button, Container, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { t } from "@/lib/i18n";
import { usePageTitle } from "@/lib/pageTitle";

function Message({ title, body }: { title: string; body: string }) {
  usePageTitle(title);
  return (
    <Container size="sm" py="xl">
      <Title order={1} size="h2" mb="md">
        {title}
      </Title>
      <Text mb="lg">{body}</Text>
      <Button component={Link} to="/">
        {t("common.backHome")}
      </Button>
    </Container>
  );
}

/** A page the role cannot use, reached by typing its address. */
export function NotAvailable() {
  return <Message title={t("notAvailable.title")} body={t("notAvailable.body")} />;
}

export function NotFound() {
  return <Message title={t("notFound.title")} body={t("notFound.body")} />;
}
