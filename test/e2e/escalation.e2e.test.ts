import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_DIST } from "../../scripts/clientBuild";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { createRiskScorer, DEFAULT_LISTS, DEFAULT_UNITS, loadDefaultRiskScorer } from "../../server/domain/risk/riskScorer";
import { type ClientSocket, ok, openStaff } from "../helpers/clients";
import { startTestServer } from "../helpers/servers";
import { LAPTOP, launchBrowser, newPage, PHONE, shot } from "./browser";
import { logInConsole } from "./staffLogin";

let browser: Browser;
let server: RunningServer;
let sam: ClientSocket;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer({}, { clientDir: CLIENT_DIST });
  sam = (await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
  await ok(sam, "presence:set", { status: "available" });
});
afterAll(async () => {
  sam?.disconnect();
  await server?.close();
  await browser?.close();
});

/** Eva logged in, on duty, with no open alerts. */
async function professionalOnDuty() {
  const pro = await newPage(await browser.newContext(LAPTOP));
  await pro.page.goto(`${server.url}/console`);
  await logInConsole(pro.page, "eva@inloop.demo");
  await pro.page.getByRole("checkbox", { name: "Ik ben van dienst" }).check();
  await pro.page.getByText("Geen open meldingen.").waitFor();
  return pro;
}

/** A youth on a phone in Leiden's queue, taken by Sam. */
async function youthInChatWithSam() {
  const youth = await newPage(await browser.newContext(PHONE));
  await youth.page.goto(server.url);
  await youth.page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
  await youth.page.getByRole("button", { name: "Start de chat" }).click();
  await youth.page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
  const taken = await ok(sam, "queue:take");
  await youth.page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
  return { youth, taken };
}

describe("a youth in danger reaches the professional", () => {
  it("high-risk message → inbox → professional joins → youth sees it → resolved", async () => {
    const pro = await professionalOnDuty();

    const { youth, taken } = await youthInChatWithSam();

    const sentAt = Date.now();
    const box = youth.page.getByLabel("Jouw bericht");
    await box.fill("ik wil niet meer leven, ik heb de pillen al klaarliggen");
    await box.press("Enter");
    await pro.page.getByText("risicosignaal").waitFor();
    const alertMs = Date.now() - sentAt;
    await shot(pro.page, "pro-01-inbox");

    await pro.page.getByRole("button", { name: "Oppakken" }).click();
    await pro.page.getByRole("heading", { name: "Meelezen: Anoniem" }).waitFor();
    await pro.page.getByRole("log").getByText("ik wil niet meer leven").waitFor();
    await pro.page.getByRole("button", { name: "Meedoen in het gesprek" }).click();
    await youth.page.getByText("Er doet een professional mee aan dit gesprek.").waitFor();
    const proBox = pro.page.getByLabel("Bericht aan de jongere");
    await proBox.fill("Hoi, ik ben Eva, psycholoog. Ik ben er nu ook. Wil je vertellen waar je bent?");
    await proBox.press("Enter");
    await youth.page.getByText("Eva (professional)").first().waitFor();
    await shot(youth.page, "youth-11-professional-joined");
    await shot(pro.page, "pro-02-joined");

    await pro.page.getByLabel("Uitkomst").fill("Samen 113 gebeld, jongere is veilig thuis");
    await pro.page.getByRole("radio", { name: "113" }).check();
    await pro.page.getByRole("button", { name: "Afsluiten" }).click();
    await pro.page.getByText("Geen open meldingen.").waitFor();
    const resolved = (await server.store.listEvents(0)).filter((e) => e.conversationId === taken.id && e.type === "escalation.resolved");
    expect(resolved).toHaveLength(1);
    console.log(`youth send → professional's inbox shows it: ${alertMs} ms (browser to browser)`);
    expect([...pro.errors, ...youth.errors]).toEqual([]);
  });

  it("a farewell in words no list holds reaches the professional, marked as the second reader's", async () => {
    // A message from tuning set A: the lists pass it, the second reader reads it as danger.
    const farewell = "tis goed zo. bedankt voor het proberen. sorry dat het niet gelukt is met mij";
    expect(createRiskScorer(DEFAULT_LISTS, DEFAULT_UNITS)(farewell).level).toBe("none");
    expect(loadDefaultRiskScorer()(farewell)).toMatchObject({ level: "high", signals: ["reader"] });

    const pro = await professionalOnDuty();

    const { youth } = await youthInChatWithSam();
    const box = youth.page.getByLabel("Jouw bericht");
    await box.fill(farewell);
    await box.press("Enter");
    await pro.page.getByText("leest als gevaar (geen vaste zin herkend)").waitFor();
    await shot(pro.page, "pro-03-reader-alert");
    expect([...pro.errors, ...youth.errors]).toEqual([]);
  });
});
