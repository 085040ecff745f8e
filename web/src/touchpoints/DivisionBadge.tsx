import { Badge, Group } from '@mantine/core';
import { divisionColor } from './divisionColor';

export type DivisionRef = { id: string; key: string; name: string };

/** A division's name on its colour: the light variant keeps AA contrast for the text. */
export function DivisionBadge({ division, size = 'sm' }: { division: DivisionRef; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge variant="light" color={divisionColor(division)} tt="none" fw={600} size={size}>
      {division.name}
    </Badge>
  );
}

/** Several divisions, as a list of badges. */
export function DivisionBadgeList({ divisions, label = 'Divisions' }: { divisions: readonly DivisionRef[]; label?: string }) {
  return (
    <Group gap={4} component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {divisions.map((division) => (
        <li key={division.id}>
          <DivisionBadge division={division} size="xs" />
        </li>
      ))}
    </Group>
  );
}
