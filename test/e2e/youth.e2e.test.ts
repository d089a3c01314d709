import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_DIST } from "../../scripts/clientBuild";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { buildLocation } from "../../server/domain/testFactories";
import { type ClientSocket, collect, nextEvent, ok, openStaff, request } from "../helpers/clients";
import { startTestServer } from "../helpers/servers";
import { launchBrowser, newPage, PHONE, shot } from "./browser";

const EXIT_URL = "https://weather.example/";
let browser: Browser;
let server: RunningServer;
let sam: ClientSocket;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startTestServer({ QUICK_EXIT_URL: EXIT_URL }, { clientDir: CLIENT_DIST });
  sam = (await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
  await ok(sam, "presence:set", { status: "available", capacity: 3 });
});
afterAll(async () => {
  sam?.disconnect();
  await server?.close();
  await browser?.close();
});

/** Drops the youth sockets from the server side, as a dead network would. */
async function cutYouthSockets(): Promise<void> {
  for (const socket of await server.io.fetchSockets()) {
    if ((socket.data as { actor?: { kind: string } }).actor?.kind === "youth") socket.disconnect(true);
  }
}

describe("the youth page on a phone", () => {
  it("starts a chat, survives a reload and a dead network, ends with feedback", async () => {
    const context = await browser.newContext(PHONE);
    const { page, errors } = await newPage(context);
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
    // The promise that a professional is on duty is on the first screen, before the youth starts.
    const promise = page.getByText("Er is altijd een professional");
    expect(await promise.isVisible()).toBe(true);
    expect((await promise.boundingBox())!.y).toBeLessThan(844);
    await shot(page, "youth-01-intro");

    await page.getByLabel("Hoe mogen we je noemen?").fill("Mo");
    await page.getByLabel("Hoe oud ben je?").selectOption("16-18");
    await page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
    await page.getByLabel("Waar wil je het over hebben?").selectOption("loneliness");
    await page.getByRole("button", { name: "Start de chat" }).click();
    await page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
    await page.getByText("Jij bent de volgende.").waitFor();
    await shot(page, "youth-02-waiting");

    const taken = await ok(sam, "queue:take");
    expect(taken).toMatchObject({ nickname: "Mo", ageBand: "16-18", topic: "loneliness" });
    await page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();

    const samReceived = collect(sam, "message:received");
    const box = page.getByLabel("Jouw bericht");
    await box.fill("Hoi, ik voel me best alleen de laatste tijd");
    await box.press("Enter");
    await expect.poll(() => samReceived.map((m) => m.text)).toEqual(["Hoi, ik voel me best alleen de laatste tijd"]);
    await ok(sam, "message:send", {
      conversationId: taken.id,
      id: crypto.randomUUID(),
      text: "Fijn dat je het zegt. Kijk ook eens op https://113.nl/ als je wilt.",
    });
    await page.getByRole("log").getByText("Fijn dat je het zegt.").waitFor();
    // A staff link is a question first, not a link.
    expect(await page.locator('a[href="https://113.nl/"]').count()).toBe(0);
    await page.getByRole("button", { name: "https://113.nl/" }).click();
    await page.getByRole("link", { name: "Open link" }).waitFor();
    await page.getByRole("button", { name: "Niet openen" }).click();
    await ok(sam, "delivery:confirm", { conversationId: taken.id, upToSeq: 1 });
    await page.getByText("afgeleverd").waitFor();
    await shot(page, "youth-03-chat");

    // A reload in the same tab brings the conversation back.
    await page.reload();
    await page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
    await page.getByText("Hoi, ik voel me best alleen").waitFor();
    await page.getByRole("log").getByText("Fijn dat je het zegt.").waitFor();
    await page.getByText("afgeleverd").waitFor();
    await shot(page, "youth-04-after-reload");

    // The network dies; a message typed meanwhile arrives once it is back, exactly once.
    await context.setOffline(true);
    await cutYouthSockets();
    await page.getByText("Geen verbinding.").waitFor();
    await box.fill("Ben je er nog?");
    await box.press("Enter");
    await page.getByText("wordt verstuurd…").waitFor();
    await shot(page, "youth-05-offline");
    await context.setOffline(false);
    await expect.poll(() => samReceived.filter((m) => m.text === "Ben je er nog?").length, { timeout: 15_000 }).toBe(1);
    await page.getByText("Geen verbinding.").waitFor({ state: "detached" });
    await new Promise((r) => setTimeout(r, 500));
    expect(samReceived.filter((m) => m.text === "Ben je er nog?")).toHaveLength(1);

    // Sam types; the youth sees it.
    await ok(sam, "typing:set", { conversationId: taken.id, typing: true });
    await page.getByText("Sam typt…").waitFor();

    await page.getByRole("button", { name: "Chat beëindigen" }).click();
    const ended = nextEvent(sam, "conversation:ended");
    await page.getByRole("button", { name: "Ja, beëindigen" }).click();
    expect((await ended).endedBy).toBe("youth");
    await page.getByRole("heading", { name: "De chat is afgelopen" }).waitFor();
    await page.getByRole("radio", { name: "4" }).check();
    await page.getByRole("radio", { name: "Misschien" }).check();
    await shot(page, "youth-06-feedback");
    await page.getByRole("button", { name: "Verstuur" }).click();
    await page.getByRole("heading", { name: "Dank je wel" }).waitFor();
    await page.locator('.lines a[href="tel:113"]').waitFor();
    await shot(page, "youth-07-goodbye");

    const feedback = (await server.store.listEvents(0)).filter((e) => e.type === "conversation.feedback" && e.conversationId === taken.id);
    expect(feedback.map((e) => e.data)).toEqual([{ helped: 4, wouldReturn: "maybe" }]);
    // Chromium logs a reconnect attempt that fell in the window the test took the network away
    // (how many do depends on the machine's speed); that one is the test's doing, nothing else is allowed.
    expect(errors.filter((e) => !/WebSocket connection to .* failed: .*net::ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
    await context.close();
  });

  it("speaks English when asked, and remembers it for the tab", async () => {
    const context = await browser.newContext(PHONE);
    const { page, errors } = await newPage(context);
    await page.goto(server.url);
    await page.getByRole("button", { name: "Switch to English" }).click();
    await page.getByRole("heading", { name: "Talk to someone, anonymously" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Talk to someone, anonymously" }).waitFor();
    await page.getByLabel("How old are you?").selectOption("under-12");
    await page.getByText("De Kindertelefoon is there for you").waitFor();
    await shot(page, "youth-08-english-under-12");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("quick exit leaves for the neutral site, wipes storage and leaves nothing to go back to", async () => {
    const context = await browser.newContext(PHONE);
    await context.route("https://weather.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>Het weer</h1>" }));
    const { page } = await newPage(context);
    await page.goto(server.url);
    await page.getByRole("button", { name: "Start de chat" }).click();
    await page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage))).toContain("inloop.token");

    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.waitForURL(EXIT_URL);
    await page.getByRole("heading", { name: "Het weer" }).waitFor();
    await page.goBack().catch(() => undefined);
    expect(page.url()).not.toContain(new URL(server.url).host);

    // Back on Inloop in the same tab: nothing of the earlier visit is left.
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
    expect(await page.evaluate(() => [...Object.keys(sessionStorage), ...Object.keys(localStorage)])).toEqual([]);
    await context.close();
  });
});

describe("when the chat is closed", () => {
  let closedServer: RunningServer;
  beforeAll(async () => {
    closedServer = await startTestServer({ DEMO: "false" }, { clientDir: CLIENT_DIST });
    const none = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    // Open only on the day after tomorrow, so it is closed whenever the test runs and opens within the week.
    const later = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", weekday: "short" })
      .format(Date.now() + 2 * 86_400_000)
      .toLowerCase() as keyof typeof none;
    await closedServer.store.putLocation(
      buildLocation({ id: "leiden", name: "Leiden", weeklyHours: { ...none, [later]: [{ start: "14:00", end: "17:00" }] } }),
    );
  });
  afterAll(async () => {
    await closedServer?.close();
  });

  it("shows when it opens and the three lines that are always open", async () => {
    const context = await browser.newContext(PHONE);
    const { page, errors } = await newPage(context);
    await page.goto(closedServer.url);
    await page.getByRole("heading", { name: "De chat is nu dicht" }).waitFor();
    await page.getByText("We zijn weer open").waitFor();
    for (const tel of ["113", "08000113", "08000432", "112"]) expect(await page.locator(`.lines a[href="tel:${tel}"]`).count()).toBe(1);
    await shot(page, "youth-09-closed");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("refuses a queue join while closed", async () => {
    const { openYouth } = await import("../helpers/clients");
    const youth = await openYouth(closedServer.url);
    expect(await request(youth.socket, "queue:join", { locationChoice: "any" })).toMatchObject({ ok: false, code: "CLOSED" });
    youth.socket.disconnect();
  });
});
