/**
 * axe-core in a page under test. Injected through the DevTools protocol (page.evaluate), which the
 * page's Content-Security-Policy does not govern, so the page runs with its real policy.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  /** The first few offending elements, as CSS selectors with axe's summary. */
  nodes: string[];
}

/** Runs inside the page, once axe-core is injected: every axe rule (WCAG 2.x A/AA and best practices), violations only. */
export async function axeInPage(): Promise<AxeFinding[]> {
  const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 300)}`),
  }));
}

/** Any page driver that evaluates a script and a function in the page: Playwright's and Puppeteer's both do. */
export interface AxeHost {
  evaluate(script: string): Promise<unknown>;
  evaluate(fn: typeof axeInPage): Promise<AxeFinding[]>;
}

/** Injects axe-core (around the page's CSP, as the driver's evaluate is not governed by it) and returns the violations. */
export async function runAxe(page: AxeHost | Page): Promise<AxeFinding[]> {
  const host = page as AxeHost;
  await host.evaluate(axeSource);
  return host.evaluate(axeInPage);
}

/** The serious and critical findings, the ones that must not exist. */
export function seriousOnly(findings: AxeFinding[]): AxeFinding[] {
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}
