import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import type { InviteView, StaffAdminView } from "../../shared/protocol";
import { adminApi } from "../helpers/adminApi";
import { login, nextEvent, ok, openStaff, openYouth } from "../helpers/clients";
import { redisAvailable } from "../helpers/redis";
import { useSharedServer } from "../helpers/servers";

const stores = (await redisAvailable("coordinator's staff on Redis")) ? ["memory", "redis"] : ["memory"];

/** Invites, deactivation and reactivation: a coordinator's staff, and never a chat or a session lost. */
describe.each(stores)("a coordinator's staff on the %s store", (kind) => {
  const shared = useSharedServer(kind);
  const url = () => shared.server.url;
  const { call, as, data } = adminApi(url);

  it("invites someone who sets their own password once, then logs in", async () => {
    const kim = await as("kim@inloop.demo");
    const email = `new-${kind}@leiden.test`;
    const invite = data(
      await call<InviteView>(kim, "POST", "/api/admin/staff/invite", {
        email,
        displayName: "Fien",
        role: "volunteer",
        locationId: "leiden",
        skills: ["suicidality"],
      }),
    );
    expect(invite.staff).toMatchObject({ email, active: false, invitePending: true });
    const token = new URL(invite.link).hash.slice(1);
    expect(invite.link).toContain("/console/invite#");

    // Before accepting, the account cannot log in, and a second invite for the address is refused.
    expect((await call(undefined, "POST", "/api/auth/login", { email, password: "whatever-it-is" })).status).toBe(401);
    expect(
      (await call(kim, "POST", "/api/admin/staff/invite", { email, displayName: "Fien", role: "volunteer", locationId: "leiden" })).status,
    ).toBe(409);

    expect(data(await call(undefined, "POST", "/api/invites/info", { token }))).toEqual({ email, displayName: "Fien", role: "volunteer" });
    const accepted = await call(undefined, "POST", "/api/invites/accept", { token, password: "a-long-password-1" });
    expect(accepted.status).toBe(200);
    const cookie = accepted.setCookie!.split(";")[0]!;
    expect(data(await call<{ email: string } | null>(cookie, "GET", "/api/auth/session"))?.email).toBe(email);
    expect((await call(undefined, "POST", "/api/invites/accept", { token, password: "another-password-2" })).status).toBe(404);
    await login(url(), email, "a-long-password-1");
  });

  it("makes an older invite link useless once a new one is sent", async () => {
    const kim = await as("kim@inloop.demo");
    const first = data(
      await call<InviteView>(kim, "POST", "/api/admin/staff/invite", {
        email: `twice-${kind}@leiden.test`,
        displayName: "Jet",
        role: "professional",
        locationId: "leiden",
      }),
    );
    const second = data(await call<InviteView>(kim, "POST", `/api/admin/staff/${first.staff.id}/reinvite`));
    const oldToken = new URL(first.link).hash.slice(1);
    expect((await call(undefined, "POST", "/api/invites/accept", { token: oldToken, password: "a-long-password-1" })).status).toBe(404);
    expect(
      (await call(undefined, "POST", "/api/invites/accept", { token: new URL(second.link).hash.slice(1), password: "a-long-password-1" }))
        .status,
    ).toBe(200);
  });

  it("hands a deactivated volunteer's chat back to the queue, keeping the youth's place, and ends their session", async () => {
    const sam = await openStaff(url(), "sam@leiden.demo", DEMO_PASSWORD);
    shared.track(sam.socket);
    await ok(sam.socket, "presence:set", { status: "available" });
    const youth = await openYouth(url());
    shared.track(youth.socket);
    const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
    await ok(sam.socket, "queue:take");
    const kim = await as("kim@inloop.demo");
    const transferring = nextEvent(youth.socket, "conversation:transferring");
    const disconnected = new Promise<void>((resolve) => sam.socket.once("disconnect", () => resolve()));
    try {
      const view = data(await call<StaffAdminView>(kim, "POST", "/api/admin/staff/st_sam/deactivate"));
      expect(view.active).toBe(false);
      expect(await transferring).toEqual({ conversationId: conversation.id, queued: true });
      await disconnected;
      const back = await shared.server.store.getConversation(conversation.id);
      expect(back).toMatchObject({ status: "queued", queuedAt: conversation.queuedAt });
      expect(data(await call(sam.cookie, "GET", "/api/auth/session"))).toBeNull();
      expect((await call(undefined, "POST", "/api/auth/login", { email: "sam@leiden.demo", password: DEMO_PASSWORD })).status).toBe(401);
      expect((await call(kim, "POST", "/api/admin/staff/st_kim/deactivate")).status).toBe(403);
    } finally {
      await call(kim, "POST", "/api/admin/staff/st_sam/reactivate");
    }
    await login(url(), "sam@leiden.demo", DEMO_PASSWORD);
  });

  it("never hands a deactivated volunteer's chats back to them, on an auto-assign location, and drops their old sessions", async () => {
    const noor = await openStaff(url(), "noor@amsterdam.demo", DEMO_PASSWORD);
    shared.track(noor.socket);
    await ok(noor.socket, "presence:set", { status: "available", capacity: 2 });
    const youths = [await openYouth(url()), await openYouth(url())];
    const ids: string[] = [];
    for (const y of youths) {
      shared.track(y.socket);
      const assigned = nextEvent(y.socket, "conversation:assigned");
      ids.push((await ok(y.socket, "queue:join", { locationChoice: "amsterdam" })).conversation.id);
      await assigned;
    }
    const kim = await as("kim@inloop.demo");
    try {
      data(await call(kim, "POST", "/api/admin/staff/st_noor/deactivate"));
      // Two dispatcher ticks later nobody has given them back to Noor.
      await new Promise((r) => setTimeout(r, 500));
      for (const id of ids) {
        const c = await shared.server.store.getConversation(id);
        expect(c?.status).toBe("queued");
        expect(c?.holderId).toBeUndefined();
      }
      expect((await shared.server.store.getPresence("st_noor"))?.status).toBe("off");
      data(await call(kim, "POST", "/api/admin/staff/st_noor/reactivate"));
      expect(data(await call(noor.cookie, "GET", "/api/auth/session"))).toBeNull();
    } finally {
      await call(kim, "POST", "/api/admin/staff/st_noor/reactivate");
    }
  });

  it("keeps a coordinator's hands off other locations' staff and makes an old link useless after reactivation", async () => {
    const ilse = await as("ilse@leiden.demo");
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(Date.now());
    expect(
      (
        await call(ilse, "POST", "/api/admin/shifts", {
          locationId: "leiden",
          staffId: "st_bram",
          date: today,
          start: "09:00",
          end: "12:00",
        })
      ).status,
    ).toBe(403);
    for (const action of ["deactivate", "reactivate", "reinvite"])
      expect((await call(ilse, "POST", `/api/admin/staff/st_noor/${action}`)).status).toBe(403);
    expect(
      (await call(ilse, "PUT", "/api/admin/staff/st_sam", { displayName: "Sam", role: "volunteer", locationId: "amsterdam", skills: [] }))
        .status,
    ).toBe(403);
    expect(
      (
        await call(ilse, "POST", "/api/admin/staff/invite", {
          email: "boss@leiden.test",
          displayName: "B",
          role: "coordinator",
          locationId: "leiden",
          manages: "all",
        })
      ).status,
    ).toBe(403);

    const kim = await as("kim@inloop.demo");
    data(await call(kim, "POST", "/api/admin/staff/st_lotte/deactivate"));
    const link = data(await call<InviteView>(kim, "POST", "/api/admin/staff/st_lotte/reinvite")).link;
    data(await call(kim, "POST", "/api/admin/staff/st_lotte/reactivate"));
    const token = new URL(link).hash.slice(1);
    expect((await call(undefined, "POST", "/api/invites/accept", { token, password: "somebody-else-now" })).status).toBe(404);
    await login(url(), "lotte@leiden.demo", DEMO_PASSWORD);
  });
});
