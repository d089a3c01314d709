import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LAPTOP, newPage, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

// DEMO on the memory store: the server starts with a month of anonymous demo events.
const e2e = useBrowserAndServer({ DEMO_FIGURES: "true" });

async function coordinator(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext({ ...LAPTOP, acceptDownloads: true });
  const opened = await newPage(context);
  await opened.page.goto(`${e2e.server.url}/console`);
  await logInConsole(opened.page, email);
  await opened.page.getByRole("heading", { name: "Anonieme cijfers" }).waitFor();
  return opened;
}

/** Downloads the CSV through the page's own button and returns its rows as arrays of cells. */
async function downloadCsv(page: Page): Promise<string[][]> {
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download CSV" }).click();
  const file = await (await download).path();
  const text = await readFile(file, "utf8");
  return text
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(/,(?=")/).map((cell) => cell.slice(1, -1).replace(/""/g, '"')));
}

describe("the coordinator's figures", () => {
  it("shows a national coordinator charts for this month of every location, and exports them", async () => {
    const { page, errors } = await coordinator("kim@inloop.demo");
    const perDay = page.getByRole("img", { name: /^Staafdiagram: gestarte chats per dag/ });
    await perDay.waitFor();
    // Bars were drawn: at least one per day that had chats.
    expect(await perDay.locator("rect").count()).toBeGreaterThan(3);
    expect(
      await page
        .getByRole("img", { name: /^Lijndiagram: de mediane wachttijd/ })
        .locator("circle")
        .count(),
    ).toBeGreaterThan(0);
    const started = Number(
      (await page.locator(".figures-kpi", { hasText: "Chats gestart" }).locator("strong").innerText()).replace(/\D/g, ""),
    );
    expect(started).toBeGreaterThan(20);
    await page.getByRole("heading", { name: "Per locatie" }).waitFor();
    for (const name of ["Leiden", "Amsterdam", "Apeldoorn", "Geen locatie gekozen"]) await page.getByRole("checkbox", { name }).waitFor();
    await shot(page, "figures-01-dashboard");

    const rows = await downloadCsv(page);
    const header = rows[0]!;
    expect(header.slice(0, 4)).toEqual(["location_id", "location", "date", "chats_started"]);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(["leiden", "amsterdam", "apeldoorn", "any", ""]));
    const total = rows.at(-1)!;
    expect(total[1]).toBe("total");
    // The export rounds counts down to a multiple of five (issue 17: no "<5" day recovered by subtraction).
    expect(Number(total[header.indexOf("chats_started")])).toBe(5 * Math.floor(started / 5));
    // Small days are suppressed, not printed: a count is a multiple of five, 0, or "<5".
    const counts = rows.slice(1).map((r) => r[header.indexOf("chats_started")]!);
    expect(counts.every((c) => c === "<5" || c === "0" || (Number(c) >= 5 && Number(c) % 5 === 0))).toBe(true);
    expect(counts.some((c) => /^[1-4]$/.test(c))).toBe(false);

    // Last month of the demo has quiet days and quiet locations: the rule must have had small
    // counts to hide, and hidden every one of them (no cell of 1 to 4 anywhere).
    await page.getByRole("button", { name: "Vorige maand" }).click();
    await page.waitForLoadState("networkidle");
    const [lastHeader, ...lastRows] = await downloadCsv(page);
    // Counts only: minutes, hours, means and shares are not counts of youths.
    const countColumns = lastHeader!.flatMap((h, i) => (i >= 3 && !/_min|hours|mean|recall|minutes/.test(h) ? [i] : []));
    const lastMonth = lastRows.flatMap((r) => countColumns.map((i) => r[i]!));
    expect(lastMonth.filter((c) => c === "<5").length).toBeGreaterThan(0);
    expect(lastMonth.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    await page.getByRole("button", { name: "Deze maand" }).click();

    // Leave one location out: the dashboard and the export follow the filter.
    await page.getByRole("checkbox", { name: "Amsterdam" }).uncheck();
    await page.locator(".figures-grid-table th[scope=row]", { hasText: "Amsterdam" }).waitFor({ state: "detached" });
    const filtered = await downloadCsv(page);
    expect(filtered.some((r) => r[0] === "amsterdam")).toBe(false);
    expect(errors).toEqual([]);
  });

  it("shows a location coordinator their own location only", async () => {
    const { page, errors } = await coordinator("ilse@leiden.demo");
    await page.getByRole("img", { name: /^Staafdiagram: gestarte chats per dag/ }).waitFor();
    expect(await page.getByRole("checkbox").count()).toBe(0);
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { name: "Anonymous figures" }).waitFor();
    await shot(page, "figures-02-leiden-en");
    const rows = await downloadCsv(page);
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(["leiden", ""]));
    expect(errors).toEqual([]);
  });
});
