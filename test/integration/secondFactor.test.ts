import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { TOTP_PERIOD_S, totpCodeAt, totpStepAt } from "../../server/auth/totp";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { PROTOCOL_VERSION } from "../../shared/protocol";
import { closeAll, connect, login, request } from "../helpers/clients";
import { todayInAmsterdam } from "../helpers/dates";
import { startTestServer, stopServer } from "../helpers/servers";

const EVA = "eva@inloop.demo";

/** One HTTP call with an optional cookie; answers status, body and the new cookie if one was set. */
async function call(server: RunningServer, path: string, init: { method?: string; body?: unknown; cookie?: string } = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { "content-type": "application/json", ...(init.cookie && { cookie: init.cookie }) },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  const setCookie = res.headers.get("set-cookie");
  return {
    status: res.status,
    // biome-ignore lint/suspicious/noExplicitAny: each test reads the answer of its own route; the schemas are tested elsewhere.
    body: (await res.json().catch(() => ({}))) as { ok: boolean; code?: string; data?: any },
    cookie: setCookie?.split(";")[0],
  };
}

const password = (server: RunningServer, email: string) => call(server, "/api/auth/login", { body: { email, password: DEMO_PASSWORD } });
const codeFor = (secret: string, step: number) => totpCodeAt(secret, step * TOTP_PERIOD_S * 1000);

/** Enrols Eva by hand: the password step, the QR, a first code. */
async function enrol(server: RunningServer, email = EVA) {
  const first = await password(server, email);
  expect(first.body.data).toEqual({ next: "enrol" });
  const pending = first.cookie!;
  const started = await call(server, "/api/auth/enrol", { body: {}, cookie: pending });
  const secret: string = started.body.data.secret;
  const step = totpStepAt(Date.now());
  const done = await call(server, "/api/auth/enrol/confirm", { body: { code: await codeFor(secret, step) }, cookie: pending });
  expect(done.status).toBe(200);
  return {
    secret,
    step,
    pending,
    cookie: done.cookie!,
    recoveryCodes: done.body.data.recoveryCodes as string[],
    qr: started.body.data.qr as string,
  };
}

describe("two-step staff login (TOTP)", () => {
  let server: RunningServer;
  /** Eva's recovery codes, as enrolled by hand in the second test (her app's next code may not be due yet). */
  let evaRecovery: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ PRESENCE_GRACE_MS: "600000" });
  });
  afterAll(async () => stopServer(server));

  it("makes a professional enrol at first login; the half-way cookie opens nothing else", async () => {
    const first = await password(server, EVA);
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual({ next: "enrol" });
    const pending = first.cookie!;
    expect((await call(server, "/api/auth/me", { cookie: pending })).status).toBe(401);
    expect((await call(server, "/api/auth/pending", { cookie: pending })).body.data).toEqual({ pending: "enrol" });
    expect((await call(server, "/api/admin/staff", { cookie: pending })).status).toBe(401);
    const socket = await connect(server.url, pending);
    expect(await request(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION })).toMatchObject({
      ok: false,
      code: "UNAUTHENTICATED",
    });
    await closeAll(socket);
    // A code before enrolment, or an enrolment step without the password step, gets nowhere.
    expect((await call(server, "/api/auth/second-factor", { body: { code: "123456" }, cookie: pending })).status).toBe(401);
    expect((await call(server, "/api/auth/enrol", { body: {} })).status).toBe(401);
  });

  it("enrols with a QR code, a first code and ten recovery codes, and never shows the secret again", async () => {
    const e = await enrol(server);
    expect(e.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(e.recoveryCodes).toHaveLength(10);
    expect(new Set(e.recoveryCodes).size).toBe(10);
    expect((await call(server, "/api/auth/me", { cookie: e.cookie })).body.data.email).toBe(EVA);
    // The pending cookie was replaced, not promoted (session fixation).
    expect(e.cookie).not.toBe(e.pending);
    expect((await call(server, "/api/auth/me", { cookie: e.pending })).status).toBe(401);
    const stored = (await server.store.getSecondFactor("st_eva"))!;
    expect(stored.secret).not.toContain(e.secret);
    expect(stored.recoveryCodeHashes).toHaveLength(10);
    for (const code of e.recoveryCodes) expect(JSON.stringify(stored)).not.toContain(code.replace("-", ""));
    expect(
      JSON.stringify((await call(server, "/api/admin/staff", { cookie: await login(server.url, "kim@inloop.demo", DEMO_PASSWORD) })).body),
    ).not.toContain(e.secret);

    // Next login: a code is due; the code used at enrolment does not work twice; the next one does.
    const again = await password(server, EVA);
    expect(again.body.data).toEqual({ next: "code" });
    expect(
      (await call(server, "/api/auth/second-factor", { body: { code: await codeFor(e.secret, e.step) }, cookie: again.cookie })).body.code,
    ).toBe("BAD_CREDENTIALS");
    const ok = await call(server, "/api/auth/second-factor", { body: { code: await codeFor(e.secret, e.step + 1) }, cookie: again.cookie });
    expect(ok.status).toBe(200);
    expect(ok.body.data.email).toBe(EVA);
    expect((await call(server, "/api/auth/me", { cookie: ok.cookie })).status).toBe(200);

    // A recovery code works once.
    const third = await password(server, EVA);
    const recovery = await call(server, "/api/auth/second-factor", {
      body: { recoveryCode: e.recoveryCodes[3]!.toUpperCase() },
      cookie: third.cookie,
    });
    expect(recovery.status).toBe(200);
    const fourth = await password(server, EVA);
    expect(
      (await call(server, "/api/auth/second-factor", { body: { recoveryCode: e.recoveryCodes[3]! }, cookie: fourth.cookie })).body.code,
    ).toBe("BAD_CREDENTIALS");
    expect((await server.store.getSecondFactor("st_eva"))!.recoveryCodeHashes).toHaveLength(9);
    evaRecovery = e.recoveryCodes.slice(5);
  });

  it("ends the half-way login after five wrong codes: the password is due again", async () => {
    const secret = (await enrol(server, "bram@inloop.demo")).secret;
    const pending = (await password(server, "bram@inloop.demo")).cookie!;
    for (let i = 0; i < 5; i++)
      expect((await call(server, "/api/auth/second-factor", { body: { code: "000000" }, cookie: pending })).body.code).toBe(
        "BAD_CREDENTIALS",
      );
    const right = await codeFor(secret, totpStepAt(Date.now()) + 1);
    expect((await call(server, "/api/auth/second-factor", { body: { code: right }, cookie: pending })).status).toBe(401);
  });

  it("asks volunteers only where their location switched it on", async () => {
    expect((await password(server, "lotte@leiden.demo")).body.data.role).toBe("volunteer");
    const ilse = await login(server.url, "ilse@leiden.demo", DEMO_PASSWORD);
    const leiden = (await call(server, "/api/admin/locations", { cookie: ilse })).body.data.find((l: { id: string }) => l.id === "leiden");
    const { id: _id, ...settings } = leiden;
    expect(
      (
        await call(server, "/api/admin/locations/leiden", {
          method: "PUT",
          body: { ...settings, volunteerSecondFactor: true },
          cookie: ilse,
        })
      ).status,
    ).toBe(200);
    expect((await password(server, "lotte@leiden.demo")).body.data).toEqual({ next: "enrol" });
    expect((await password(server, "noor@amsterdam.demo")).body.data.role).toBe("volunteer");
    await call(server, "/api/admin/locations/leiden", { method: "PUT", body: { ...settings, volunteerSecondFactor: false }, cookie: ilse });
  });

  it("lets a coordinator in scope reset a colleague's factor: sessions end, enrol again, recorded", async () => {
    const evaPending = (await password(server, EVA)).cookie!;
    const eva = (await call(server, "/api/auth/second-factor", { body: { recoveryCode: evaRecovery[0] }, cookie: evaPending })).cookie!;
    expect((await call(server, "/api/auth/me", { cookie: eva })).status).toBe(200);
    const ilse = await login(server.url, "ilse@leiden.demo", DEMO_PASSWORD);
    expect(
      (await call(server, "/api/admin/staff/st_bram/reset-second-factor", { body: { reason: "lost-device" }, cookie: ilse })).status,
    ).toBe(404); // Amsterdam: not hers
    expect(
      (await call(server, "/api/admin/staff/st_ilse/reset-second-factor", { body: { reason: "lost-device" }, cookie: ilse })).status,
    ).toBe(403);
    expect((await call(server, "/api/admin/staff/st_eva/reset-second-factor", { body: { reason: "stolen" }, cookie: ilse })).status).toBe(
      400,
    );
    const reset = await call(server, "/api/admin/staff/st_eva/reset-second-factor", { body: { reason: "lost-device" }, cookie: ilse });
    expect(reset.body.data).toEqual({ reset: true });
    expect((await call(server, "/api/auth/me", { cookie: eva })).status).toBe(401);
    expect((await password(server, EVA)).body.data).toEqual({ next: "enrol" });
    const today = todayInAmsterdam();
    const record = await call(server, `/api/admin/access?from=${today}&to=${today}`, { cookie: ilse });
    expect(record.body.data.entries).toContainEqual(
      expect.objectContaining({ action: "second-factor-reset", reason: "lost-device", staffName: "Ilse", subjectStaffName: "Eva" }),
    );
  });
});

describe("login rate limit", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ LOGIN_ATTEMPTS_PER_15MIN: "4" });
  });
  afterAll(async () => stopServer(server));

  it("counts second-factor attempts with the password attempts of the same address", async () => {
    const pending = (await password(server, "kim@inloop.demo")).cookie!; // 1
    await call(server, "/api/auth/enrol", { body: {}, cookie: pending });
    expect((await call(server, "/api/auth/enrol/confirm", { body: { code: "000000" }, cookie: pending })).status).toBe(401); // 2
    expect((await call(server, "/api/auth/enrol/confirm", { body: { code: "000001" }, cookie: pending })).status).toBe(401); // 3
    expect((await call(server, "/api/auth/enrol/confirm", { body: { code: "000002" }, cookie: pending })).status).toBe(401); // 4
    expect((await call(server, "/api/auth/enrol/confirm", { body: { code: "000003" }, cookie: pending })).body.code).toBe("RATE_LIMITED");
    expect((await password(server, "kim@inloop.demo")).body.code).toBe("RATE_LIMITED");
  });
});
