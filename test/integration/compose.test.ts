import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

// Docker cannot run here, so the deployment files are checked for what a helpline relies on.
const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

interface Service {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  deploy?: { replicas?: number };
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  volumes?: string[];
  ports?: string[];
  stop_grace_period?: string;
}
const compose = parse(read("docker-compose.yml")) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { redis, app, lb } = compose.services;
const haproxy = read("deploy/haproxy.cfg");

/** The value following a flag in a command list, e.g. `--appendonly yes`. */
const flag = (command: string[] | undefined, name: string) => command?.[command.indexOf(name) + 1];

describe("docker-compose.yml", () => {
  it("runs Redis with AOF persistence on a volume, never evicting keys, with a health check", () => {
    expect(redis?.image).toMatch(/^redis:7/);
    expect(flag(redis?.command, "--appendonly")).toBe("yes");
    expect(flag(redis?.command, "--appendfsync")).toMatch(/^(everysec|always)$/);
    expect(flag(redis?.command, "--maxmemory-policy")).toBe("noeviction");
    expect(redis?.volumes?.some((v) => v.endsWith(":/data") && v.split(":")[0]! in compose.volumes)).toBe(true);
    expect(redis?.healthcheck?.test.join(" ")).toContain("redis-cli ping");
  });

  it("runs at least two app instances on that Redis, built from the Dockerfile, health-checked on /healthz", () => {
    expect(app?.deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(app?.build?.dockerfile).toBe("Dockerfile");
    expect(existsSync(path.join(root, "Dockerfile"))).toBe(true);
    expect(app?.environment?.REDIS_URL).toBe("redis://redis:6379");
    expect(app?.environment?.NODE_ENV).toBe("production");
    expect(app?.environment?.HOST).toBe("0.0.0.0");
    // Exactly one proxy in front (HAProxy), so the app reads the one hop it set.
    expect(app?.environment?.TRUST_PROXY).toBe("1");
    expect(app?.environment?.NETWORK_HASH_SECRET).toMatch(/^\$\{NETWORK_HASH_SECRET:\?/);
    expect(app?.depends_on?.redis?.condition).toBe("service_healthy");
    expect(app?.healthcheck?.test.join(" ")).toContain("/healthz");
    // No host port: clients go through the load balancer only.
    expect(app?.ports).toBeUndefined();
    // The drain (SHUTDOWN_DRAIN_MS) must fit in the stop grace period, or SIGKILL cuts it short.
    expect(Number.parseInt(app?.stop_grace_period ?? "10", 10) * 1000).toBeGreaterThan(Number(app?.environment?.SHUTDOWN_DRAIN_MS));
  });

  it("puts HAProxy in front with its config, after the app is healthy", () => {
    expect(lb?.image).toMatch(/^haproxy:/);
    expect(lb?.volumes).toContain("./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
    expect(lb?.depends_on?.app?.condition).toBe("service_healthy");
    expect(lb?.ports?.length).toBe(1);
  });

  it("the Dockerfile runs the compiled server with production dependencies only, as a non-root user", () => {
    const dockerfile = read("Dockerfile");
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('CMD ["node", "dist/server/main.js"]');
    expect(dockerfile).toMatch(/^RUN npm run build$/m);
    const final = dockerfile.slice(dockerfile.lastIndexOf("FROM "));
    expect(final).toMatch(/npm ci --omit=dev/);
    // No TypeScript sources in the running image: only what the build stage compiled.
    expect(final).not.toMatch(/^COPY (server|shared|scripts)\b/m);
  });

  it("keeps build tools out of the production dependencies", () => {
    const pkg = JSON.parse(read("package.json")) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    for (const tool of ["vite", "@vitejs/plugin-react", "tsx", "esbuild", "typescript", "react", "react-dom"]) {
      expect(pkg.dependencies[tool], tool).toBeUndefined();
    }
    expect(pkg.scripts.build).toContain("build:server");
    expect(pkg.scripts["build:server"]).toContain("server/main.ts");
  });
});

describe("deploy/haproxy.cfg", () => {
  it("checks /readyz actively, so a draining instance gets no new sockets", () => {
    expect(haproxy).toMatch(/^\s*option httpchk GET \/readyz$/m);
    expect(haproxy).toMatch(/^\s*default-server check\b/m);
    expect(haproxy).toMatch(/^\s*server-template app \d+ app:3000$/m);
  });

  it("keeps idle websockets open, forwards the client address and hides /metrics", () => {
    expect(haproxy).toMatch(/^\s*mode http$/m);
    expect(haproxy).toMatch(/^\s*timeout tunnel \d+h$/m);
    // Set, not appended: `option forwardfor` keeps what the client sent in front of the real address.
    expect(haproxy).toMatch(/^\s*http-request set-header X-Forwarded-For %\[src\]$/m);
    expect(haproxy).not.toMatch(/^\s*option forwardfor/m);
    // Every spelling of /metrics, not only the exact one.
    expect(haproxy).toMatch(/http-request return status 404 if \{ path_beg -i \/metrics \}/);
  });

  it("never logs the client address", () => {
    const format = /^\s*log-format (.*)$/m.exec(haproxy)?.[1];
    expect(format).toBeDefined();
    expect(format).not.toMatch(/%ci|%fi|%\[src\]/);
    expect(/^\s*unique-id-format (.*)$/m.exec(haproxy)?.[1]).not.toMatch(/%ci|%\[src\]/);
  });
});

describe("deploy/prometheus-alerts.yml", () => {
  const rules = (parse(read("deploy/prometheus-alerts.yml")) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap(
    (g) => g.rules,
  );
  const metrics = read("server/metrics/metrics.ts");

  it("alerts on a long queue wait, an unclaimed escalation and Redis down", () => {
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining(["InloopQueueWaitLong", "InloopEscalationUnclaimed", "InloopRedisDown"]),
    );
  });

  it("pages before Redis fills up (a full Redis refuses every write while PING still answers)", () => {
    const rule = rules.find((r) => r.alert === "InloopRedisMemoryHigh");
    expect(rule?.expr).toMatch(/inloop_store_memory_used_ratio\) > 0\.[5-9]/);
  });

  it("uses only metrics the server exports (or Prometheus' own)", () => {
    for (const rule of rules) {
      for (const name of rule.expr.match(/\b(inloop_[a-z_]+)/g) ?? []) {
        const base = name.replace(/_(bucket|count|sum)$/, "");
        expect(metrics, `${rule.alert} uses ${name}`).toContain(`"${base}"`);
      }
    }
  });
});
