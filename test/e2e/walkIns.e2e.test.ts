import { describe, expect, it } from "vitest";
import { LAPTOP, newPage, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

const e2e = useBrowserAndServer();

describe("walk-in talks (issue 17)", () => {
  it("a professional registers a walk-in; the coordinator's figures count it with its minutes and topic", async () => {
    const eva = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
    await eva.page.goto(`${e2e.server.url}/console`);
    await logInConsole(eva.page, "eva@inloop.demo");
    await eva.page.getByRole("button", { name: "Walk-in registreren" }).click();
    const form = eva.page.getByRole("region", { name: "Inloopgesprek registreren" });
    await form.getByLabel("Hoe lang duurde het (minuten)?").fill("35");
    await form.getByRole("checkbox", { name: "Eenzaamheid" }).check();
    await form.getByRole("radio", { name: "Geen" }).check();
    await form.getByRole("radio", { name: "4" }).check();
    // She does not ask herself for a debrief.
    expect(await form.getByRole("checkbox", { name: /napraten|nabespreking/i }).count()).toBe(0);
    await shot(eva.page, "walk-in-01-professional");
    await form.getByRole("button", { name: "Opslaan" }).click();
    await form.waitFor({ state: "detached" });
    expect(eva.errors).toEqual([]);

    const kim = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
    await kim.page.goto(`${e2e.server.url}/console`);
    await logInConsole(kim.page, "kim@inloop.demo");
    const kpi = kim.page.locator(".figures-kpi", { hasText: "Inloopgesprekken (walk-ins)" });
    await kpi.locator("strong", { hasText: /^1$/ }).waitFor();
    expect(await kpi.innerText()).toContain("35 minuten samen");
    const topics = kim.page.getByRole("region", { name: "Onderwerpen van inloopgesprekken" });
    expect(await topics.getByRole("listitem").allInnerTexts()).toEqual([expect.stringMatching(/^Eenzaamheid\s+1$/)]);
    await shot(kim.page, "walk-in-02-figures");
    expect(kim.errors).toEqual([]);
    await eva.page.context().close();
    await kim.page.context().close();
  });
});
