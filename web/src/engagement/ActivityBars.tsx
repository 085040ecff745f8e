import { useMantineTheme } from '@mantine/core';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { DivisionRef } from '../touchpoints/DivisionBadge';
import { DIVISION_MARK_SHADE, divisionColor } from '../touchpoints/divisionColor';

interface ActivityBarsProps {
  /** One row per month: its label and each division's count under the division's id. */
  rows: Record<string, string | number>[];
  series: readonly DivisionRef[];
  height: number;
}

/** The bars: one stack per month, one colour per division (recharts). */
export default function ActivityBars({ rows, series, height }: ActivityBarsProps) {
  const theme = useMantineTheme();
  return (
    <BarChart responsive style={{ width: '100%', height }} data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} accessibilityLayer={false}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis dataKey="month" tick={{ fontSize: 12, fill: theme.colors.gray[8] }} interval="preserveStartEnd" />
      <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: theme.colors.gray[8] }} width={36} />
      <Tooltip />
      <Legend formatter={(value: string) => <span style={{ color: 'var(--mantine-color-text)' }}>{value}</span>} />
      {series.map((d) => (
        <Bar key={d.id} dataKey={d.id} name={d.name} stackId="divisions" fill={theme.colors[divisionColor(d)][DIVISION_MARK_SHADE]} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
