import { Button, Card, Grid, Group, List, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import { toFrenchDate } from "@/lib/dates";
import { formatDate, formatDateTime, label } from "@/lib/i18n";
import { useCurrentOrg } from "@/lib/useMe";
import { LoadingBlock } from "@/components/LoadingBlock";
import { PageHeader } from "@/components/PageHeader";
import { ProblemAlert } from "@/components/ProblemAlert";
import { documents, workshopQueries, type DeviceDetail } from "../api/queries";
import { ReservedPanel, ReturnForm, ScrapButton } from "../components/AllocationForms";
import { DeviceStateBadge } from "../components/Badges";
import { DiagnosisForm } from "../components/DiagnosisForm";
import { ErasurePanel, OsForm, QualityForm } from "../components/StepForms";
import { t } from "../fr";

/** A machine's page (what its label's QR code opens): its next step first, then its record
 * and its history. */
export default function DevicePage() {
  const org = useCurrentOrg();
  const { deviceId = "" } = useParams();
  const orgId = org?.id ?? "";
  const query = useQuery({ ...workshopQueries.device(orgId, deviceId), enabled: Boolean(org) });
  const [printError, setPrintError] = useState<unknown>(null);
  if (!org || query.isPending) return <LoadingBlock />;
  if (query.isError) return <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />;
  const device = query.data;
  const allocate = org.caps.has("workshop.allocate");
  const print = (run: () => Promise<void>) => void run().catch(setPrintError);

  return (
    <>
      <PageHeader title={t("device.title", { tag: device.asset_tag, model: `${device.brand} ${device.model}`.trim() })}>
        <DeviceStateBadge state={device.state} />
        <Button variant="default" onClick={() => print(() => documents.label(orgId, device.id))}>
          {t("device.label")}
        </Button>
        {device.certificate && (
          <Button variant="default" onClick={() => print(() => documents.certificate(orgId, device.id))}>
            {t("device.certificate")}
          </Button>
        )}
        {device.next_states.includes("scrapped") && (device.state !== "reserved" || allocate) && <ScrapButton orgId={orgId} device={device} />}
      </PageHeader>
      {printError != null && <ProblemAlert error={printError} />}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card withBorder padding="lg" aria-label={t("device.nextStep")}>
            <NextStep orgId={orgId} device={device} allocate={allocate} />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Facts device={device} />
            <History device={device} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}

function NextStep({ orgId, device, allocate }: { orgId: string; device: DeviceDetail; allocate: boolean }) {
  switch (device.state) {
    case "received":
      return <DiagnosisForm orgId={orgId} device={device} />;
    case "diagnosed":
      return <ErasurePanel orgId={orgId} device={device} />;
    case "erased":
      return <OsForm orgId={orgId} device={device} />;
    case "os_installed":
    case "returned":
      return <QualityForm orgId={orgId} device={device} />;
    case "reserved":
      return allocate ? <ReservedPanel orgId={orgId} device={device} /> : <Text>{t("device.staffStep")}</Text>;
    case "handed_over":
      return allocate ? <ReturnForm orgId={orgId} device={device} /> : <Text>{t("device.staffStep")}</Text>;
    case "ready":
      return <Text>{allocate ? t("device.reserveFromHousehold") : t("device.staffStep")}</Text>;
    default:
      return <Text>{t("device.noStep")}</Text>;
  }
}

function Facts({ device }: { device: DeviceDetail }) {
  const d = device.diagnosis;
  const allocation = device.allocation;
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("device.facts")}
      </Title>
      <Stack gap={6}>
        <Text>{label("deviceKind", device.kind)}</Text>
        {device.donor_name && <Text>{`${t("device.donor")} : ${device.donor_name}`}</Text>}
        <Text>{`${t("device.serial")} : ${device.serial ?? "—"}`}</Text>
        {(d.cpu || d.ram_gb) && <Text>{[d.cpu, d.ram_gb ? `${d.ram_gb} Go` : null, d.screen_inches ? `${d.screen_inches}"` : null].filter(Boolean).join(" · ")}</Text>}
        {d.tests_failed.length > 0 && <Text>{`${t("diag.fail")} : ${d.tests_failed.map((x) => label("hardwareTest", x)).join(", ")}`}</Text>}
        {device.disks.length > 0 && (
          <>
            <Text fw={600}>{t("device.disks")}</Text>
            <List size="sm">
              {device.disks.map((k) => (
                <List.Item key={k.id}>{`${t("device.diskLine", { kind: label("diskKind", k.kind), size: k.size_gb, serial: k.serial })} — ${k.erased ? t("device.erased") : t("device.notErased")}`}</List.Item>
              ))}
            </List>
          </>
        )}
        {device.erasures.length > 0 && (
          <>
            <Text fw={600}>{t("device.erasures")}</Text>
            <List size="sm">
              {device.erasures.map((e) => (
                <List.Item key={e.id}>
                  {t("device.erasureLine", {
                    method: label("erasureMethod", e.method),
                    tool: `${e.tool} ${e.tool_version}`.trim(),
                    result: e.succeeded ? t("device.erasureOk") : t("device.erasureFailed"),
                    operator: e.operator.name,
                  })}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {device.certificate && <Text>{t("device.certificateCode", { code: device.certificate.code })}</Text>}
        {device.os_install && <Text>{`${t("device.os")} : ${device.os_install.os} ${device.os_install.os_version} (${device.os_install.operator.name})`}</Text>}
        {device.quality_checks.map((c) => (
          <Text key={c.checked_at} size="sm">
            {c.passed
              ? t("device.checkPassed", { checker: c.checker.name, date: formatDate(c.checked_at.slice(0, 10)) })
              : t("device.checkFailed", { checker: c.checker.name, date: formatDate(c.checked_at.slice(0, 10)), items: c.items_failed.map((i) => label("qualityItem", i)).join(", ") })}
          </Text>
        ))}
        {device.ledger.length > 0 && (
          <>
            <Text fw={600}>{t("device.ledger")}</Text>
            <List size="sm">
              {device.ledger.map((l) => (
                <List.Item key={`${l.step}-${l.at}`}>
                  {`${label("workshopStep", l.step)} — ${l.person.name}${l.trained ? "" : ` : ${t("device.untrained")}`}`}
                </List.Item>
              ))}
            </List>
          </>
        )}
        {device.scrap_outcome && <Text>{`${label("scrapOutcome", device.scrap_outcome)}${device.scrap_channel ? ` (${device.scrap_channel})` : ""}`}</Text>}
        {allocation?.reserved_for && <Text fw={600}>{t("device.reservedFor", { name: allocation.reserved_for.name, date: toFrenchDate(allocation.reserved_at?.slice(0, 10)) })}</Text>}
        {allocation?.handover && <Text fw={600}>{t("device.handedTo", { name: allocation.handover.household.name, date: toFrenchDate(allocation.handover.handed_on) })}</Text>}
      </Stack>
    </Card>
  );
}

function History({ device }: { device: DeviceDetail }) {
  return (
    <Card withBorder padding="lg">
      <Title order={2} size="h4" mb="sm">
        {t("device.history")}
      </Title>
      <List size="sm" spacing={4}>
        {device.history.map((e) => (
          <List.Item key={`${e.at}-${e.to_state}`}>
            <Group gap={6} wrap="wrap">
              <Text size="sm" c="dimmed">
                {formatDateTime(e.at)}
              </Text>
              <Text size="sm">
                {e.from_state
                  ? t("device.historyLine", { from: label("deviceState", e.from_state), to: label("deviceState", e.to_state), actor: e.actor.name })
                  : t("device.created", { actor: e.actor.name })}
                {e.note ? ` — ${e.note}` : ""}
              </Text>
            </Group>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}
