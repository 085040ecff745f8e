import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ApolloLink } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { MockLink } from '@apollo/client/testing';
import { createCache } from '../app/apollo';
import { UiProvider } from '../app/Providers';
import { routes } from '../app/routes';
import { createAuthErrorLink } from '../auth/errorLink';
import { ADMIN, meMock, signInMethodsMock, type ColleagueFixture } from './fixtures';

/**
 * Renders the whole client (shell and pages) at `url`, with the real cache
 * policies, the app's auth error link and the given mocked GraphQL responses.
 * The auth gate's `me` is answered first: by default the demo admin is signed
 * in; `me: null` renders for an anonymous visitor.
 */
export function renderApp(
  url: string,
  mocks: readonly MockLink.MockedResponse[],
  { me = ADMIN, singleSignOn = false }: { me?: ColleagueFixture | null; singleSignOn?: boolean } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const link = ApolloLink.from([createAuthErrorLink(), new MockLink([meMock(me), signInMethodsMock(singleSignOn), ...mocks], { defaultOptions: { delay: 0 } })]);
  const view = render(
    <MockedProvider link={link} cache={createCache()}>
      <UiProvider>
        <RouterProvider router={router} />
      </UiProvider>
    </MockedProvider>,
  );
  return { ...view, router };
}
