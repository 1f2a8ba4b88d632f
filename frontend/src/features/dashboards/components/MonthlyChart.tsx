import { Box, Text } from "@mantine/core";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMonth } from "@/lib/i18n";
import { t } from "../fr";

export type MonthPoint = { month: string; first: number | null; second: number | null };

/** Two series a month as bars (a hidden month has no bar); the same figures are in a table
 * on the page, for those who do not read charts. */
export function MonthlyChart({ title, points, firstLabel, secondLabel }: { title: string; points: MonthPoint[]; firstLabel: string; secondLabel: string }) {
  const data = points.map((p) => ({ ...p, label: formatMonth(p.month).replace(/ \d{4}$/, "") }));
  return (
    <Box role="figure" aria-label={title} mb="lg">
      <Text fw={600} mb="xs">
        {title}
      </Text>
      <Box h={260}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 12 }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 12 }} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="first" name={firstLabel} fill="var(--mantine-color-blue-8)" isAnimationActive={false} />
            <Bar dataKey="second" name={secondLabel} fill="var(--mantine-color-teal-8)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
      <Text size="sm" c="dimmed">
        {t("chart.help")}
      </Text>
    </Box>
  );
}
