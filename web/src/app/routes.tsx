import type { RouteObject } from 'react-router';
import { AccountPage } from '../accounts/AccountPage';
import { AccountsPage } from '../accounts/AccountsPage';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

/** The pages of the client, all inside the shell. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    children: [
      { index: true, element: <AccountsPage /> },
      { path: 'accounts', element: <AccountsPage /> },
      { path: 'accounts/:id', element: <AccountPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
