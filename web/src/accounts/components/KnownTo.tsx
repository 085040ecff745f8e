import { useId } from 'react';
import { Stack, Table, Text, Title } from '@mantine/core';
import { NotSet } from './NotSet';
import { ScrollTable } from '../../app/ScrollTable';

type DivisionRef = { id: string; name: string };

interface KnownToProps {
  divisions: readonly DivisionRef[];
  knownAs: readonly { name: string; division: DivisionRef }[];
}

/** The divisions that know the account, with the name(s) each gives it in its own system. */
export function KnownTo({ divisions, knownAs }: KnownToProps) {
  const rows = new Map<string, { division: DivisionRef; names: string[] }>();
  for (const division of divisions) rows.set(division.id, { division, names: [] });
  for (const { name, division } of knownAs) {
    const row = rows.get(division.id) ?? { division, names: [] };
    if (!row.names.includes(name)) row.names.push(name);
    rows.set(division.id, row);
  }
  const count = rows.size;
  const headingId = useId();

  return (
    <Stack gap="xs" w="100%" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        Known to {count} {count === 1 ? 'division' : 'divisions'}
      </Title>
      {count === 0 ? (
        <Text>No division has sent this account yet.</Text>
      ) : (
        <ScrollTable label="Table of the divisions that know this account" minWidth={400}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Division</Table.Th>
                <Table.Th scope="col">Known as</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...rows.values()].map(({ division, names }) => (
                <Table.Tr key={division.id}>
                  <Table.Th scope="row">{division.name}</Table.Th>
                  <Table.Td>{names.length ? names.join(', ') : <NotSet />}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
    </Stack>
  );
}
