import { useCallback, useState } from 'react';

/** Ids picked in a list with checkboxes: in picking order, toggled one at a time, all of a list at once, cleared at once. */
export function useSelection() {
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = useCallback((id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id])), []);
  const pickAll = useCallback((ids: readonly string[]) => setSelected((s) => [...s, ...ids.filter((id) => !s.includes(id))]), []);
  const clear = useCallback(() => setSelected([]), []);
  return { selected, toggle, pickAll, clear };
}
