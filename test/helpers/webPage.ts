import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';

/** The two screens every page test runs at: a phone and a laptop. */
export const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

/** Where the page tests leave their screenshots (looked at by a person, not compared). */
export const SHOTS_DIR = process.env.SHOTS_DIR ?? '/tmp/shots-webpage';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * A pattern for the start of a bot message as Web Chat shows it: markdown and the page's French
 * non-breaking spaces aside, so a catalogue text finds its rendering.
 */
export function shown(text: string, length = 28): RegExp {
  const start = text
    .split(/[*_`[(\n]/)[0]
    .trim()
    .slice(0, length)
    .trim();
  const escaped = start
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '[\\s\\u00a0\\u202f]+')
    .replace(/['’]/g, "['’]");
  return new RegExp(escaped);
}

/** Fails when the page is wider than the screen (something spills sideways). */
export async function assertNoHorizontalOverflow(page: Page | Frame, step: string): Promise<void> {
  const [scrollWidth, innerWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    window.innerWidth,
  ]);
  assert.ok(
    scrollWidth <= innerWidth,
    `${step}: the page is ${scrollWidth} px wide on a ${innerWidth} px screen`,
  );
}

/** Fails unless an element has focus and shows it (an outline or a ring drawn with box-shadow). */
export async function assertFocusVisible(page: Page | Frame, step: string): Promise<void> {
  const focus = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { tag: 'body', visible: false };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow !== 'none' && style.boxShadow !== '';
    const box = element.getBoundingClientRect();
    return {
      tag: `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ')[0]}` : ''}`,
      visible: (outline || ring) && box.width > 0 && box.height > 0,
    };
  });
  assert.ok(focus.visible, `${step}: the focused element (${focus.tag}) shows no focus indicator`);
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page (its source evaluated through the DevTools protocol, which the CSP allows). */
export async function seriousAxeViolations(page: Page | Frame, include?: string[]): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe);
  if (loaded === 'undefined') await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async (scope) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(scope ? { include: scope.map((selector) => [selector]) } : document, {
      resultTypes: ['violations'],
    });
    return result.violations;
  }, include);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

// What changes from one answer to the next: the last activities and the send box, besides the page's
// own parts. (axe-core over the whole transcript at each of 20 steps would take minutes per walk.)
const CHANGED_PARTS = [
  'header',
  '.emergency',
  '.tools',
  '.webchat__send-box',
  '.webchat__suggested-actions',
  '[role="log"] > *:nth-last-child(-n+3)',
];

/**
 * The three checks of every step: no sideways spill, focus visible, no serious accessibility fault (over
 * the whole page, or with `changed` only over what a step changes).
 */
export async function assertStepIsSound(
  page: Page | Frame,
  step: string,
  scope: 'page' | 'changed' = 'page',
): Promise<void> {
  await assertNoHorizontalOverflow(page, step);
  await assertFocusVisible(page, step);
  assert.deepEqual(
    await seriousAxeViolations(page, scope === 'changed' ? CHANGED_PARTS : undefined),
    [],
    `${step}: axe-core found serious violations`,
  );
}
