import { safeNext, signInUrl } from './paths';

describe('safeNext', () => {
  it.each([
    ['/accounts/a1', '/accounts/a1'],
    ['/accounts?search=acme', '/accounts?search=acme'],
    ['/', '/'],
    [null, '/accounts'],
    ['', '/accounts'],
    ['https://evil.example/', '/accounts'],
    ['//evil.example/', '/accounts'],
    ['/\\evil.example/', '/accounts'],
    ['accounts', '/accounts'],
    ['/sign-in', '/accounts'],
    ['/sign-in?next=/accounts', '/accounts'],
  ])('%p -> %p', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('signInUrl', () => {
  it('carries the page to come back to', () => {
    expect(signInUrl('/accounts?search=acme corp')).toBe('/sign-in?next=%2Faccounts%3Fsearch%3Dacme+corp');
    expect(signInUrl('/sign-in')).toBe('/sign-in');
    expect(signInUrl()).toBe('/sign-in');
  });
});
