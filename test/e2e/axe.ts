import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The WCAG 2.1 A and AA rules; the page must pass all of them. */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface Finding {
  id: string;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * What axe-core finds on the page as it is now: every violation, and every contrast check it could
 * not decide ("needs review": text over an image or a gradient, text in SVG). Both must be empty.
 * The script is evaluated through the DevTools protocol, so the page's CSP does not refuse it.
 */
export async function axeFindings(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  // From the top: text scrolled under the sticky top bar would otherwise be "needs review"
  // (overlapped), which says nothing about the page's contrast. The state itself is unchanged.
  await page.evaluate(() => window.scrollTo(0, 0));
  // A string, not a function: the test's compiler would add helpers (__name) the page does not have.
  const result = (await page.evaluate(`(async () => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: ${JSON.stringify(TAGS)} }, resultTypes: ["violations", "incomplete"] });
    const slim = (f) => ({ id: f.id, help: f.help, nodes: f.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) });
    return { violations: r.violations.map(slim), incomplete: r.incomplete.filter((f) => f.id.startsWith("color-contrast")).map(slim) };
  })()`)) as { violations: Finding[]; incomplete: Finding[] };
  const describe = (kind: string) => (f: Finding) =>
    `${kind} ${f.id} (${f.help}): ${f.nodes.map((n) => `${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, " ").slice(0, 200)}` : ""}`).join("; ")}`;
  return [...result.violations.map(describe("violation")), ...result.incomplete.map(describe("needs review"))];
}

/** Fails the test unless axe-core finds nothing on the page in its current state. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const findings = await axeFindings(page);
  if (findings.length) throw new Error(`axe-core on "${state}" (${page.url()}):\n- ${findings.join("\n- ")}`);
}
