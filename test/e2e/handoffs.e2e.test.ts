import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, ok, openStaff } from "../helpers/clients";
import { resetState } from "../helpers/servers";
import { LAPTOP, newPage, PHONE, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

/** Issue 13 in Chromium: the moments a youth passes between people. */
const e2e = useBrowserAndServer();
const contexts: BrowserContext[] = [];
const sockets: ClientSocket[] = [];
afterEach(async () => {
  for (const c of contexts.splice(0)) await c.close();
  for (const s of sockets.splice(0)) s.disconnect();
  await resetState(e2e.server);
});

async function consoleAs(email: string, heading = "Wachtrij"): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext(LAPTOP);
  contexts.push(context);
  const opened = await newPage(context);
  await opened.page.goto(`${e2e.server.url}/console`);
  await logInConsole(opened.page, email);
  await opened.page.getByRole("heading", { name: heading, exact: true }).waitFor();
  return opened;
}

/** Eva's console, on duty. */
async function evaOnDuty(): Promise<{ page: Page; errors: string[] }> {
  const eva = await consoleAs("eva@inloop.demo", "Dienst");
  await eva.page.getByRole("checkbox", { name: "Ik ben van dienst" }).check();
  await eva.page.getByText("Geen open meldingen.").waitFor();
  return eva;
}

async function youthPage(nickname: string): Promise<{ page: Page; errors: string[] }> {
  const context = await e2e.browser.newContext(PHONE);
  contexts.push(context);
  const opened = await newPage(context);
  await opened.page.goto(e2e.server.url);
  await opened.page.getByLabel("Hoe mogen we je noemen?").fill(nickname);
  await opened.page.getByLabel("Hoe oud ben je?").selectOption("16-18");
  await opened.page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
  await opened.page.getByRole("button", { name: "Start de chat" }).click();
  await opened.page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
  return opened;
}

async function youthSays(page: Page, text: string): Promise<void> {
  const box = page.getByLabel("Jouw bericht");
  await box.fill(text);
  await box.press("Enter");
}

/** Sam over a bare socket: available, and takes the next youth. */
async function samTakes(): Promise<{ sam: ClientSocket; conversationId: string }> {
  const sam = (await openStaff(e2e.server.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
  sockets.push(sam);
  await ok(sam, "presence:set", { status: "available", capacity: 3 });
  const taken = await ok(sam, "queue:take");
  return { sam, conversationId: taken.id };
}

/** Eva reads along with Mo's chat from the live list, joins and takes it over. */
async function takeOver(eva: Page, nickname: string): Promise<void> {
  await eva.getByRole("listitem").filter({ hasText: nickname }).getByRole("button", { name: "Meelezen" }).click();
  await eva.getByRole("heading", { name: `Meelezen: ${nickname}` }).waitFor();
  await eva.getByRole("button", { name: "Meedoen in het gesprek" }).click();
  await eva.getByRole("button", { name: "Gesprek overnemen" }).click();
  await eva.getByRole("heading", { name: nickname, exact: true }).waitFor();
}

describe("hand-offs between volunteer and professional", () => {
  it("take-over: the youth writes, the professional sees it (badge, title), ends the chat and files the wrap-up", async () => {
    const eva = await evaOnDuty();
    const mo = await youthPage("Mo");
    await samTakes();
    const noor = await youthPage("Noor");
    await samTakes();
    await mo.page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
    await eva.page.getByRole("button", { name: "Meelezen" }).first().waitFor();

    await takeOver(eva.page, "Mo");
    await mo.page.getByRole("heading", { name: "Je chat met Eva (professional)" }).waitFor();
    // Every control a volunteer has, and "hand back".
    for (const name of ["Escaleren", "Overdragen", "Blokkeren", "Beëindigen", "Teruggeven aan de vrijwilliger"])
      await eva.page.getByRole("button", { name, exact: true }).waitFor();
    await eva.page.getByLabel("Interne notitie (nooit zichtbaar voor de jongere)").waitFor();
    await eva.page.getByText("Eva (professional) heeft het gesprek overgenomen.").waitFor();

    // She reads along with Noor's chat meanwhile: Mo's chat is not on screen.
    await eva.page.getByRole("listitem").filter({ hasText: "Noor" }).getByRole("button", { name: "Meelezen" }).click();
    await eva.page.getByRole("heading", { name: "Meelezen: Noor" }).waitFor();
    await youthSays(mo.page, "hallo? ben je er nog?");
    const moTab = eva.page.getByRole("tab", { name: /Mo/ });
    await moTab.getByText("1").waitFor();
    await expect.poll(() => eva.page.title()).toBe("(1) nieuw — Inloop");
    await shot(eva.page, "handoffs-01-badge");

    await moTab.click();
    await eva.page.getByRole("log").getByText("hallo? ben je er nog?").waitFor();
    await expect.poll(() => eva.page.title()).not.toContain("nieuw");
    await mo.page.getByText("afgeleverd").last().waitFor();

    await eva.page.getByRole("button", { name: "Beëindigen", exact: true }).click();
    await eva.page.getByRole("dialog").getByRole("button", { name: "Beëindigen" }).click();
    await mo.page.getByRole("heading", { name: "De chat is afgelopen" }).waitFor();
    await eva.page.getByRole("heading", { name: "Afronding" }).waitFor();
    await eva.page.getByText("Hoe het eindigde: Het gesprek is beëindigd door de professional.").waitFor();
    await eva.page.getByRole("radio", { name: "Geen" }).first().check();
    await eva.page.getByRole("radio", { name: "4" }).check();
    await eva.page.getByRole("radio", { name: "Zorgen", exact: true }).check();
    await shot(eva.page, "handoffs-02-wrapup");
    await eva.page.getByRole("button", { name: "Opslaan" }).click();
    await eva.page.getByRole("heading", { name: "Afronding" }).waitFor({ state: "detached" });
    expect((await e2e.server.store.listWrapUps(0)).filter((w) => w.staffId === "st_eva")).toHaveLength(1);
    expect([...eva.errors, ...mo.errors, ...noor.errors]).toEqual([]);
  });

  it("keeps a taken-over chat through a console reload, without offering to take it over again", async () => {
    const eva = await evaOnDuty();
    const mo = await youthPage("Mo");
    await samTakes();
    await youthSays(mo.page, "ik wil even praten");
    await eva.page.getByRole("button", { name: "Meelezen" }).first().waitFor();
    await takeOver(eva.page, "Mo");

    await eva.page.reload();
    await eva.page.getByRole("heading", { name: "Mo", exact: true }).waitFor();
    await eva.page.getByRole("log").getByText("ik wil even praten").waitFor();
    await eva.page.getByText("Eva (professional) heeft het gesprek overgenomen.").waitFor();
    await eva.page.getByRole("button", { name: "Teruggeven aan de vrijwilliger" }).waitFor();
    expect(await eva.page.getByRole("button", { name: "Gesprek overnemen" }).count()).toBe(0);
    await youthSays(mo.page, "ben je er nog?");
    await eva.page.getByRole("log").getByText("ben je er nog?").waitFor();
    const box = eva.page.getByLabel("Typ een bericht, of / voor standaardteksten");
    await box.fill("Ja, ik ben er.");
    await box.press("Enter");
    await mo.page.getByRole("log").getByText("Ja, ik ben er.").waitFor();
    await shot(eva.page, "handoffs-03-after-reload");
    expect([...eva.errors, ...mo.errors]).toEqual([]);
  });

  it("a youth flagged while waiting alerts the professional at once, who takes them from the queue", async () => {
    const eva = await evaOnDuty();
    const mo = await youthPage("Mo");
    const sentAt = Date.now();
    await youthSays(mo.page, "ik wil niet meer leven, ik heb de pillen al klaarliggen");
    const item = eva.page.getByRole("listitem").filter({ hasText: "risicosignaal" });
    await item.waitFor();
    console.log(`waiting youth's message → professional's inbox: ${Date.now() - sentAt} ms (browser to browser)`);
    // Who and what: nickname, age band, where they are, the signal in words, never a raw id.
    await item.getByText("Mo · 16 – 18 — wacht in de rij").waitFor();
    await item.getByText(/Signalen: /).waitFor();
    const text = await item.innerText();
    // A plan with means is acute: a crisis, and the signals in words.
    expect(text).toContain("Crisis");
    expect(text).toContain("heeft een plan");
    expect(text).toContain("Leiden");
    expect(text).not.toMatch(/suicid|overdose|self-harm/);
    await expect.poll(() => eva.page.title()).toContain("open melding");
    await shot(eva.page, "handoffs-04-flagged-waiting");

    await item.getByRole("button", { name: "Zelf aannemen" }).click();
    await mo.page.getByRole("heading", { name: "Je chat met Eva (professional)" }).waitFor();
    await eva.page.getByRole("heading", { name: "Mo", exact: true }).waitFor();
    await eva.page.getByRole("log").getByText("ik wil niet meer leven").waitFor();
    await eva.page.getByRole("button", { name: "Beëindigen", exact: true }).waitFor();
    // Nobody to hand back to: she took the youth from the queue herself.
    expect(await eva.page.getByRole("button", { name: "Teruggeven aan de vrijwilliger" }).count()).toBe(0);
    const escalations = await e2e.server.store.listEscalations();
    expect(escalations.map((e) => [e.status, e.claimedBy])).toEqual([["claimed", "st_eva"]]);
    expect([...eva.errors, ...mo.errors]).toEqual([]);
  });

  it("two escalate clicks make one escalation: the banner shows its real state and raises it", async () => {
    const eva = await evaOnDuty();
    const sam = await consoleAs("sam@leiden.demo");
    await sam.page.getByRole("radio", { name: "Beschikbaar" }).check();
    const mo = await youthPage("Mo");
    await sam.page.getByRole("button", { name: "Neem volgende" }).click();
    await sam.page.getByRole("heading", { name: "Mo", exact: true }).waitFor();
    await sam.page.getByRole("button", { name: "Escaleren" }).click();
    await sam.page.getByRole("button", { name: "Escaleer" }).click();
    await sam.page.getByText("Eva (professional) is gewaarschuwd").waitFor();
    // A second escalation would double it: the button now raises the level instead.
    expect(await sam.page.getByRole("button", { name: "Escaleren" }).count()).toBe(0);
    await youthSays(mo.page, "ik wil dood");
    await sam.page.getByText("Risicosignaal: de professional is al gewaarschuwd.").waitFor();
    expect(await sam.page.getByRole("button", { name: "Escaleer (dringend)" }).count()).toBe(0);
    await sam.page.getByRole("button", { name: "Niveau verhogen" }).click();
    await sam.page
      .getByRole("dialog")
      .getByRole("radio", { name: /Crisis/ })
      .check();
    await sam.page.getByRole("button", { name: "Escaleer" }).click();
    await sam.page.getByText(/^Crisis: Eva \(professional\) is gewaarschuwd/).waitFor();
    await shot(sam.page, "handoffs-05-one-escalation");
    const open = await e2e.server.store.listEscalations();
    expect(open.map((e) => e.level)).toEqual(["crisis"]);

    await eva.page.getByRole("button", { name: "Oppakken" }).click();
    await sam.page.getByText("Eva (professional) heeft het opgepakt en kijkt mee.").waitFor();
    expect([...eva.errors, ...sam.errors, ...mo.errors]).toEqual([]);
  });

  it("quick exit and a closed tab show as lines on the volunteer's screen instead of the chat vanishing", async () => {
    const sam = await consoleAs("sam@leiden.demo");
    await sam.page.getByRole("radio", { name: "Beschikbaar" }).check();
    await sam.page.getByLabel("Chats tegelijk").selectOption("3");
    const mo = await youthPage("Mo");
    await sam.page.getByRole("button", { name: "Neem volgende" }).click();
    await sam.page.getByRole("heading", { name: "Mo", exact: true }).waitFor();
    await mo.page.getByRole("button", { name: "Snel weg" }).click();
    await sam.page.getByText("De jongere is weggegaan via Snel weg.").first().waitFor();
    await sam.page.getByRole("status").getByText("Dit gesprek is afgelopen.").waitFor();
    await shot(sam.page, "handoffs-06-quick-exit");

    const noor = await youthPage("Noor");
    await sam.page.getByRole("button", { name: "Neem volgende" }).click();
    await sam.page.getByRole("heading", { name: "Noor", exact: true }).waitFor();
    await noor.page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
    await noor.page.close();
    await sam.page.getByText("De jongere heeft de pagina gesloten of de verbinding is weg.").waitFor();
    await shot(sam.page, "handoffs-07-closed-tab");
    expect(sam.errors).toEqual([]);
  });
});
