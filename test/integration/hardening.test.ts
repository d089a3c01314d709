/** Issue 15, item 9: hardening of what the server answers. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { loadConfig } from "../../server/config/config";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { login } from "../helpers/clients";
import { startTestServer, stopServer } from "../helpers/servers";

describe("hardening", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await stopServer(server);
  });

  it("serves the metrics only at exactly /metrics, never at /metrics/ or /METRICS", async () => {
    expect(await (await fetch(`${server.url}/metrics`)).text()).toContain("inloop_");
    for (const path of ["/metrics/", "/METRICS", "/Metrics"]) {
      const body = await (await fetch(`${server.url}${path}`)).text();
      expect(body, path).not.toContain("inloop_");
    }
  });

  it("sends a Permissions-Policy that gives the pages no camera, microphone or location", async () => {
    const policy = (await fetch(`${server.url}/`)).headers.get("permissions-policy") ?? "";
    for (const feature of ["camera=()", "microphone=()", "geolocation=()", "payment=()"]) expect(policy).toContain(feature);
  });

  it("marks authenticated JSON as not to be cached", async () => {
    const cookie = await login(server.url, "sam@leiden.demo", DEMO_PASSWORD);
    for (const path of ["/api/auth/me", "/api/auth/session"]) {
      const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control"), path).toBe("no-store");
    }
  });
});

describe("the session cookie behind TLS", () => {
  it("carries the __Host- prefix (Secure, Path=/, no Domain), and is what the server reads", async () => {
    const server = await startTestServer({ COOKIE_SECURE: "true" });
    try {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "sam@leiden.demo", password: DEMO_PASSWORD }),
      });
      const session = res.headers.getSetCookie().find((c) => c.includes("_sid="))!;
      expect(session).toMatch(/^__Host-inloop_sid=/);
      expect(session).toMatch(/; Secure/i);
      expect(session).toMatch(/; Path=\//i);
      expect(session).not.toMatch(/Domain=/i);
      const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie: session.split(";")[0]! } });
      expect(me.status).toBe(200);
    } finally {
      await stopServer(server);
    }
  });
});

describe("demo data", () => {
  it("is seeded by default only on the in-memory store outside production; on Redis only with DEMO=true", () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379" }).demo).toBe(false);
    expect(loadConfig({ REDIS_URL: "redis://127.0.0.1:6379", DEMO: "true" }).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: "production", SECOND_FACTOR_KEY: "test-only-second-factor-key-0123456789abcdef" }).demo).toBe(false);
  });
});

describe("production secrets", () => {
  it("refuses to start in production without SECOND_FACTOR_KEY (the development key is public)", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SECOND_FACTOR_KEY: required in production/);
    expect(
      loadConfig({ NODE_ENV: "production", SECOND_FACTOR_KEY: "test-only-second-factor-key-0123456789abcdef" }).secondFactor.keySet,
    ).toBe(true);
    expect(loadConfig({}).secondFactor.keySet).toBe(false);
  });
});
