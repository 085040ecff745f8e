// Jest setup of the web tests: jest-dom matchers, and the browser APIs that
// Mantine uses and jsdom lacks.
import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The suite runs beside the API and browser tests on two cores: waiting 1 s for a screen to
// settle (the default) fails on a busy machine though nothing is wrong; 5 s still fails fast.
configure({ asyncUtilTimeout: 5000 });

if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    configurable: true,
    value: (query: string): MediaQueryList => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
}

if (!('ResizeObserver' in window)) {
  class ResizeObserverStub {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  }
  Object.defineProperty(window, 'ResizeObserver', { writable: true, configurable: true, value: ResizeObserverStub });
}

// jsdom logs "not implemented" for these; Mantine calls them.
window.scrollTo = () => {};
window.HTMLElement.prototype.scrollIntoView = () => {};
const computedStyle = window.getComputedStyle.bind(window);
// jsdom does not implement pseudo-element styles: ignore the second argument.
window.getComputedStyle = (element: Element) => computedStyle(element);

// Drafts kept when a session ended (auth/keptDrafts.ts) live in sessionStorage: none outlives its test.
afterEach(() => window.sessionStorage.clear());
