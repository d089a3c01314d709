import type { Page } from "playwright-core";
import { totpCodeAt, totpStepAt } from "../../server/auth/totp";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { nextSecondFactorOf, rememberSecondFactor } from "../helpers/clients";

/**
 * Logs a staff member into the console through the page (in Dutch): e-mail and password, then,
 * when the server asks, the second step the way a person with their phone would: enrolling from
 * the key shown under the QR code the first time, a fresh code (or a recovery code) after that.
 * Every e2e test logs staff in through this, so a change to the login touches one file.
 */
export async function logInConsole(page: Page, email: string, password = DEMO_PASSWORD): Promise<"done" | "code" | "enrol"> {
  await page.getByLabel("E-mailadres").fill(email);
  await page.getByLabel("Wachtwoord").fill(password);
  await page.getByRole("button", { name: "Inloggen" }).click();
  return completeSecondStepInPage(page, email);
}

/** After the password: whichever comes, the console, a code or enrolling; answers which it was. */
export async function completeSecondStepInPage(page: Page, email: string): Promise<"done" | "code" | "enrol"> {
  const enrol = page.getByRole("heading", { name: "Stel tweestapsverificatie in" });
  const code = page.getByRole("heading", { name: "Tweede stap" });
  const done = page.getByRole("button", { name: "Uitloggen" });
  await enrol.or(code).or(done).first().waitFor();
  if (await done.isVisible()) return "done";
  if (await enrol.isVisible()) {
    const secretBox = page.getByTestId("totp-secret");
    await secretBox.filter({ hasText: /[A-Z2-7]{16,}/ }).waitFor();
    const secret = (await secretBox.textContent())!.trim();
    const now = Date.now();
    await page.getByLabel("Code uit je authenticator-app").fill(await totpCodeAt(secret, now));
    await page.getByRole("button", { name: "Bevestigen" }).click();
    const list = page.getByRole("list", { name: "Je herstelcodes" });
    await list.waitFor();
    const recoveryCodes = (await list.getByRole("listitem").allTextContents()).map((c) => c.trim());
    rememberSecondFactor(email, { secret, lastStep: totpStepAt(now), recoveryCodes });
    await page.getByRole("button", { name: "Ik heb ze bewaard" }).click();
    await done.waitFor();
    return "enrol";
  }
  const next = await nextSecondFactorOf(email);
  if ("recoveryCode" in next) {
    await page.getByRole("button", { name: "Telefoon kwijt? Gebruik een herstelcode" }).click();
    await page.getByLabel("Herstelcode").fill(next.recoveryCode);
  } else {
    await page.getByLabel("Code uit je authenticator-app").fill(next.code);
  }
  await page.getByRole("button", { name: "Bevestigen" }).click();
  await done.waitFor();
  return "code";
}
