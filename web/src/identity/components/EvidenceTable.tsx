import { Table, Text } from '@mantine/core';
import { ScrollTable } from '../../app/ScrollTable';
import { fieldLabel, formatWeight, levelLabel, type Comparison } from '../evidence';

interface EvidenceTableProps {
  /** Names the table's scrolling box on a phone, e.g. "Evidence for Globex (Exhibits #C-1) and Globex Corp (Logistics #7)" (unique on the page). */
  label: string;
  evidence: readonly Comparison[];
  score: number;
  ruleVersion: string | null;
}

/** Every field compared, how well it agreed and what it weighed; the total is the pair's score. */
export function EvidenceTable({ label, evidence, score, ruleVersion }: EvidenceTableProps) {
  // No minimum width: on a phone the columns wrap, so the weights and the score stay in view without scrolling.
  return (
    <ScrollTable label={label}>
      <Table verticalSpacing={4} fz="sm" captionSide="top">
        <Table.Caption>How matching compared them (weights in bits{ruleVersion ? `; rules ${ruleVersion}` : ''})</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Field</Table.Th>
            <Table.Th scope="col">Agreement</Table.Th>
            <Table.Th scope="col" style={{ textAlign: 'right' }}>Weight</Table.Th>
            <Table.Th scope="col">Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {evidence.map((e, i) => (
            <Table.Tr key={`${e.field}-${i}`}>
              <Table.Th scope="row" fw={500}>{fieldLabel(e.field)}</Table.Th>
              <Table.Td>{e.field === 'prior' ? 'before any evidence' : levelLabel(e.level)}</Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{formatWeight(e.weight)}</Table.Td>
              <Table.Td>{e.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row" colSpan={2}>Score</Table.Th>
            <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
              <Text span fw={700} size="sm">{formatWeight(score)}</Text>
            </Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </ScrollTable>
  );
}
