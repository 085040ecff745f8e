import { Alert, Group, Text, TextInput } from '@mantine/core';
import { apiErrorMessage } from '../../app/apiErrors';
import { BusyButton } from '../../app/BusyButton';

/** The API's limit for an account search (MAX_SEARCH_LENGTH in server/src/accounts/accounts.service.ts). */
export const MAX_SEARCH_LENGTH = 200;

interface AccountFinderProps {
  /** The search form's accessible name, e.g. "Find the parent company". */
  formLabel: string;
  /** The field's label. */
  label: string;
  typed: string;
  onTyped: (text: string) => void;
  /** Find pressed: the term as typed, trimmed. */
  onSearch: (term: string) => void;
  searching: boolean;
  error: unknown;
  /** The term searched when no other account answered it; null otherwise. */
  nothingFoundFor: string | null;
}

/** Finds an account by name for a repair (merge, parent): the term, its refusal in the server's words, or "none". */
export function AccountFinder({ formLabel, label, typed, onTyped, onSearch, searching, error, nothingFoundFor }: AccountFinderProps) {
  return (
    <>
      <form aria-label={formLabel} onSubmit={(event) => { event.preventDefault(); onSearch(typed.trim()); }}>
        <Group align="flex-end" gap="xs">
          {/* Longer terms were refused and, the error unread, the form showed nothing at all (found by exploratory testing). */}
          <TextInput label={label} maxLength={MAX_SEARCH_LENGTH} value={typed} onChange={(e) => onTyped(e.currentTarget.value)} style={{ flex: 1 }} />
          <BusyButton type="submit" variant="default" busy={searching}>
            Find
          </BusyButton>
        </Group>
      </form>
      {error ? (
        <Alert color="red" variant="light" title="Could not search the accounts">
          {apiErrorMessage(error)}
        </Alert>
      ) : null}
      {nothingFoundFor !== null && <Text size="sm">No other account is called like “{nothingFoundFor}”.</Text>}
    </>
  );
}
