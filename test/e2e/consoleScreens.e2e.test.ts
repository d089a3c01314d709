import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { errorsNl } from "../../client/src/i18n/areas/errors";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, ok, openStaff, openYouth } from "../helpers/clients";
import { CONSOLE, newPage, shot } from "./browser";
import { useBrowserAndServer } from "./harness";
import { logInConsole } from "./staffLogin";

const e2e = useBrowserAndServer();
const sockets: ClientSocket[] = [];

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  const { store } = e2e.server;
  for (const c of [...(await store.listQueue()), ...(await store.listActiveFor("st_sam")), ...(await store.listActiveFor("st_lotte"))]) {
    await store.endConversation(c.id, { at: Date.now(), by: "system", reason: "test-reset" });
  }
  for (const id of ["st_sam", "st_lotte"]) {
    const p = await store.getPresence(id);
    if (p) await store.putPresence({ ...p, status: "off", capacity: 2 });
  }
});

async function samConsole(): Promise<{ page: Page; errors: string[] }> {
  const opened = await newPage(await e2e.browser.newContext({ ...CONSOLE, locale: "nl-NL" }));
  await opened.page.goto(`${e2e.server.url}/console`);
  await logInConsole(opened.page, "sam@leiden.demo");
  await opened.page.getByRole("heading", { name: "Wachtrij" }).waitFor();
  await opened.page.getByRole("radio", { name: "Beschikbaar" }).check();
  return opened;
}

/** A youth (over a socket) waiting at Leiden with what they chose to share. */
async function youthWaiting(join: Record<string, unknown>) {
  const youth = await openYouth(e2e.server.url);
  sockets.push(youth.socket);
  const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden", ...join });
  return { ...youth, id: conversation.id };
}

async function takeNext(page: Page, nickname: string) {
  await page.getByRole("button", { name: "Neem volgende" }).click();
  await page.getByRole("heading", { name: nickname, level: 2 }).waitFor();
}

/** The whole element is inside the 1280×720 window. */
async function inView(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  return Boolean(box && box.y >= 0 && box.x >= 0 && box.y + box.height <= 720 && box.x + box.width <= 1280);
}

describe("the volunteer console at 1280x720", () => {
  it("fits: every header control in view, the composer always in view, the wrap-up beside the chats and never over them", async () => {
    const { page, errors } = await samConsole();
    // One row, every control in view.
    expect((await page.locator(".console-top").boundingBox())!.height).toBeLessThan(64);
    for (const name of ["Uitloggen", "English", "Geluid uit", "Meldingen"])
      expect(await inView(page, `.console-top button:text-is("${name}")`), name).toBe(true);
    const mo = await youthWaiting({ nickname: "Mo", topic: "school-work" });
    await takeNext(page, "Mo");
    const jay = await youthWaiting({ nickname: "Jay" });
    await takeNext(page, "Jay");
    // A long conversation: more than the window holds.
    for (let i = 0; i < 8; i++)
      await ok(jay.socket, "message:send", {
        conversationId: jay.id,
        id: crypto.randomUUID(),
        text: `Bericht ${i}: het gaat over school en thuis.\nEn nog een regel.\nEn nog een.`,
      });
    await page.getByText("Bericht 7:").waitFor();
    expect(await inView(page, "#console-message")).toBe(true);
    expect(await page.evaluate(() => document.scrollingElement!.scrollHeight)).toBeLessThanOrEqual(720);
    await shot(page, "screens-console-chat");
    await page.getByRole("button", { name: "Overdragen" }).click();
    await page.getByRole("dialog", { name: "Gesprek overdragen" }).waitFor();
    expect(await inView(page, "#console-message")).toBe(true);
    await shot(page, "screens-console-transfer");
    await page.getByRole("button", { name: "Annuleren" }).click();

    // Mo's chat ends while Jay's goes on: the wrap-up opens in the side column; Jay's chat does not move.
    await ok(mo.socket, "conversation:end", { conversationId: mo.id });
    await page.getByRole("tab", { name: "Jay" }).click();
    const before = await page.locator("article.chat").boundingBox();
    await page.getByRole("button", { name: "Afronden: Mo" }).click();
    await page.getByRole("heading", { name: "Afronding" }).waitFor();
    const after = await page.locator("article.chat").boundingBox();
    expect(after).toEqual(before);
    expect(await inView(page, "#console-message")).toBe(true);
    const wrapup = (await page.locator(".wrapup").boundingBox())!;
    expect(wrapup.x + wrapup.width).toBeLessThanOrEqual(after!.x);
    // The topic the youth chose is ticked already.
    expect(await page.locator(".wrapup").getByRole("checkbox", { name: "School of werk" }).isChecked()).toBe(true);
    await shot(page, "screens-console-wrapup-beside-chat");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps the header on one row in English too, and at 1366x768", async () => {
    const { page, errors } = await samConsole();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Nederlands" }).waitFor();
    expect((await page.locator(".console-top").boundingBox())!.height).toBeLessThan(64);
    for (const name of ["Log out", "Nederlands", "Mute", "Notifications"])
      expect(await inView(page, `.console-top button:text-is("${name}")`), name).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
    expect((await page.locator(".console-top").boundingBox())!.height).toBeLessThan(64);
    await shot(page, "screens-console-header-en-1366");
    await page.getByRole("button", { name: "Nederlands" }).click();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("takes 'Neem volgende' from the server: at capacity it is off, and after a reload and an ended chat it is on again", async () => {
    const { page, errors } = await samConsole();
    await page.getByLabel("Chats tegelijk").selectOption("1");
    const first = await youthWaiting({ nickname: "Eén" });
    await takeNext(page, "Eén");
    await youthWaiting({ nickname: "Twee" });
    // At capacity before any reload: off, with the reason.
    await expect.poll(() => page.getByRole("button", { name: "Neem volgende" }).isDisabled()).toBe(true);
    await page.reload();
    await page.getByRole("heading", { name: "Eén", level: 2 }).waitFor();
    await ok(first.socket, "conversation:end", { conversationId: first.id });
    await expect.poll(() => page.getByRole("button", { name: "Neem volgende" }).isEnabled()).toBe(true);
    await page.getByRole("button", { name: "Neem volgende" }).click();
    await page.getByRole("heading", { name: "Twee", level: 2 }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("chooses nobody in the transfer dialog, keeps drafts per chat over a reload and forgets them at logout", async () => {
    const lotte = await openStaff(e2e.server.url, "lotte@leiden.demo", DEMO_PASSWORD);
    sockets.push(lotte.socket);
    await ok(lotte.socket, "presence:set", { status: "available" });
    const { page, errors } = await samConsole();
    await youthWaiting({ nickname: "Ana" });
    await takeNext(page, "Ana");
    await page.getByRole("button", { name: "Overdragen" }).click();
    await page.getByRole("radio", { name: /Lotte/ }).waitFor();
    expect(await page.getByRole("dialog").getByRole("radio", { checked: true }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Draag over" }).isDisabled()).toBe(true);
    await page.getByRole("button", { name: "Annuleren" }).click();

    const box = page.getByRole("textbox", { name: /Typ een bericht/ });
    await box.fill("Ik denk dat je");
    await page.reload();
    await page.getByRole("heading", { name: "Ana", level: 2 }).waitFor();
    expect(await page.getByRole("textbox", { name: /Typ een bericht/ }).inputValue()).toBe("Ik denk dat je");
    await page.getByRole("button", { name: "Uitloggen" }).click();
    await page.getByLabel("E-mailadres").waitFor();
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("inloop.console.draft")))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the youth's nickname and language, sets the professional's words apart, counts from 1,800 and refuses over 2,000", async () => {
    const eva = await openStaff(e2e.server.url, "eva@inloop.demo", DEMO_PASSWORD);
    sockets.push(eva.socket);
    await ok(eva.socket, "duty:set", { onDuty: true });
    const { page, errors } = await samConsole();
    const kai = await youthWaiting({ nickname: "Kai", lang: "en" });
    await takeNext(page, "Kai");
    await page.getByText("Taal: Engels").waitFor();
    await ok(kai.socket, "message:send", { conversationId: kai.id, id: crypto.randomUUID(), text: "Hi, is this the right place?" });
    await page.locator(".message.theirs .sender", { hasText: "Kai" }).waitFor();
    expect(await page.locator(".message .sender", { hasText: "Anoniem" }).count()).toBe(0);
    await page.getByRole("textbox", { name: /Typ een bericht/ }).fill("Yes, welcome!");
    await page.getByRole("textbox", { name: /Typ een bericht/ }).press("Enter");
    await ok(eva.socket, "conversation:join", { conversationId: kai.id });
    await ok(eva.socket, "message:send", { conversationId: kai.id, id: crypto.randomUUID(), text: "Hello, I am Eva, a psychologist." });
    const pro = page.locator(".message", { hasText: "Hello, I am Eva" });
    await pro.waitFor();
    expect(await pro.locator(".sender").textContent()).toBe("Eva (professional)");
    const own = page.locator(".message", { hasText: "Yes, welcome!" });
    const colour = (l: typeof pro) => l.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await colour(pro)).not.toBe(await colour(own));

    const box = page.getByRole("textbox", { name: /Typ een bericht/ });
    await box.fill("a".repeat(1799));
    expect(await page.locator("#console-message-count").count()).toBe(0);
    await box.fill("a".repeat(1800));
    expect(await page.locator("#console-message-count").textContent()).toBe("1800 van 2000 tekens");
    await shot(page, "screens-console-counter");
    await box.fill("a".repeat(2001));
    await page.getByRole("alert").getByText("Te lang om te versturen: maximaal 2000 tekens. Haal er 1 weg.").waitFor();
    expect(await page.getByRole("button", { name: "Verstuur" }).isDisabled()).toBe(true);
    await box.press("Enter");
    expect(await box.inputValue()).toHaveLength(2001);
    await shot(page, "screens-console-too-long");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows a refusal from the server in the console's language, never the server's English message", async () => {
    const lotte = await openStaff(e2e.server.url, "lotte@leiden.demo", DEMO_PASSWORD);
    sockets.push(lotte.socket);
    await ok(lotte.socket, "presence:set", { status: "available" });
    const { page, errors } = await samConsole();
    await youthWaiting({ nickname: "Noa" });
    await takeNext(page, "Noa");
    await page.getByRole("button", { name: "Overdragen" }).click();
    await page.getByRole("radio", { name: /Lotte/ }).check();
    // Lotte goes off shift before Sam presses the button: the server refuses the transfer.
    await ok(lotte.socket, "presence:set", { status: "off" });
    await page.getByRole("button", { name: "Draag over" }).click();
    const alert = page.locator("p.notice[role=alert]");
    await alert.waitFor();
    const text = (await alert.locator(".notice-text").textContent())!;
    expect(Object.values(errorsNl)).toContain(text);
    await shot(page, "screens-console-refusal");
    // Closed from the keyboard too.
    await alert.getByRole("button", { name: "Sluiten" }).focus();
    await page.keyboard.press("Enter");
    await alert.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("gives the coordinator's charts readable axis words and the roster one way of writing a day", async () => {
    const opened = await newPage(await e2e.browser.newContext({ ...CONSOLE, locale: "nl-NL" }));
    const { page, errors } = opened;
    await page.goto(`${e2e.server.url}/console`);
    await logInConsole(page, "kim@inloop.demo");
    await page.locator(".figures-label").first().waitFor();
    const sizes = await page.locator(".figures-label").evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await page.getByRole("navigation", { name: "Beheer" }).getByRole("button", { name: "Rooster" }).click();
    await page.locator(".week-day h3").first().waitFor();
    // "maandag 30 nov" in the text, shown "Maandag 30 nov": the month is never capitalised.
    for (const h of await page.locator(".week-day h3").all()) {
      expect(await h.textContent()).toMatch(/^[a-z]+ \d+ [a-z]+\.?$/);
      expect(await h.evaluate((el) => getComputedStyle(el).textTransform)).toBe("none");
    }
    await shot(page, "screens-roster");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
