import { Fragment, useState } from 'react';
import { Alert, Badge, Button, Checkbox, Table, Text, VisuallyHidden } from '@mantine/core';
import type { AccountSourceRecordsQuery } from '../../gql/graphql';
import { formatDate } from '../../touchpoints/format';
import { LINK_STATUS, linkEvidence } from '../evidence';
import { EvidenceTable } from './EvidenceTable';

/** How a record that matching linked to nothing (it had no candidate) is labelled. */
const STARTED = { label: 'Started an account', color: 'gray' };

export type SourceRecordNode = NonNullable<AccountSourceRecordsQuery['account']>['sourceRecords']['edges'][number]['node'];

interface SourceRecordRowProps {
  record: SourceRecordNode;
  divisionName: string;
  /** For admins: whether the record is picked to split off, and how to change that. */
  selection?: { selected: boolean; onToggle: () => void };
  columns: number;
}

/** One division's record of the account: who sent it, how matching linked it, and (on demand) the evidence. */
export function SourceRecordRow({ record, divisionName, selection, columns }: SourceRecordRowProps) {
  const [open, setOpen] = useState(false);
  // AUTO with no score (no candidate when it arrived) or a score below its rules' threshold (the best candidate was not
  // enough): matching linked it to nothing and it started an account (this one, or one since merged into it).
  const { score, autoLinkThreshold: threshold } = record.link;
  const started = record.link.status === 'AUTO' && (score == null || (threshold != null && score < threshold));
  const status = started ? STARTED : (LINK_STATUS[record.link.status] ?? { label: record.link.status, color: 'gray' });
  const link = linkEvidence(record.link.evidence);
  const detailsId = `evidence-${record.id}`;
  // Two divisions often send the same name: the record's division and id tell their evidence apart.
  const named = `${record.name} (${divisionName} #${record.externalId})`;
  return (
    <Fragment>
      <Table.Tr>
        {selection && (
          <Table.Td>
            <Checkbox checked={selection.selected} onChange={selection.onToggle} aria-label={`Split off ${named}`} />
          </Table.Td>
        )}
        <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
          <Text size="sm" fw={600}>{record.name}</Text>
          <Text size="xs" c="dimmed">
            {divisionName} · {record.sourceSystem} #{record.externalId}
          </Text>
        </Table.Th>
        <Table.Td>
          <Badge variant="light" color={status.color} tt="none">{status.label}</Badge>
        </Table.Td>
        <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{score == null ? (started ? '' : '—') : score.toFixed(1)}</Table.Td>
        <Table.Td>
          <time dateTime={record.createdAt}>{formatDate(record.createdAt)}</time>
          {record.version > 1 && <Text size="xs" c="dimmed">{record.version} versions</Text>}
        </Table.Td>
        <Table.Td>
          {started && score != null && threshold != null && (
            <Text size="xs" c="dimmed">Its best candidate scored {score.toFixed(1)}, below the {threshold.toFixed(1)} needed to link</Text>
          )}
          {link.evidence.length > 0 ? (
            <Button size="compact-sm" variant="default" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen((o) => !o)}>
              {open ? 'Hide evidence' : 'Evidence'}
              <VisuallyHidden component="span"> of {record.name}</VisuallyHidden>
            </Button>
          ) : (
            <Text size="xs" c="dimmed">{record.link.score == null ? 'Nothing to link it to when it arrived' : ''}</Text>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={columns}>
            {link.veto && <Alert color="gray" variant="light" mb="xs">Vetoed: {link.veto}</Alert>}
            <EvidenceTable label={`Evidence for ${named}`} evidence={link.evidence} score={link.score ?? record.link.score ?? 0} ruleVersion={record.link.ruleVersion ?? null} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}
