import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expectAccessible } from "./axe";

export const SCREENSHOTS = path.resolve(import.meta.dirname, "screenshots");
mkdirSync(SCREENSHOTS, { recursive: true });

/** Debian's Chromium, with the flags this sandbox needs (no downloads, no background traffic). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The people who use Inloop are in the Netherlands: their browsers' "today" is Amsterdam's. Without
 * this the browser takes the machine's zone (UTC on CI), and between 23:00 and 01:00 UTC a page's
 * default date range ends a day before the server's (which counts days in the location's zone).
 */
const IN_NL = { timezoneId: "Europe/Amsterdam" };
export const PHONE = { ...IN_NL, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
/** The small phone the youth page must still work on (iPhone SE, first generation). */
export const SMALL_PHONE = { ...PHONE, viewport: { width: 320, height: 568 } };
export const LAPTOP = { ...IN_NL, viewport: { width: 1366, height: 768 } };
/** The volunteer's laptop: everything of the console fits here, composer always in view. */
export const CONSOLE = { ...IN_NL, viewport: { width: 1280, height: 720 } };

/** A page that records console errors, page errors and CSP violations, so a test can assert there were none. */
export async function newPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e) + (process.env.E2E_STACKS ? `\n${e.stack}` : "")));
  // Every Content-Security-Policy violation becomes an error too, so each test that expects no
  // errors also proves the pages satisfy the CSP.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { page, errors };
}

/**
 * Saves a screenshot of a state the test reached, and checks that state with axe-core: no WCAG 2.1
 * A/AA violation and no contrast item left for review, or the test fails. Every e2e file calls this
 * at each state it visits.
 */
export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}
