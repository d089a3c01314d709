import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { ok, openStaff, request } from "../helpers/clients";
import { LAPTOP, newPage, PHONE, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

const e2e = useBrowserAndServer();

/** Everything the page keeps in the browser: a return code must never be in it. */
async function browserStorage(page: Page): Promise<string> {
  return page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage } }));
}

async function startPage(): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext(PHONE);
  const opened = await newPage(context);
  await opened.page.goto(e2e.server.url);
  await opened.page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
  return opened;
}

describe("a return code on a phone", () => {
  it("is taken after a chat, brings the youth back to Sam first with the note, and can be forgotten", async () => {
    // The first chat: Sam (from a socket) takes the youth, keeps a note and ends.
    const samSocket = (await openStaff(e2e.server.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
    await ok(samSocket, "presence:set", { status: "available", capacity: 2 });
    const first = await startPage();
    await first.page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
    await first.page.getByRole("button", { name: "Start de chat" }).click();
    await first.page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
    const taken = await ok(samSocket, "queue:take");
    await ok(samSocket, "note:set", { conversationId: taken.id, note: "Ruzie thuis; wil over school en vrienden praten" });
    await first.page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
    await ok(samSocket, "conversation:end", { conversationId: taken.id });

    await first.page.getByRole("heading", { name: "De chat is afgelopen" }).waitFor();
    await first.page.getByRole("heading", { name: "Nog eens met Sam praten?" }).waitFor();
    await shot(first.page, "return-01-offer");
    await first.page.getByRole("button", { name: "Geef me een terugkomcode" }).click();
    const shown = first.page.locator(".return-code-value");
    await shown.waitFor();
    const code = (await shown.textContent())!.trim();
    expect(code).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+ \d{2}$/);
    // Read out first: focus moves to the code's heading.
    expect(await first.page.evaluate(() => document.activeElement?.textContent)).toBe("Jouw terugkomcode");
    expect(await browserStorage(first.page)).not.toContain(code.split(" ")[0]!);
    await shot(first.page, "return-02-code");
    await first.page.getByRole("button", { name: "Overslaan" }).click();
    await first.page.getByRole("heading", { name: "Dank je wel" }).waitFor();
    samSocket.disconnect();

    // Days later, on another device: Sam is on shift in the console, Lotte too.
    const sam = await newPage(await e2e.browser.newContext(LAPTOP));
    await sam.page.goto(`${e2e.server.url}/console`);
    await logInConsole(sam.page, "sam@leiden.demo");
    await sam.page.getByRole("radio", { name: "Beschikbaar" }).check();
    const lotte = (await openStaff(e2e.server.url, "lotte@leiden.demo", DEMO_PASSWORD)).socket;
    await ok(lotte, "presence:set", { status: "available", capacity: 2 });

    const back = await startPage();
    await back.page.getByText("Ik heb een terugkomcode").click();
    await back.page.getByLabel("Terugkomcode", { exact: true }).fill(code.toUpperCase());
    await back.page.getByRole("button", { name: "Controleer code" }).click();
    await back.page.getByText("Sam is er vandaag. We vragen eerst Sam.").waitFor();
    await back.page.getByRole("radio", { name: "Ja, dat mag" }).check();
    await shot(back.page, "return-03-entered");
    await back.page.getByRole("button", { name: "Start de chat" }).click();
    await back.page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
    await back.page.getByText("We vragen eerst Sam.").waitFor();
    await shot(back.page, "return-04-waiting");

    // Lotte is free, but the youth is Sam's first.
    expect(await request(lotte, "queue:take")).toMatchObject({ ok: false, code: "QUEUE_EMPTY" });
    await sam.page.getByText("Een jongere die bij jou terugkomt, wacht.", { exact: false }).waitFor();
    await shot(sam.page, "return-05a-console-offer");
    await sam.page.getByRole("button", { name: "Neem volgende" }).click();
    await sam.page.getByText("Deze jongere komt bij je terug (terugkomcode).").waitFor();
    await sam.page.getByText("Ruzie thuis; wil over school en vrienden praten").waitFor();
    await shot(sam.page, "return-05-console");
    await back.page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
    lotte.disconnect();

    // On a third visit the youth forgets the code in one tap; then it is gone.
    const forget = await startPage();
    await forget.page.getByText("Ik heb een terugkomcode").click();
    await forget.page.getByLabel("Terugkomcode", { exact: true }).fill(code);
    await forget.page.getByRole("button", { name: "Controleer code" }).click();
    await forget.page.getByRole("button", { name: "Vergeet deze code" }).click();
    await forget.page.getByText("De code is vergeten.").waitFor();
    await forget.page.getByLabel("Terugkomcode", { exact: true }).fill(code);
    await forget.page.getByRole("button", { name: "Controleer code" }).click();
    await forget.page.getByText("Deze code kennen we niet (meer).").waitFor();
    await shot(forget.page, "return-06-forgotten");

    for (const opened of [first, back, forget, sam]) expect(opened.errors).toEqual([]);
  });
});
