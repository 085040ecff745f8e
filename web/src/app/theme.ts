import {
  Badge,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Light variants (badges, light buttons) keep their hue but darken the text:
 * Mantine's shade 9 on a tinted background is below 4.5:1 for green, orange
 * and cyan, and badges use small text, so WCAG AA needs 4.5:1.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const resolved = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return resolved;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return resolved;
  return { ...resolved, color: darken(input.theme.colors[parsed.color][9], 0.3) };
};

/**
 * Mantine's defaults, with the primary shade darkened so that links and
 * buttons keep a WCAG AA contrast (4.5:1) on white.
 */
export const theme = createTheme({
  // Menus fade and the segmented control slides: not for someone who asked their system for less motion.
  respectReducedMotion: true,
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 4 },
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  variantColorResolver,
  components: {
    // Badges show short words (a stage, a division): never cut them to "Pros…" in a narrow table cell.
    Badge: Badge.extend({ styles: { label: { overflow: 'visible', textOverflow: 'clip' } } }),
  },
});

/**
 * "Dimmed" text in gray 7 rather than gray 6, which is below 4.5:1 on white; field errors in red 9 rather
 * than red 6 (3.28:1, found by axe in the critical-info editor and the timeline's date range).
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)' },
  dark: {},
});
