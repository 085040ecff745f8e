import { Link } from 'react-router';
import { Anchor, Stack, Text, Title } from '@mantine/core';

/** Any URL the client does not know. */
export function NotFoundPage() {
  return (
    <Stack gap="sm">
      <title>Page not found · OurCustomer</title>
      <Title order={1}>Page not found</Title>
      <Text>There is nothing at this address.</Text>
      <Anchor component={Link} to="/accounts">
        Back to accounts
      </Anchor>
    </Stack>
  );
}
