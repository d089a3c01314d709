import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { knownSecondFactor } from "../helpers/clients";
import { LAPTOP, newPage, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { completeSecondStepInPage, logInConsole } from "./staffLogin";

const e2e = useBrowserAndServer();

async function consolePage(): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(await e2e.browser.newContext({ ...LAPTOP, locale: "nl-NL" }));
  await opened.page.goto(`${e2e.server.url}/console`);
  return opened;
}

async function logOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Uitloggen" }).click();
  await page.getByLabel("Wachtwoord").waitFor();
}

describe("accountable access: two-step login", () => {
  it("enrols an authenticator app, logs in with a code and with a recovery code, and a coordinator resets it", async () => {
    const eva = await consolePage();
    // First login: the QR code and the key to type, a first code, ten recovery codes.
    await eva.page.getByLabel("E-mailadres").fill("eva@inloop.demo");
    await eva.page.getByLabel("Wachtwoord").fill("inloop-demo");
    await eva.page.getByRole("button", { name: "Inloggen" }).click();
    await eva.page.getByRole("img", { name: "QR-code om Inloop aan je authenticator-app toe te voegen" }).waitFor();
    await shot(eva.page, "access-01-enrol");
    expect(await eva.page.getByRole("img", { name: /QR-code/ }).evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(
      0,
    );
    await eva.page.goto(`${e2e.server.url}/console`); // a reload half-way keeps the same key
    expect(await completeSecondStepInPage(eva.page, "eva@inloop.demo")).toBe("enrol");
    expect(knownSecondFactor("eva@inloop.demo")!.recoveryCodes).toHaveLength(10);
    await logOut(eva.page);

    // Second login: a code from the app.
    expect(await logInConsole(eva.page, "eva@inloop.demo")).toBe("code");
    await logOut(eva.page);

    // Third: the phone is lost, a recovery code.
    await eva.page.getByLabel("E-mailadres").fill("eva@inloop.demo");
    await eva.page.getByLabel("Wachtwoord").fill("inloop-demo");
    await eva.page.getByRole("button", { name: "Inloggen" }).click();
    await eva.page.getByRole("heading", { name: "Tweede stap" }).waitFor();
    await shot(eva.page, "access-02-code");
    await eva.page.getByRole("button", { name: "Telefoon kwijt? Gebruik een herstelcode" }).click();
    await eva.page.getByLabel("Herstelcode").fill("aaaaa-bbbbb");
    await eva.page.getByRole("button", { name: "Bevestigen" }).click();
    await eva.page.getByText("Die code klopt niet.").waitFor();
    await eva.page.getByLabel("Herstelcode").fill(knownSecondFactor("eva@inloop.demo")!.recoveryCodes.shift()!);
    await eva.page.getByRole("button", { name: "Bevestigen" }).click();
    await eva.page.getByRole("button", { name: "Uitloggen" }).waitFor();

    // Ilse (coordinator of Leiden) resets Eva's second factor: Eva's console is logged out at once.
    const ilse = await consolePage();
    await logInConsole(ilse.page, "ilse@leiden.demo");
    await ilse.page.getByRole("button", { name: "Medewerkers" }).click();
    const row = ilse.page.getByRole("row", { name: /Eva/ });
    await row.getByText("tweede stap ingesteld").waitFor();
    await row.getByRole("button", { name: "Tweede stap terugzetten: Eva" }).click();
    await ilse.page.getByLabel("Reden").selectOption("lost-device");
    await shot(ilse.page, "access-03-reset");
    await ilse.page.getByRole("button", { name: "Terugzetten", exact: true }).click();
    await row.getByText("nog geen tweede stap").waitFor();
    // Her session is gone: a reload of her console shows the login.
    await eva.page.reload();
    await eva.page.getByLabel("Wachtwoord").waitFor();
    // Her next login asks her to enrol again.
    await eva.page.getByLabel("E-mailadres").fill("eva@inloop.demo");
    await eva.page.getByLabel("Wachtwoord").fill("inloop-demo");
    await eva.page.getByRole("button", { name: "Inloggen" }).click();
    await eva.page.getByRole("heading", { name: "Stel tweestapsverificatie in" }).waitFor();
    // The wrong recovery code is answered 401, which Chromium logs; so, at times, is a request of
    // her console made after the reset ended her session and before the reload (a timing of the
    // machine's speed: CI at 569f46a logged two). A 401 is all that may be logged, once or twice.
    const unauthorized = "Failed to load resource: the server responded with a status of 401 (Unauthorized)";
    expect(eva.errors.filter((e) => e !== unauthorized)).toEqual([]);
    expect(eva.errors.length).toBeGreaterThanOrEqual(1);
    expect(eva.errors.length).toBeLessThanOrEqual(2);
    expect(ilse.errors).toEqual([]);
  });
});
