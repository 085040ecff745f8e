import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { createCache } from '../app/apollo';
import { UiProvider } from '../app/Providers';
import { routes } from '../app/routes';

/**
 * Renders the whole client (shell and pages) at `url`, with the real cache
 * policies and the given mocked GraphQL responses.
 */
export function renderApp(url: string, mocks: readonly MockLink.MockedResponse[]) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  const view = render(
    <MockedProvider mocks={mocks} cache={createCache()} mockLinkDefaultOptions={{ delay: 0 }}>
      <UiProvider>
        <RouterProvider router={router} />
      </UiProvider>
    </MockedProvider>,
  );
  return { ...view, router };
}
