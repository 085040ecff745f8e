import { useSearchParams } from 'react-router';
import { Stack, Text, Title } from '@mantine/core';
import { AccountsResults } from './components/AccountsResults';

/** `/` and `/accounts`: every account, or those matching `?search=`. */
export function AccountsPage() {
  const [params] = useSearchParams();
  const search = params.get('search')?.trim() ?? '';
  return (
    <Stack gap="md">
      <title>{search ? `Accounts matching “${search}” · OurCustomer` : 'Accounts · OurCustomer'}</title>
      <div>
        <Title order={1}>Accounts</Title>
        {search && <Text c="dimmed">Matching “{search}”</Text>}
      </div>
      <AccountsResults search={search} />
    </Stack>
  );
}
