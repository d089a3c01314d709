import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { Server } from "socket.io";
import type { Config } from "../config/config";
import { DEMO_LOCATIONS, seedDemo } from "../demo/seed";
import { seedDemoFigures } from "../demo/figuresDemo";
import { systemClock, type Clock } from "../domain/types";
import { readSessionCookie } from "../http/cookies";
import { isAllowedOrigin } from "../http/origin";
import { networkOfRequest } from "../http/clientNetwork";
import { ConnectionsPerNetwork } from "../realtime/connectionsPerNetwork";
import { securityHeaders } from "../http/securityHeaders";
import { PLACEHOLDER_PAGE } from "../http/placeholder";
import { answerClientBundleNotFound } from "../http/clientBundle";
import { adminRouter } from "../http/adminRoutes";
import { apiRouter } from "../http/routes";
import { figuresRouter } from "../http/figuresRoutes";
import { reachRouter } from "../http/reachRoutes";
import { secondFactorRouter } from "../http/secondFactorRoutes";
import { AccessLog } from "../service/AccessLog";
import { ErasureService } from "../service/ErasureService";
import { SecondFactorService } from "../service/SecondFactorService";
import { LocationAdminService } from "../service/admin/LocationAdminService";
import { RosterService } from "../service/admin/RosterService";
import { StaffAdminService } from "../service/admin/StaffAdminService";
import { createLogger } from "../log";
import { onConnection, type AppSocket, type RealtimeServices } from "../realtime/connection";
import { SocketNotifier, type IoServer } from "../realtime/SocketNotifier";
import { ConversationService, type FailureBudget, type RateLimit } from "../service/ConversationService";
import type { ServiceDeps } from "../service/context";
import { Dispatcher } from "../service/Dispatcher";
import { StaffService } from "../service/StaffService";
import { AbuseGuard } from "../service/AbuseGuard";
import { LoginGuard } from "../service/LoginGuard";
import { loadDefaultRiskScorer } from "../domain/risk/riskScorer";
import { EscalationService } from "../service/EscalationService";
import { GhostSweeper } from "../service/GhostSweeper";
import { RetentionJob } from "../service/RetentionJob";
import { FiguresRollup } from "../service/FiguresRollup";
import { FiguresService } from "../service/FiguresService";
import { StaffConversationService } from "../service/StaffConversationService";
import { WrapUpService } from "../service/WrapUpService";
import { DebriefService } from "../service/DebriefService";
import { PushService } from "../service/PushService";
import { PushRelay } from "../push/PushRelay";
import { generateVapidKeys, webPushSender } from "../push/webPushSender";
import { YouthService } from "../service/YouthService";
import { ReturnCodeService } from "../service/ReturnCodeService";
import { createMemoryStore } from "../store/memory/MemoryStore";
import { createRedisStore } from "../store/redis/RedisStore";
import { connectRedis, socketAdapterFor, subscriberFor } from "../store/redis/connect";
import { resyncClientsAfterRedisOutage } from "../realtime/resyncAfterOutage";
import { Metrics } from "../metrics/metrics";
import { metricsRouter } from "../metrics/router";
import { requestLog } from "../metrics/requestLog";
import { localSocketRoles, logConnections } from "../metrics/socketObservers";
import type { Store } from "../store/Store";

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  io: IoServer;
  dispatcher: Dispatcher;
  log: Logger;
  /** The express app, so tests can list every route it registers (the fuzzer and the authorisation matrix). */
  app: express.Express;
  /** Graceful: stop taking connections, let clients reconnect elsewhere, finish work, close Redis. */
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  log?: Logger;
  /** Folder with the built client; defaults to client/dist when it exists. */
  clientDir?: string;
}

function rateLimit(limiter: RateLimiterAbstract, log: Logger): RateLimit {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        // A limiter that cannot reach Redis must not stop a youth's message from getting through.
        log.warn({ event: "ratelimit.unavailable" }, "rate limiter failed open");
        return true;
      }
    },
  };
}

/** Builds and starts one server process from a config: store, services, HTTP and socket.io. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const instanceId = randomUUID();

  const redis = config.redis ? await connectRedis(config.redis) : undefined;
  // Every store call is timed and every domain event counted for /metrics, without the services knowing.
  const metrics = new Metrics({ socketRoles: () => localSocketRoles(io) });
  const bareStore: Store = redis ? createRedisStore(redis, { prefix: config.redisPrefix }) : createMemoryStore();
  // A demo history for the coordinator's figures, in memory only (a new MemoryStore is empty), and into
  // the bare store so /metrics does not count it as live traffic.
  if (config.demoFigures && !redis) await seedDemoFigures(bareStore, clock.now(), DEMO_LOCATIONS.map((l) => l.id));
  const store: Store = metrics.instrument(bareStore);
  if (config.demo && (await seedDemo(store, clock.now()))) log.info({ event: "demo.seeded" }, "demo locations and staff created");

  /** Set on shutdown: /readyz answers 503 and no new socket is accepted, so clients go elsewhere. */
  let draining = false;
  const app = express();
  app.disable("x-powered-by");
  // A connection that never sends its request headers is closed after the handshake time, checked
  // every second (Node's default is a minute, checked every 30 s), so idle sockets cannot pile up.
  const httpServer: HttpServer = createServer({ connectionsCheckingInterval: 1000, headersTimeout: config.handshakeTimeoutMs, requestTimeout: Math.max(30_000, config.handshakeTimeoutMs * 2) }, app);
  // Node starts those timers only once a request begins: a connection that sends nothing at all is
  // closed here, after the same time.
  httpServer.on("connection", (socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, config.handshakeTimeoutMs);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
  const perNetwork = new ConnectionsPerNetwork(config.connectionsPerNetwork, (req) => networkOfRequest(req, config.trustProxy));
  const io: IoServer = new Server(httpServer, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // A socket that opened but never joined (no socket.io CONNECT) is closed after this.
    connectTimeout: config.handshakeTimeoutMs,
    // A draining process takes no new connections: the client's next try lands on another process.
    allowRequest: (req, callback) => callback(null, !draining && isAllowedOrigin(req, config.allowedOrigins) && perNetwork.allows(req)),
  });
  answerClientBundleNotFound(httpServer);
  io.engine.on("connection", (raw: { request: IncomingMessage; once(event: "close", listener: () => void): void }) => perNetwork.track(raw.request, (listener) => raw.once("close", listener)));
  const subscriber = redis && subscriberFor(redis);
  if (redis && subscriber) io.adapter(socketAdapterFor(redis, subscriber, config.redisPrefix));
  if (subscriber) resyncClientsAfterRedisOutage(subscriber, io, log.child({ layer: "realtime" }));

  const sockets = new SocketNotifier(io);
  const serviceLog = log.child({ layer: "service" });
  // Web Push: keys from the environment; a single in-memory process may make its own pair.
  const vapid = config.push.vapid ?? (redis ? undefined : generateVapidKeys());
  if (!config.push.vapid && vapid) log.info({ event: "push.vapid.generated" }, "VAPID keys made for this process (memory store); push subscriptions last until restart");
  if (!vapid) log.warn({ event: "push.off" }, "VAPID_PUBLIC_KEY / VAPID_PRIVATE_KEY not set: push notifications are off");
  const push = new PushService({ store, clock, notifier: sockets, log: serviceLog }, vapid && webPushSender({ ...vapid, subject: config.push.subject }), {
    ...(vapid && { publicKey: vapid.publicKey }),
    production: config.env === "production",
    allowedHosts: config.push.allowedHosts,
    youthTtlMs: config.youthSessionTtlMs,
  });
  const notifier = new PushRelay(sockets, push, store, log.child({ layer: "push" }));
  const deps: ServiceDeps = { store, clock, notifier, log: serviceLog, push };
  const escalations = new EscalationService(deps, config.escalationTimeoutsMs);
  const dispatcher = new Dispatcher(deps, (c) => escalations.flaggedAssigned(c));
  // Limits are shared by every process when Redis is there, so a second process is no way around them.
  const limiter = (name: string, points: number, duration: number) =>
    rateLimit(
      redis
        ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redisPrefix}rl:${name}`, points, duration })
        : new RateLimiterMemory({ keyPrefix: name, points, duration }),
      log,
    );
  /** A shared allowance that only failures spend: `spent()` asks without spending, `spend()` takes one. */
  const budget = (name: string, points: number, duration: number): FailureBudget => {
    const l = redis
      ? new RateLimiterRedis({ storeClient: redis, keyPrefix: `${config.redisPrefix}rl:${name}`, points, duration })
      : new RateLimiterMemory({ keyPrefix: name, points, duration });
    return {
      async spent(key = "all") {
        try {
          return ((await l.get(key))?.consumedPoints ?? 0) >= points;
        } catch {
          log.warn({ event: "ratelimit.unavailable" }, "budget check failed open");
          return false;
        }
      },
      async spend(key = "all") {
        await l.penalty(key, 1).catch(() => log.warn({ event: "ratelimit.unavailable" }, "budget not recorded"));
      },
    };
  };
  const messageLimit = limiter("msg", config.messageRatePer10s, 10);
  const joinLimit = limiter("join", config.joinsPer10Min, 600);
  const loginLimits = {
    perAccount: limiter("login", config.loginAttemptsPer15Min, 900),
    perAccountSlow: limiter("login-slow", 1, config.loginSlowAttemptSeconds),
    perDevice: limiter("login-device", config.loginAttemptsPer15Min, 900),
    perNetwork: limiter("login-net", config.loginAttemptsPerNetworkPer15Min, 900),
    failures: budget("login-failures", config.loginFailuresPerMinute, 60),
  };
  const signalLimit = limiter("signal", config.messageRatePer10s * 4, 10);
  const abuse = new AbuseGuard(store, clock, config.blockMs, config.networkHashSecret);
  const loginGuard = new LoginGuard(config.networkHashSecret, loginLimits, (network) => abuse.keyFor(network));
  if (!config.networkHashSecretSet && config.env === "production") log.warn({ event: "networkHash.localKey" }, "NETWORK_HASH_SECRET is not set: blocks and per-network limits reach this process only");
  const debriefs = new DebriefService(deps, escalations, messageLimit);
  const wrapUps = new WrapUpService(deps, debriefs);
  const conversations = new ConversationService(deps, dispatcher, messageLimit, wrapUps, { score: loadDefaultRiskScorer(), escalations }, signalLimit);
  const returnCodeLimit = limiter("return-code", config.returnCodes.attemptsPer10Min, 600);
  // Wrong codes from everywhere together: a guesser with many networks still gets nowhere.
  const returnCodeBudget = budget("return-code-failures", config.returnCodes.failuresPerHour, 3600);
  const returnCodes = new ReturnCodeService(deps, conversations, returnCodeLimit, { ...config.returnCodes, failures: returnCodeBudget });
  if (!config.returnCodes.secret) log.warn({ event: "returnCodes.off" }, "RETURN_CODE_SECRET is not set: return codes are switched off");
  const youth = new YouthService(
    deps,
    dispatcher,
    conversations,
    abuse,
    joinLimit,
    { sessionTtlMs: config.youthSessionTtlMs, maxQueuedPerNetwork: config.maxQueuedPerNetwork },
    returnCodes,
    { perNetwork: limiter("session", config.sessionsPerNetworkPer10Min, 600), global: limiter("session-all", config.sessionsPerMinute, 60) },
  );
  const sweeper = new GhostSweeper(deps, conversations, config.queueGoneMs, () => dispatcher.kick());
  const retention = new RetentionJob(deps, config.retentionDays, undefined, { accessLogDays: config.accessLogDays, owner: instanceId });
  const figuresRollup = new FiguresRollup(deps);
  const figures = new FiguresService(deps);
  const access = new AccessLog(deps);
  const secondFactor = new SecondFactorService(deps, config.secondFactor.key, access);
  const staff = new StaffService(deps, dispatcher, wrapUps, escalations, config.staffSessionIdleMs, config.staffSessionMaxMs, secondFactor);
  const staffConversations = new StaffConversationService(deps, conversations, dispatcher, abuse, messageLimit, escalations, returnCodes);
  let publicUrl = config.publicUrl ?? "";
  const locationAdmin = new LocationAdminService(deps);
  const staffAdmin = new StaffAdminService(deps, staffConversations, escalations, { ttlMs: config.inviteTtlMs, baseUrl: () => publicUrl });
  const roster = new RosterService(deps, escalations);
  const inviteLimit = limiter("invite", config.loginAttemptsPer15Min * 3, 900);

  app.use(securityHeaders({ behindTls: config.cookieSecure }));
  app.use(requestLog(log.child({ layer: "http" })));
  // Answers about people and sessions must not stay in a browser or proxy cache (a shared PC).
  app.use("/api", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  app.use(metricsRouter({ metrics, store, now: () => clock.now(), token: config.metricsToken, production: config.env === "production", log }));
  // Before apiRouter, whose catch-all answers unknown /api routes with 404.
  app.use(figuresRouter({ staff, figures, log: log.child({ layer: "http" }) }));
  app.use(secondFactorRouter({ staff, secondFactor, cookieSecure: config.cookieSecure, allowedOrigins: config.allowedOrigins, loginGuard, trustProxy: config.trustProxy, log: log.child({ layer: "http" }) }));
  app.use(adminRouter({ staff, locations: locationAdmin, staffAdmin, roster, secondFactor, access, erasure: new ErasureService(deps), cookieSecure: config.cookieSecure, allowedOrigins: config.allowedOrigins, inviteLimit, log: log.child({ layer: "http" }) }));
  app.use(reachRouter({ deps, staff, push, log: log.child({ layer: "http" }) }));
  app.use(apiRouter({ deps, staff, cookieSecure: config.cookieSecure, allowedOrigins: config.allowedOrigins, isDraining: () => draining, quickExitUrl: config.quickExitUrl, youth, loginGuard, trustProxy: config.trustProxy, log: log.child({ layer: "http" }) }));
  const clientDir = options.clientDir ?? path.resolve(import.meta.dirname, "../../client/dist");
  if (existsSync(path.join(clientDir, "index.html"))) {
    app.use(express.static(clientDir, { index: "index.html", maxAge: "1h" }));
    app.get("/{*page}", (_req, res) => res.sendFile(path.join(clientDir, "index.html")));
  } else {
    app.get("/", (_req, res) => res.type("html").send(PLACEHOLDER_PAGE));
  }

  const realtimeLog = log.child({ layer: "realtime" });
  const services: RealtimeServices = {
    deps,
    returnCodes,
    youth,
    staff,
    conversations,
    staffConversations,
    wrapUps,
    escalations,
    dispatcher,
    push,
    debriefs,
    presenceGraceMs: config.presenceGraceMs,
    connectionEventsPer10s: config.connectionEventsPer10s,
    trustProxy: config.trustProxy,
    timers: new Set(),
    staffSessionRecheckMs: config.staffSessionRecheckMs,
  };
  io.use(async (socket, next) => {
    try {
      const found = await staff.authenticate(readSessionCookie(socket.request.headers.cookie));
      if (found) (socket as AppSocket).data.actor = { kind: "staff", staff: found };
      next();
    } catch {
      next(new Error("UNAVAILABLE"));
    }
  });
  logConnections(io, realtimeLog);
  io.on("connection", (socket) => onConnection(socket as AppSocket, services, realtimeLog));

  // Overflow timers and estimates change with time alone; one process at a time re-evaluates them.
  let ticks = 0;
  // Look for gone youths a few times per grace period, at most every 15 s.
  const sweepEvery = Math.max(1, Math.round(Math.min(15_000, config.queueGoneMs / 4) / config.tickMs));
  const tick = setInterval(async () => {
    try {
      if (!(await store.tryLease("dispatch-tick", instanceId, config.tickMs * 3))) return;
      // Each job on its own: one failing must not stop escalations or the queue.
      const jobs: [string, () => Promise<unknown>][] = [
        // Roster first: a professional whose shift just began is offered what waits in this same pass.
        ["roster", () => roster.syncDuty()],
        ["escalations", () => escalations.tick()],
        ["dispatch", () => dispatcher.run({ force: true })],
        ["retention", () => retention.maybeRun()],
        ["figures", () => figuresRollup.maybeRun()],
      ];
      if (++ticks % sweepEvery === 0) jobs.unshift(["sweep", () => sweeper.sweep()]);
      for (const [name, job] of jobs) {
        await job().catch((error: unknown) => log.warn({ event: "tick.job.failed", job: name, err: error }, "periodic job failed"));
      }
    } catch (error) {
      log.warn({ event: "tick.failed", err: error }, "tick failed");
    }
  }, config.tickMs);
  tick.unref();

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${config.host === "0.0.0.0" ? "127.0.0.1" : config.host}:${port}`;
  publicUrl ||= url;
  log.info({ event: "server.started", port, store: redis ? "redis" : "memory" }, "listening");

  return {
    url,
    port,
    app,
    store,
    io,
    dispatcher,
    log,
    async close() {
      draining = true;
      // Not ready first, then wait: the load balancer stops routing here before clients are moved on.
      if (config.drainMs > 0) await new Promise((r) => setTimeout(r, config.drainMs));
      clearInterval(tick);
      for (const t of services.timers) clearTimeout(t);
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Sockets are closed by now; an HTTP keep-alive connection a browser still holds open must not
      // keep the process waiting (its clients reconnect elsewhere).
      httpServer.closeAllConnections();
      await closed;
      await dispatcher.settled();
      await store.close();
      subscriber?.disconnect();
      log.info({ event: "server.stopped" }, "stopped");
    },
  };
}
