import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LAPTOP, newPage, PHONE, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

const e2e = useBrowserAndServer();

async function coordinator(email: string): Promise<{ page: Page; errors: string[] }> {
  // Dutch staff: the browser's own widgets (time fields) show a 24-hour clock.
  const opened = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
  await opened.page.goto(`${e2e.server.url}/console`);
  await logInConsole(opened.page, email);
  await opened.page.getByRole("navigation", { name: "Beheer" }).waitFor();
  return opened;
}

describe("the coordinator's pages", () => {
  it("closes every location for today, and an open youth page turns to 'closed' without a reload", async () => {
    const youth = await (await e2e.browser.newContext(PHONE)).newPage();
    await youth.goto(e2e.server.url);
    await youth.getByRole("button", { name: "Start de chat" }).waitFor();

    const kim = await coordinator("kim@inloop.demo");
    await kim.page.getByRole("button", { name: "Locaties" }).click();
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
    const picker = kim.page.getByRole("combobox", { name: /^Locatie/ });
    await picker.locator("option").first().waitFor({ state: "attached" });
    const ids = await picker.locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const [i, id] of ids.entries()) {
      await picker.selectOption(id);
      await kim.page.getByRole("button", { name: "Uitzondering toevoegen" }).click();
      await kim.page.getByLabel("Datum").last().fill(today);
      await kim.page.getByLabel("Toelichting (alleen voor medewerkers)").last().fill("Teamdag");
      expect(await kim.page.getByLabel("Hele dag dicht").last().isChecked()).toBe(true);
      if (i === 0) await shot(kim.page, "coordinator-01-location");
      await kim.page.getByRole("button", { name: "Opslaan" }).click();
      await kim.page.getByText("Opgeslagen. Het geldt meteen voor iedereen.").waitFor();
    }
    await youth.getByRole("heading", { name: "De chat is nu dicht" }).waitFor({ timeout: 5000 });
    await shot(youth, "coordinator-02-youth-closed");
    expect(kim.errors).toEqual([]);
  });

  it("invites a volunteer who sets a password through the link and lands in the console", async () => {
    const ilse = await coordinator("ilse@leiden.demo");
    await ilse.page.getByRole("button", { name: "Medewerkers" }).click();
    await ilse.page.getByRole("button", { name: "Iemand uitnodigen" }).click();
    await ilse.page.getByLabel("E-mailadres").fill("fien@leiden.test");
    await ilse.page.getByLabel("Voornaam (jongeren zien deze naam)").fill("Fien");
    await ilse.page.getByRole("checkbox", { name: "Eetstoornissen" }).check();
    await ilse.page.getByRole("button", { name: "Uitnodiging maken" }).click();
    const link = await ilse.page.getByLabel("Uitnodigingslink").inputValue();
    expect(link).toMatch(/\/console\/invite#[A-Za-z0-9_-]{40,}$/);
    await ilse.page.getByRole("row", { name: /Fien/ }).getByText("uitgenodigd").waitFor();
    await shot(ilse.page, "coordinator-03-staff");

    const fien = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
    await fien.page.goto(link);
    await fien.page.getByText("Je bent uitgenodigd als vrijwilliger (fien@leiden.test).").waitFor();
    expect(fien.page.url()).not.toContain("#");
    await fien.page.getByLabel("Wachtwoord", { exact: true }).fill("een-lang-wachtwoord");
    await fien.page.getByLabel("Wachtwoord nog een keer").fill("een-lang-wachtwoord");
    await fien.page.getByRole("button", { name: "Wachtwoord instellen en inloggen" }).click();
    await fien.page.getByRole("heading", { name: "Wachtrij" }).waitFor();
    expect([...ilse.errors, ...fien.errors]).toEqual([]);
  });

  it("shows the roster week with a warning for open hours without a professional, and adds a shift", async () => {
    const ilse = await coordinator("ilse@leiden.demo");
    await ilse.page.getByRole("button", { name: "Rooster" }).click();
    await ilse.page.getByText("Open zonder professional op het rooster.", { exact: false }).waitFor();
    await ilse.page.getByLabel("Wie").selectOption({ label: "Eva (professional)" });
    await ilse.page.getByLabel("Begin", { exact: true }).fill("13:00");
    await ilse.page.getByLabel("Einde (eerder dan begin = volgende dag)").fill("17:30");
    await ilse.page.getByRole("button", { name: "Dienst toevoegen" }).click();
    await expect.poll(() => ilse.page.getByText("13:00–17:30").count()).toBeGreaterThan(0);
    await shot(ilse.page, "coordinator-04-roster");
    expect(ilse.errors).toEqual([]);
  });
});
