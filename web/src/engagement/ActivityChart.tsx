import { lazy, Suspense, useId } from 'react';
import { useQuery } from '@apollo/client/react';
import { Box, EmptyState, Stack, Table, Text, Title } from '@mantine/core';
import type { AccountActivityByMonthQuery } from '../gql/graphql';
import { Loading } from '../accounts/components/Loading';
import type { DivisionRef } from '../touchpoints/DivisionBadge';
import { formatMonth, plural } from '../touchpoints/format';
import { activityByMonthQuery } from './operations';
import { LoadFailed } from '../app/LoadFailed';
import { ScrollTable } from '../app/ScrollTable';

// The chart library loads with the first chart, not with the app.
const ActivityBars = lazy(() => import('./ActivityBars'));

/** The chart's height in pixels. */
const CHART_HEIGHT = 280;

/** How many months the chart shows, the current one included. */
export const ACTIVITY_MONTHS = 24;

type Month = NonNullable<AccountActivityByMonthQuery['account']>['activityByMonth'][number];

/** The divisions that appear in the months, by name. */
function seriesOf(months: readonly Month[]): DivisionRef[] {
  const byId = new Map<string, DivisionRef>();
  for (const month of months) for (const d of month.divisions) byId.set(d.division.id, d.division);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The same figures as the chart, for reading and for screen readers. */
function ActivityTable({ months, series }: { months: readonly Month[]; series: readonly DivisionRef[] }) {
  const withActivity = months.filter((m) => m.touchCount > 0);
  return (
    <ScrollTable label="Table of activity by month" minWidth={320}>
      <Table verticalSpacing={4} captionSide="top">
        <Table.Caption ta="left">Touchpoints per month and division (months without any are left out)</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Month</Table.Th>
            {series.map((d) => (
              <Table.Th key={d.id} scope="col">
                {d.name}
              </Table.Th>
            ))}
            <Table.Th scope="col">All divisions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {withActivity.map((month) => (
            <Table.Tr key={month.id}>
              <Table.Th scope="row" fw={500}>
                {formatMonth(month.startsAt, true)}
              </Table.Th>
              {series.map((d) => (
                <Table.Td key={d.id}>{month.divisions.find((x) => x.division.id === d.id)?.touchCount ?? 0}</Table.Td>
              ))}
              <Table.Td>{month.touchCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollTable>
  );
}

/** Touchpoints per month, stacked by division in the divisions' colours, with the figures as a table too. */
export function ActivityChart({ accountId }: { accountId: string }) {
  const headingId = useId();
  const { data, error, refetch } = useQuery(activityByMonthQuery, { variables: { accountId, months: ACTIVITY_MONTHS } });
  const months = data?.account?.activityByMonth ?? [];
  const total = months.reduce((sum, m) => sum + m.touchCount, 0);

  let body;
  if (error && !data) {
    body = <LoadFailed what="the activity chart" error={error} retry={refetch} />;
  } else if (!data) {
    body = <Loading label="Loading the activity chart…" />;
  } else if (total === 0) {
    body = <EmptyState title="No activity in the last two years" description="No division recorded a touchpoint with this account in that time." />;
  } else {
    const series = seriesOf(months);
    const rows = months.map((month) => {
      const row: Record<string, string | number> = { month: formatMonth(month.startsAt) };
      for (const d of month.divisions) row[d.division.id] = d.touchCount;
      return row;
    });
    const busiest = months.reduce((top, m) => (m.touchCount > top.touchCount ? m : top), months[0]);
    const summary =
      `Bar chart of touchpoints per month over the last ${ACTIVITY_MONTHS} months, stacked by division (${series.map((d) => d.name).join(', ')}): ` +
      `${plural(total, 'touchpoint')} in all, the most in ${formatMonth(busiest.startsAt, true)} (${busiest.touchCount}). The figures are in the table below.`;
    body = (
      <>
        <Box role="img" aria-label={summary} w="100%" h={CHART_HEIGHT}>
          <Suspense fallback={<Loading label="Drawing the chart…" />}>
            <ActivityBars rows={rows} series={series} height={CHART_HEIGHT} />
          </Suspense>
        </Box>
        <details>
          <summary>
            <Text span size="sm" fw={500}>
              Show the figures as a table
            </Text>
          </summary>
          <ActivityTable months={months} series={series} />
        </details>
      </>
    );
  }

  return (
    <Stack gap="sm" w="100%" component="section" aria-labelledby={headingId}>
      <div>
        <Title order={2} size="h3" id={headingId}>
          Activity by month
        </Title>
        <Text size="sm" c="dimmed">
          Touchpoints per month and division over the last two years (months in UTC).
        </Text>
      </div>
      {body}
    </Stack>
  );
}
