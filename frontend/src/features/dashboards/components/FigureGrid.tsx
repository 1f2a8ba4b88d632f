import { Card, SimpleGrid, Text, Title } from "@mantine/core";

export type Figure = { label: string; value: string };

/** A titled group of figures, large enough to read on a tablet. */
export function FigureGrid({ title, figures }: { title: string; figures: Figure[] }) {
  return (
    <section aria-label={title}>
      <Title order={2} size="h3" mb="sm" mt="lg">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {figures.map((f) => (
          <Card key={f.label} withBorder padding="md">
            <Text size="sm">{f.label}</Text>
            <Text size="xl" fw={700}>
              {f.value}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </section>
  );
}

/** A small two-column table: what, how many. */
export function Breakdown({ title, rows, empty }: { title: string; rows: { label: string; value: string }[]; empty: string }) {
  return (
    <Card withBorder padding="md">
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">{empty}</Text>
      ) : (
        <table style={{ width: "100%", borderCollapse: "collapse" }}>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row" style={{ textAlign: "left", fontWeight: 400, padding: "2px 0" }}>
                  {r.label}
                </th>
                <td style={{ textAlign: "right", fontWeight: 600 }}>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
