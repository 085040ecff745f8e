/**
 * A division's name by id, from the `divisions` a page asked for beside its
 * records (which name their division by id); "Another division" for one not
 * in the list (it may have been added since the page loaded).
 */
export function divisionNamer(divisions: readonly { id: string; name: string }[] | undefined): (id: string) => string {
  const names = new Map((divisions ?? []).map((d) => [d.id, d.name]));
  return (id) => names.get(id) ?? 'Another division';
}
