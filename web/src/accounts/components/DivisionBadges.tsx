import { Badge, Group } from '@mantine/core';
import { NotSet } from './NotSet';

type DivisionRef = { id: string; name: string };

/** The divisions that know an account, one neutral badge each. */
export function DivisionBadges({ divisions }: { divisions: readonly DivisionRef[] }) {
  if (divisions.length === 0) return <NotSet />;
  return (
    <Group gap={6} component="ul" aria-label="Divisions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {divisions.map((division) => (
        <Badge key={division.id} component="li" variant="default" tt="none" fw={500}>
          {division.name}
        </Badge>
      ))}
    </Group>
  );
}
