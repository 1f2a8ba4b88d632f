import { Accordion, Badge, Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { api, type Schemas } from "@/lib/api/client";
import { sharedKeys, sharedQueries } from "@/lib/api/queries";
import { unwrap } from "@/lib/api/errors";
import { serverError } from "@/lib/forms";
import { formatDate } from "@/lib/i18n";
import { LoadingBlock } from "@/components/LoadingBlock";
import { ProblemAlert } from "@/components/ProblemAlert";
import { t } from "../fr";

type Kind = Schemas["TextKind"];
type Version = Schemas["TextVersion"];

/** The structure's texts: the current version of each, its past versions, a new version. */
export function TextsTab({ orgId }: { orgId: string }) {
  const texts = useQuery(sharedQueries.texts(orgId));
  if (texts.isPending) return <LoadingBlock />;
  if (texts.isError) return <ProblemAlert error={texts.error} onRetry={() => void texts.refetch()} />;
  return (
    <Stack gap="lg" maw={820}>
      <Text size="sm">{t("texts.intro")}</Text>
      {texts.data.map((text) => (
        <TextCard key={text.kind} orgId={orgId} kind={text.kind} current={text.current ?? null} platformText={text.platform_text ?? ""} />
      ))}
    </Stack>
  );
}

function TextCard({ orgId, kind, current, platformText }: { orgId: string; kind: Kind; current: Version | null; platformText: string }) {
  const client = useQueryClient();
  // The platform's text is the starting point until the structure publishes its own.
  const [body, setBody] = useState(current?.body ?? platformText);
  const [history, setHistory] = useState<string | null>(null);
  const versions = useQuery({
    queryKey: [...sharedKeys.texts(orgId), kind],
    queryFn: () => unwrap(api.GET("/api/v1/orgs/{org_id}/texts/{kind}", { params: { path: { org_id: orgId, kind } } })),
    enabled: history !== null,
  });
  const publish = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/orgs/{org_id}/texts/{kind}", { params: { path: { org_id: orgId, kind } }, body: { body } })),
    onSuccess: (saved) => {
      notifications.show({ message: t("texts.published", { label: saved.label }), color: "brand" });
      void client.invalidateQueries({ queryKey: sharedKeys.texts(orgId) });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    publish.mutate();
  };
  const past = (versions.data ?? []).filter((v) => v.version !== current?.version);
  return (
    <Card withBorder padding="lg" component="form" onSubmit={submit} noValidate aria-labelledby={`text-${kind}`}>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id={`text-${kind}`}>
            {t(`texts.kind.${kind}`)}
          </Title>
          {current ? (
            <Badge color="brand.8" tt="none">
              {t("texts.current", { label: current.label, date: formatDate(current.published_at), name: current.published_by_name })}
            </Badge>
          ) : (
            <Badge color="gray.8" tt="none">
              {t("texts.default")}
            </Badge>
          )}
        </Group>
        <Textarea
          label={t("texts.body")}
          description={t("texts.bodyHelp")}
          autosize
          minRows={4}
          maxRows={16}
          maxLength={20000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={serverError(publish.error, "body")}
        />
        {publish.error != null && !serverError(publish.error, "body") && <ProblemAlert error={publish.error} />}
        <Button type="submit" loading={publish.isPending} disabled={body.trim() === "" || body.trim() === current?.body.trim()} w="fit-content">
          {t("texts.publish")}
        </Button>
        {current && (
          <Accordion value={history} onChange={setHistory}>
            <Accordion.Item value="history">
              <Accordion.Control>{t("texts.history")}</Accordion.Control>
              <Accordion.Panel>
                {versions.isPending ? (
                  <LoadingBlock />
                ) : past.length === 0 ? (
                  <Text size="sm">{t("texts.noHistory")}</Text>
                ) : (
                  <Stack gap="md">
                    {past.map((v) => (
                      <div key={v.version}>
                        <Text size="sm" fw={700}>
                          {t("texts.version", { label: v.label, date: formatDate(v.published_at), name: v.published_by_name })}
                        </Text>
                        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                          {v.body}
                        </Text>
                      </div>
                    ))}
                  </Stack>
                )}
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
        )}
      </Stack>
    </Card>
  );
}
