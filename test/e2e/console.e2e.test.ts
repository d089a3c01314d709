import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_DIST } from "../../scripts/clientBuild";
import type { RunningServer } from "../../server/app/startServer";
import { startTestServer } from "../helpers/servers";
import { LAPTOP, launchBrowser, newPage, PHONE, shot } from "./browser";
import { logInConsole } from "./staffLogin";

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ BLOCK_HOURS: "1" }, { clientDir: CLIENT_DIST });
});
afterAll(async () => {
  await server?.close();
  await browser?.close();
});

async function consoleAs(email: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext(LAPTOP);
  const opened = await newPage(context);
  await opened.page.goto(`${server.url}/console`);
  await logInConsole(opened.page, email);
  await opened.page.getByRole("heading", { name: "Wachtrij" }).waitFor();
  return opened;
}

async function youthPage(nickname: string): Promise<Page> {
  const context = await browser.newContext(PHONE);
  const { page } = await newPage(context);
  await page.goto(server.url);
  await page.getByLabel("Hoe mogen we je noemen?").fill(nickname);
  await page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
  await page.getByRole("button", { name: "Start de chat" }).click();
  await page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
  return page;
}

describe("the volunteer console", () => {
  it("takes a youth, uses a snippet, transfers, and the colleague ends and files the wrap-up", async () => {
    const sam = await consoleAs("sam@leiden.demo");
    await shot(sam.page, "console-01-logged-in");
    await sam.page.getByRole("radio", { name: "Beschikbaar" }).check();
    const youth = await youthPage("Mo");
    await sam.page.getByText("1 wachtend").first().waitFor();
    await sam.page.getByRole("button", { name: "Neem volgende" }).click();
    await sam.page.getByRole("heading", { name: "Mo" }).waitFor();
    await youth.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();

    // A canned response: "/" and a few letters, Enter to insert, Enter to send.
    const box = sam.page.getByLabel("Typ een bericht, of / voor standaardteksten");
    await box.fill("/welk");
    await sam.page.getByRole("listbox", { name: "Standaardteksten" }).waitFor();
    await box.press("Enter");
    expect(await box.inputValue()).toContain("Hoi, fijn dat je er bent!");
    await box.press("Enter");
    await youth.getByRole("log").getByText("Hoi, fijn dat je er bent! Ik ben vrijwilliger bij Inloop.").waitFor();

    const youthBox = youth.getByLabel("Jouw bericht");
    await youthBox.fill("Ik wil het over school hebben");
    await youthBox.press("Enter");
    await sam.page.getByText("Ik wil het over school hebben").waitFor();
    await sam.page.getByLabel("Interne notitie (nooit zichtbaar voor de jongere)").fill("school, weinig vrienden");
    await box.click(); // blur saves the note
    await sam.page.getByText("Opgeslagen").waitFor();
    await shot(sam.page, "console-02-chat");

    // Transfer to Lotte, with a handover note.
    const lotte = await consoleAs("lotte@leiden.demo");
    await lotte.page.getByRole("radio", { name: "Beschikbaar" }).check();
    await sam.page.getByRole("button", { name: "Overdragen" }).click();
    await sam.page.getByRole("radio", { name: /Lotte/ }).check();
    await sam.page.getByLabel("Overdrachtsnotitie (alleen voor de collega)").fill("Wil over school praten");
    await shot(sam.page, "console-03-transfer");
    await sam.page.getByRole("button", { name: "Draag over" }).click();
    await sam.page.getByText("Geen open chats.").waitFor();
    await youth.getByRole("heading", { name: "Je chat met Lotte (vrijwilliger)" }).waitFor();
    await lotte.page.getByText("Overdrachtsnotitie: Wil over school praten").waitFor();
    await lotte.page.getByText("Ik wil het over school hebben").waitFor();
    await lotte.page.getByText("Hoi, fijn dat je er bent!").waitFor();

    // Lotte ends; the wrap-up opens and is filed with the keyboard alone.
    await lotte.page.getByRole("button", { name: "Beëindigen" }).click();
    await lotte.page.getByRole("dialog").getByRole("button", { name: "Beëindigen" }).click();
    await youth.getByRole("heading", { name: "De chat is afgelopen" }).waitFor();
    await lotte.page.getByRole("heading", { name: "Afronding" }).waitFor();
    const keys = await fillWrapUpWithKeyboard(lotte.page);
    await lotte.page.getByRole("heading", { name: "Afronding" }).waitFor({ state: "detached" });
    const wrapUp = (await server.store.listWrapUps(0)).find((w) => w.staffId === "st_lotte");
    expect(wrapUp).toMatchObject({
      kind: "chat",
      topics: ["school-work"],
      referral: "none",
      rating: 4,
      transfers: 1,
      riskJudgement: "none",
    });
    console.log(`wrap-up with the keyboard: ${keys} keystrokes`);
    await shot(lotte.page, "console-04-after-wrapup");
    expect([...sam.errors, ...lotte.errors]).toEqual([]);
    await sam.page.context().close();
    await youth.context().close();

    // A second youth is abusive: Lotte blocks, and they cannot start again.
    const rude = await youthPage("Rude");
    await lotte.page.getByRole("button", { name: "Neem volgende" }).click();
    await lotte.page.getByRole("heading", { name: "Rude" }).waitFor();
    // Nobody is on duty: an escalation shows the crisis protocol at once, and stays open.
    await lotte.page.getByRole("button", { name: "Escaleren" }).click();
    await lotte.page.getByRole("radio", { name: /Crisis/ }).check();
    await lotte.page.getByRole("button", { name: "Escaleer" }).click();
    await lotte.page.getByRole("heading", { name: "Crisisprotocol" }).waitFor();
    await lotte.page.getByText("Nog geen professional bereikt.").waitFor();
    await shot(lotte.page, "console-05-crisis-protocol");
    expect((await server.store.listEscalations()).map((e) => [e.level, e.status])).toEqual([["crisis", "open"]]);
    await lotte.page.getByRole("button", { name: "Blokkeren" }).click();
    await shot(lotte.page, "console-06-block-confirm");
    await lotte.page.getByRole("button", { name: "Ja, beëindig en blokkeer" }).click();
    // The blocked page at once: no end page, no return code to the volunteer who blocked them.
    await rude.getByRole("heading", { name: "Je kunt nu even niet chatten" }).waitFor();
    expect(await rude.getByRole("button", { name: /terugkomcode/ }).count()).toBe(0);
    await shot(rude, "youth-10-blocked");
    // A fresh tab in the same browser is kept out; another browser on the same network is not.
    const sameBrowser = await rude.context().newPage();
    await sameBrowser.goto(server.url);
    await sameBrowser.getByRole("button", { name: "Start de chat" }).click();
    await sameBrowser.getByRole("heading", { name: "Je kunt nu even niet chatten" }).waitFor();
    const classmate = await (await browser.newContext(PHONE)).newPage();
    await classmate.goto(server.url);
    await classmate.getByRole("button", { name: "Start de chat" }).click();
    await classmate.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
    await classmate.context().close();
    await rude.context().close();
    await lotte.page.context().close();
  });
});

/** The wrap-up as a keyboard user does it; returns how many keys it took. */
async function fillWrapUpWithKeyboard(page: Page): Promise<number> {
  const presses: string[] = [];
  const press = async (key: string) => {
    presses.push(key);
    await page.keyboard.press(key);
  };
  // Focus starts on the first topic. Topic "school-work" is the 7th: 6 × Tab, Space.
  for (let i = 0; i < 6; i++) await press("Tab");
  await press("Space");
  // Next group (referral): Tab lands on it, Space picks "Geen".
  for (let i = 0; i < 6; i++) await press("Tab");
  await press("Space");
  // Rating: Tab into the group, three arrows from 1 to 4.
  await press("Tab");
  await press("ArrowRight");
  await press("ArrowRight");
  await press("ArrowRight");
  // Own risk judgement: Tab into the group, Space picks "Geen zorgen".
  await press("Tab");
  await press("Space");
  await press("Enter");
  return presses.length;
}
