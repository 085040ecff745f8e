import type { RouteObject } from 'react-router';
import { AccountPage } from '../accounts/AccountPage';
import { AccountsPage } from '../accounts/AccountsPage';
import { AuthGate } from '../auth/AuthGate';
import { SignInPage } from '../auth/SignInPage';
import { CriticalInfoCataloguePage } from '../critical-info/CriticalInfoCataloguePage';
import { MatchReviewsPage } from '../identity/MatchReviewsPage';
import { MATCH_REVIEWS_PATH } from '../identity/paths';
import { RejectedItemsPage } from '../ingest/RejectedItemsPage';
import { REJECTED_ITEMS_PATH, WAITING_ITEMS_PATH } from '../ingest/paths';
import { WaitingItemsPage } from '../ingest/WaitingItemsPage';
import { NoticesPage } from '../notices/NoticesPage';
import { NotFoundPage } from './NotFoundPage';
import { Shell } from './Shell';

/** The sign-in page, open to anyone; every other page is for signed-in colleagues, inside the shell. */
export const routes: RouteObject[] = [
  { path: 'sign-in', element: <SignInPage /> },
  {
    element: <AuthGate />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, element: <AccountsPage /> },
          { path: 'accounts', element: <AccountsPage /> },
          { path: 'accounts/:id', element: <AccountPage /> },
          { path: 'admin/critical-info', element: <CriticalInfoCataloguePage /> },
          { path: 'notices', element: <NoticesPage /> },
          { path: MATCH_REVIEWS_PATH.slice(1), element: <MatchReviewsPage /> },
          { path: REJECTED_ITEMS_PATH.slice(1), element: <RejectedItemsPage /> },
          { path: WAITING_ITEMS_PATH.slice(1), element: <WaitingItemsPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
