import { Anchor, Card, List, Text, Title } from "@mantine/core";
import { Link } from "react-router";
import { formatDate } from "@/lib/i18n";
import type { RecordView } from "../api/queries";
import { t, type Key } from "../fr";

/** The competences validated and the workshop work of a record, with titles of the caller's
 * choosing (the volunteer's own page speaks to them). */
export function RecordCards({ orgId, record, competencesTitle, stepsTitle }: { orgId: string; record: RecordView; competencesTitle: string; stepsTitle: string }) {
  return (
    <>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          {competencesTitle}
        </Title>
        {record.competences.length === 0 ? (
          <Text>{t("record.noCompetence")}</Text>
        ) : (
          <List>
            {record.competences.map((c) => (
              <List.Item key={c.competence}>
                {t("record.competenceLine", { competence: t(`competence.${c.competence}` as Key), date: formatDate(c.validated_on), by: c.validator_name })}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          {stepsTitle}
        </Title>
        {record.workshop_steps.length === 0 ? (
          <Text>{t("record.noSteps")}</Text>
        ) : (
          <List>
            {record.workshop_steps.map((s) => (
              <List.Item key={`${s.device_id}-${s.step}-${s.at}`}>
                <Anchor component={Link} to={`/orgs/${orgId}/workshop/devices/${s.device_id}`} c="brand.8" underline="always">
                  {s.asset_tag}
                </Anchor>
                {` : ${t(`step.${s.step}` as Key)}${s.trained ? "" : ` ${t("record.untrained")}`}`}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </>
  );
}
