import { theme } from './theme';

describe('theme', () => {
  // Found by exploratory testing: with prefers-reduced-motion set, the Manage menu still faded and the segmented control slid.
  it('honours a system asking for reduced motion', () => {
    expect(theme.respectReducedMotion).toBe(true);
  });
});
