import type { BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, login, ok, openStaff, openYouth } from "../helpers/clients";
import { newPage, PHONE, SMALL_PHONE, shot } from "./browser";
import { useBrowserAndServer } from "./harness";

const e2e = useBrowserAndServer();
let sam: ClientSocket;

beforeAll(async () => {
  sam = (await openStaff(e2e.server.url, "sam@leiden.demo", DEMO_PASSWORD)).socket;
  await ok(sam, "presence:set", { status: "available", capacity: 3 });
});
afterAll(() => void sam?.disconnect());
// Each test starts with nobody waiting and Sam free, so "take next" takes that test's youth.
afterEach(async () => {
  const { store } = e2e.server;
  for (const c of [...(await store.listQueue()), ...(await store.listActiveFor("st_sam"))]) {
    await store.endConversation(c.id, { at: Date.now(), by: "system", reason: "test-reset" });
  }
});

const SIZES: [string, BrowserContextOptions][] = [
  ["390x844", PHONE],
  ["320x568", SMALL_PHONE],
];

/** The 24/7 strip: 112, 113, 0800-0113 and 113's chat, each fully on the first screen (the page scrolled to the top). */
async function expectLinesOnFirstScreen(page: Page): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  const height = page.viewportSize()!.height;
  const strip = page.getByRole("complementary", { name: /Altijd bereikbaar|Always there/ });
  for (const href of ["tel:112", "tel:113", "tel:08000113", "https://www.113.nl/"]) {
    const box = await strip.locator(`a[href="${href}"]`).boundingBox();
    expect(box, href).not.toBeNull();
    expect(box!.y + box!.height, href).toBeLessThanOrEqual(height);
  }
}

async function startWaiting(page: Page, nickname: string): Promise<void> {
  await page.goto(e2e.server.url);
  await page.getByLabel("Hoe mogen we je noemen?").fill(nickname);
  await page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
  await page.getByRole("button", { name: "Start de chat" }).click();
  await page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
}

/** Takes the youth with this nickname for Sam, from the server's side. */
async function takeFor(nickname: string) {
  const taken = await ok(sam, "queue:take");
  expect(taken.nickname).toBe(nickname);
  return taken;
}

for (const [size, device] of SIZES) {
  describe(`the youth page at ${size}`, () => {
    it("shows the promise, the 24/7 lines and the start button on the first screen", async () => {
      const { page, errors } = await newPage(await e2e.browser.newContext(device));
      await page.goto(e2e.server.url);
      await page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
      const height = page.viewportSize()!.height;
      const start = await page.getByRole("button", { name: "Start de chat" }).boundingBox();
      expect(start!.y + start!.height).toBeLessThanOrEqual(height);
      const promise = await page.getByText("Gratis en anoniem").boundingBox();
      expect(promise!.y + promise!.height).toBeLessThanOrEqual(height);
      await expectLinesOnFirstScreen(page);
      await shot(page, `screens-${size}-intro`);
      // The under-12 and over-25 pointers are links to call or chat.
      await page.getByLabel("Hoe oud ben je?").selectOption("under-12");
      await page.locator('.kind-pointer a[href="tel:08000432"]').waitFor();
      await page.locator('.kind-pointer a[href="https://www.kindertelefoon.nl/"]').waitFor();
      await shot(page, `screens-${size}-intro-under-12`);
      await page.getByLabel("Hoe oud ben je?").selectOption("over-25");
      await page.locator('.kind-pointer a[href="tel:09001450"]').waitFor();
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("makes Snel weg the first Tab stop, before the language switch", async () => {
      const { page } = await newPage(await e2e.browser.newContext(device));
      await page.goto(e2e.server.url);
      await page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Snel weg");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Switch to English");
      await page.context().close();
    });

    it("keeps the youth typing when a volunteer picks them up: focus and every letter stay, the pickup is announced", async () => {
      const { page, errors } = await newPage(await e2e.browser.newContext(device));
      await startWaiting(page, `Typ${size}`);
      await expectLinesOnFirstScreen(page);
      const box = page.getByLabel("Jouw bericht");
      await box.tap();
      await page.keyboard.type("Ik wil graag praten over ");
      await shot(page, `screens-${size}-waiting`);
      await takeFor(`Typ${size}`);
      await page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
      await page.keyboard.type("mijn ouders, die veel ruzie maken");
      expect(await box.inputValue()).toBe("Ik wil graag praten over mijn ouders, die veel ruzie maken");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("message");
      expect(await page.getByRole("status").filter({ hasText: "Sam (vrijwilliger) is er nu voor je" }).count()).toBe(1);
      await expectLinesOnFirstScreen(page);
      await shot(page, `screens-${size}-chat`);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("asks before leaving the queue, and says so after", async () => {
      const { page, errors } = await newPage(await e2e.browser.newContext(device));
      await startWaiting(page, `Leave${size}`);
      await page.getByRole("button", { name: "Uit de wachtrij gaan" }).click();
      await page.getByRole("alertdialog").getByText("Weet je zeker dat je uit de wachtrij wilt?").waitFor();
      await shot(page, `screens-${size}-leave-confirm`);
      await page.getByRole("button", { name: "Nee, blijf wachten" }).click();
      expect((await e2e.server.store.listQueue()).filter((q) => q.nickname === `Leave${size}`)).toHaveLength(1);
      await page.getByRole("button", { name: "Uit de wachtrij gaan" }).click();
      await page.getByRole("button", { name: "Ja, uit de wachtrij" }).click();
      await page.getByRole("status").getByText("Je bent uit de wachtrij gegaan.").waitFor();
      await page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
      expect((await e2e.server.store.listQueue()).filter((q) => q.nickname === `Leave${size}`)).toHaveLength(0);
      await shot(page, `screens-${size}-left-queue`);
      expect(errors).toEqual([]);
      await page.context().close();
    });

    it("makes no sound unless the youth turns it on; the title and a vibration still tell", async () => {
      const context = await e2e.browser.newContext(device);
      // Count chimes and vibrations, and let the test say the tab is in the background.
      await context.addInitScript(() => {
        const w = window as unknown as { chimes: number; buzzes: number; AudioContext: unknown };
        w.chimes = 0;
        w.buzzes = 0;
        const Real = window.AudioContext;
        w.AudioContext = class extends Real {
          constructor() {
            super();
            w.chimes += 1;
          }
        };
        navigator.vibrate = () => ((w.buzzes += 1), true);
        let hidden = false;
        Object.defineProperty(document, "hidden", { get: () => hidden, configurable: true });
        (window as unknown as { setHidden(h: boolean): void }).setHidden = (h: boolean) => (hidden = h);
      });
      const { page, errors } = await newPage(context);
      await startWaiting(page, `Sound${size}`);
      const taken = await takeFor(`Sound${size}`);
      await page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
      const sound = page.getByRole("switch", { name: "Geluid bij nieuw bericht" });
      expect(await sound.isChecked()).toBe(false);
      await page.evaluate(() => (window as unknown as { setHidden(h: boolean): void }).setHidden(true));
      await ok(sam, "message:send", { conversationId: taken.id, id: crypto.randomUUID(), text: "Ben je er nog?" });
      await page.getByRole("log").getByText("Ben je er nog?").waitFor();
      await expect.poll(() => page.title()).toBe("(1) Nieuw bericht");
      expect(await page.evaluate(() => (window as unknown as { chimes: number }).chimes)).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { buzzes: number }).buzzes)).toBe(1);

      await page.evaluate(() => (window as unknown as { setHidden(h: boolean): void }).setHidden(false));
      await sound.check();
      await shot(page, `screens-${size}-sound-on`);
      await page.evaluate(() => (window as unknown as { setHidden(h: boolean): void }).setHidden(true));
      await ok(sam, "message:send", { conversationId: taken.id, id: crypto.randomUUID(), text: "Ik wacht even." });
      await page.getByRole("log").getByText("Ik wacht even.").waitFor();
      await expect.poll(() => page.evaluate(() => (window as unknown as { chimes: number }).chimes)).toBe(1);
      await ok(sam, "conversation:end", { conversationId: taken.id });
      await page.getByRole("heading", { name: "De chat is afgelopen" }).waitFor();
      await expectLinesOnFirstScreen(page);
      await shot(page, `screens-${size}-ended`);
      await page.getByRole("button", { name: "Overslaan" }).click();
      await page.getByRole("heading", { name: "Dank je wel" }).waitFor();
      await expectLinesOnFirstScreen(page);
      await shot(page, `screens-${size}-goodbye`);
      expect(errors).toEqual([]);
      await context.close();
    });

    it("shows the heading's focus ring to keyboard users only", async () => {
      const outline = (page: Page) => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
      // A touch user: taps the nickname field, types, and sends the form with the keyboard's Go key.
      const touch = await newPage(await e2e.browser.newContext(device));
      await touch.page.goto(e2e.server.url);
      await touch.page.getByLabel("Met welke locatie wil je chatten?").selectOption("leiden");
      await touch.page.getByLabel("Hoe mogen we je noemen?").tap();
      await touch.page.keyboard.type(`Ring${size}`);
      await touch.page.keyboard.press("Enter");
      await touch.page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
      expect(await touch.page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
      expect(await outline(touch.page)).toBe("none");
      await touch.page.context().close();
      // A keyboard user: Tab to the start button, Enter.
      const keys = await newPage(await e2e.browser.newContext(device));
      await keys.page.goto(e2e.server.url);
      await keys.page.getByRole("heading", { name: "Praat anoniem met iemand" }).waitFor();
      for (let i = 0; i < 12 && (await keys.page.evaluate(() => document.activeElement?.textContent)) !== "Start de chat"; i++)
        await keys.page.keyboard.press("Tab");
      await keys.page.keyboard.press("Enter");
      await keys.page.getByRole("heading", { name: "Je bent in de wachtrij" }).waitFor();
      expect(await keys.page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
      expect(await outline(keys.page)).toBe("solid");
      await keys.page.context().close();
    });

    it("blocks the session and this browser at once, with the lines; not the network", async () => {
      const context = await e2e.browser.newContext(device);
      const { page, errors } = await newPage(context);
      await startWaiting(page, `Block${size}`);
      const taken = await takeFor(`Block${size}`);
      await page.getByRole("heading", { name: "Je chat met Sam (vrijwilliger)" }).waitFor();
      await ok(sam, "conversation:block", { conversationId: taken.id });
      await page.getByRole("heading", { name: "Je kunt nu even niet chatten" }).waitFor();
      expect(await page.getByRole("heading", { name: "De chat is afgelopen" }).count()).toBe(0);
      expect(await page.getByRole("button", { name: /terugkomcode/ }).count()).toBe(0);
      await expectLinesOnFirstScreen(page);
      await shot(page, `screens-${size}-blocked`);
      // The page's device id is stored only as a keyed hash.
      const deviceId = await page.evaluate(() => localStorage.getItem("inloop.device"));
      expect(deviceId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(await e2e.server.store.listEvents(0))).not.toContain(deviceId);
      // Same browser, new tab: blocked. Another phone on the same network: welcome.
      const again = await context.newPage();
      await again.goto(e2e.server.url);
      await again.getByRole("button", { name: "Start de chat" }).click();
      await again.getByRole("heading", { name: "Je kunt nu even niet chatten" }).waitFor();
      const other = await newPage(await e2e.browser.newContext(device));
      await startWaiting(other.page, `Classmate${size}`);
      await other.page.context().close();
      expect(errors).toEqual([]);
      await context.close();
    });

    it("tells a waiting youth at once when their location closes, with the lines and what happens to their place", async () => {
      const { page, errors } = await newPage(await e2e.browser.newContext(device));
      await startWaiting(page, `Close${size}`);
      const cookie = await login(e2e.server.url, "kim@inloop.demo", DEMO_PASSWORD);
      const api = (method: string, path: string, body?: unknown) =>
        fetch(`${e2e.server.url}${path}`, {
          method,
          headers: { cookie, "content-type": "application/json" },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        }).then((r) => r.json());
      const leiden = ((await api("GET", "/api/admin/locations")) as { data: { id: string }[] }).data.find(
        (l) => l.id === "leiden",
      ) as Record<string, unknown>;
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
      const { id: _id, ...settings } = leiden;
      const keep = [
        "name",
        "timeZone",
        "weeklyHours",
        "exceptions",
        "overflowSeconds",
        "skillWindowSeconds",
        "autoAssign",
        "wrapUpTopics",
        "snippets",
      ];
      const body = Object.fromEntries(Object.entries(settings).filter(([k]) => keep.includes(k)));
      try {
        expect(await api("PUT", "/api/admin/locations/leiden", { ...body, exceptions: [{ date: today, windows: [] }] })).toMatchObject({
          ok: true,
        });
        await page.getByRole("alert").getByText("De chat is nu gesloten").waitFor({ timeout: 5000 });
        await page.getByText("Je blijft in de wachtrij").waitFor();
        expect(await page.locator('.lines a[href="tel:113"]').count()).toBe(1);
        await shot(page, `screens-${size}-closed-while-waiting`);
        // Still in the queue: a volunteer still on shift can take them.
        expect((await e2e.server.store.listQueue()).filter((q) => q.nickname === `Close${size}`)).toHaveLength(1);
      } finally {
        await api("PUT", "/api/admin/locations/leiden", body);
      }
      await page.getByRole("alert").getByText("De chat is nu gesloten").waitFor({ state: "detached" });
      expect(errors).toEqual([]);
      await page.context().close();
    });
  });
}

describe("the wait, as the demo shows it", () => {
  it("gives a youth behind a busy volunteer an estimate in minutes (the demo has an afternoon's chat lengths)", async () => {
    await ok(sam, "presence:set", { status: "available", capacity: 1 });
    const ahead = await openYouth(e2e.server.url);
    try {
      await ok(ahead.socket, "queue:join", { locationChoice: "leiden", nickname: "Eerder" });
      await takeFor("Eerder");
      const { page, errors } = await newPage(await e2e.browser.newContext(PHONE));
      await startWaiting(page, "Later");
      await page.getByText(/Geschatte wachttijd: \d+ tot \d+ minuten\./).waitFor();
      await shot(page, "screens-390x844-waiting-estimate");
      expect(errors).toEqual([]);
      await page.context().close();
    } finally {
      ahead.socket.disconnect();
      await ok(sam, "presence:set", { status: "available", capacity: 3 });
    }
  });
});
