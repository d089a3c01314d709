/**
 * The strict Content-Security-Policy (server/http/securityHeaders.ts) against the built pages in
 * real Chromium: the header is there and strict, and walking through the youth page and the staff
 * console reports no violation (the browser's `securitypolicyviolation` events and console errors).
 */

import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_DIST } from "../../scripts/clientBuild";
import type { RunningServer } from "../../server/app/startServer";
import { startTestServer } from "../helpers/servers";
import { LAPTOP, launchBrowser, newPage, PHONE } from "./browser";
import { logInConsole } from "./staffLogin";

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer({}, { clientDir: CLIENT_DIST });
});
afterAll(async () => {
  await server?.close();
  await browser?.close();
});

describe("Content-Security-Policy", () => {
  it("is strict: nothing inline, nothing from elsewhere, no framing", async () => {
    const csp = (await fetch(server.url)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/https:|\*/);
  });

  it("is satisfied by the youth page through joining the queue", async () => {
    const context = await browser.newContext(PHONE);
    const { page, errors } = await newPage(context);
    const violations: string[] = [];
    page.on("console", (m) => m.text().startsWith("CSP violation") && violations.push(m.text()));
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
    await page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
    await page.getByRole("button", { name: "Start de chat" }).click();
    await page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
    await context.close();
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("is satisfied by the staff console from login to a synced console", async () => {
    const context = await browser.newContext(LAPTOP);
    const { page, errors } = await newPage(context);
    await page.goto(`${server.url}/console`);
    await logInConsole(page, "sam@leiden.demo");
    await page.getByRole("heading", { name: "Wachtrij" }).waitFor();
    await context.close();
    expect(errors).toEqual([]);
  });
});
