import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ApolloLink } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import { MockLink } from '@apollo/client/testing';
import { createCache } from '../app/apollo';
import { UiProvider } from '../app/Providers';
import { routes } from '../app/routes';
import { createAuthErrorLink } from '../auth/errorLink';
import { createMergedAwayLink } from '../identity/mergedAwayLink';
import { ADMIN, meMock, noticeBellMocks, signInMethodsMock, type ColleagueFixture } from './fixtures';

/**
 * Renders the whole client (shell and pages) at `url`, with the real cache
 * policies, the app's error links (auth, merged-away) and the given mocked GraphQL responses.
 * The auth gate's `me` is answered first: by default the demo admin is signed
 * in; `me: null` renders for an anonymous visitor. The header's notices bell
 * gets `unreadNotices` and a quiet live feed, after the given mocks (which win).
 */
export function renderApp(
  url: string,
  mocks: readonly MockLink.MockedResponse[],
  { me = ADMIN, singleSignOn = false, unreadNotices = 0 }: { me?: ColleagueFixture | null; singleSignOn?: boolean; unreadNotices?: number } = {},
) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const link = ApolloLink.from([createAuthErrorLink(), createMergedAwayLink(), new MockLink([meMock(me), signInMethodsMock(singleSignOn), ...mocks, ...noticeBellMocks(unreadNotices)], { defaultOptions: { delay: 0 } })]);
  const view = render(
    <MockedProvider link={link} cache={createCache()}>
      <UiProvider env="test">
        <RouterProvider router={router} />
      </UiProvider>
    </MockedProvider>,
  );
  return { ...view, router };
}
