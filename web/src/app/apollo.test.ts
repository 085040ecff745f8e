import { subscriptionUrl } from './apollo';

describe('subscriptionUrl', () => {
  it('is the page’s own host on /graphql, secure when the page is', () => {
    expect(subscriptionUrl({ protocol: 'https:', host: 'hub.example.com' })).toBe('wss://hub.example.com/graphql');
    expect(subscriptionUrl({ protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/graphql');
  });
});
