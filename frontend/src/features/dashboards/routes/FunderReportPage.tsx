import { Anchor, Button, Group, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { useCurrentOrg } from "@/lib/useMe";
import { dashboardQueries, openFunderReport, useSaveFunderTexts } from "../api/queries";
import { t } from "../fr";

/** The funder report: the structure's texts for a year, then the PDF. */
export default function FunderReportPage() {
  const org = useCurrentOrg();
  const orgId = org?.id ?? "";
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const query = useQuery({ ...dashboardQueries.funder(orgId, year), enabled: Boolean(org) });
  const save = useSaveFunderTexts(orgId, year);
  const [printError, setPrintError] = useState<unknown>(null);
  const form = useForm({ initialValues: { context: "", highlights: "" } });
  const canWrite = Boolean(org?.caps.has("households"));
  const loaded = query.data;
  useEffect(() => {
    if (loaded) form.setValues({ context: loaded.context, highlights: loaded.highlights });
    // The form follows the texts loaded for the year chosen.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);
  if (!org || query.isPending) return <LoadingBlock />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const years = Array.from({ length: 4 }, (_, i) => String(thisYear - i));
  return (
    <>
      <PageHeader title={t("funder.title", { year })}>
        <Anchor component={Link} to=".." relative="path" underline="always">
          {t("funder.back")}
        </Anchor>
      </PageHeader>
      <Stack maw={760}>
        <Text>{t("funder.intro")}</Text>
        <Select label={t("filter.year")} data={years} value={String(year)} allowDeselect={false} onChange={(v) => v && setYear(Number(v))} w={140} />
        <form
          onSubmit={form.onSubmit((values) =>
            save.mutate(
              { version: loaded?.version ?? 0, body: values },
              { onSuccess: () => notifications.show({ message: t("funder.saved"), color: "green" }) },
            ),
          )}
        >
          <Stack>
            <Textarea label={t("funder.context")} autosize minRows={4} maxLength={4000} readOnly={!canWrite} {...form.getInputProps("context")} />
            <Textarea label={t("funder.highlights")} autosize minRows={4} maxLength={4000} readOnly={!canWrite} {...form.getInputProps("highlights")} />
            {save.isError && <ProblemAlert error={save.error} />}
            <Group>
              {canWrite && (
                <Button type="submit" loading={save.isPending}>
                  {t("funder.save")}
                </Button>
              )}
              <Button variant="outline" onClick={() => void openFunderReport(orgId, year).catch(setPrintError)}>
                {t("funder.download")}
              </Button>
            </Group>
            {printError != null && <ProblemAlert error={printError} />}
          </Stack>
        </form>
      </Stack>
    </>
  );
}
