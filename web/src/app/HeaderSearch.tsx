import { useEffect, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { Box, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { accountsSearchUrl, isAccountsPath } from './searchParams';

/** How long typing must pause before the list is searched. */
export const SEARCH_DEBOUNCE_MS = 200;

/** Read by screen readers, not shown: the placeholder and the search landmark say it visually. */
const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * The account search of the header. Typing searches as you type: after a short
 * pause it shows `/accounts?search=…` (replacing the history entry while on the
 * list, so Back does not step through every keystroke). Enter searches at once.
 * The box follows the URL when it changes otherwise (Back, a link).
 */
export function HeaderSearch() {
  const location = useLocation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const onList = isAccountsPath(location.pathname);
  const urlTerm = onList ? (params.get('search') ?? '') : null;

  const [value, setValue] = useState(urlTerm ?? '');
  const [debounced] = useDebouncedValue(value, SEARCH_DEBOUNCE_MS);
  const typed = useRef(false);

  const search = (term: string) => {
    typed.current = false;
    const url = accountsSearchUrl(term);
    if (onList && url.search === location.search) return;
    navigate(url, { replace: onList });
  };

  // URL -> box, unless the user is typing.
  useEffect(() => {
    if (urlTerm !== null && !typed.current) setValue(urlTerm);
  }, [urlTerm]);

  // Box -> URL, once typing pauses.
  useEffect(() => {
    if (typed.current) search(debounced);
    // `search` changes with the location; only a new debounced term should search.
  }, [debounced]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    search(value);
  };

  return (
    <Box component="form" role="search" onSubmit={onSubmit} w="100%" maw={420}>
      <TextInput
        label="Search accounts"
        styles={{ label: visuallyHidden }}
        type="search"
        placeholder="Search accounts"
        autoComplete="off"
        // The API takes at most 200 characters (a longer paste showed its raw refusal; found by exploratory testing).
        maxLength={200}
        value={value}
        onChange={(event) => {
          typed.current = true;
          setValue(event.currentTarget.value);
        }}
      />
    </Box>
  );
}
