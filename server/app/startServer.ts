import { randomUUID } from "node:crypto";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import type { Logger } from "pino";
import type { Config } from "../config/config";
import { seedDemoFigures } from "../demo/figuresDemo";
import { DEMO_LOCATIONS, seedDemo } from "../demo/seed";
import { type Clock, systemClock } from "../domain/clock";
import { createLogger } from "../log";
import { Metrics } from "../metrics/metrics";
import { localSocketRoles } from "../metrics/socketObservers";
import { type IoServer, SocketNotifier } from "../realtime/SocketNotifier";
import type { Dispatcher } from "../service/Dispatcher";
import { createMemoryStore } from "../store/memory/MemoryStore";
import { connectRedis, type RedisClient } from "../store/redis/connect";
import { createRedisStore } from "../store/redis/RedisStore";
import type { Store } from "../store/Store";
import { mountHttp } from "./http";
import { startPeriodicJobs } from "./jobs";
import { createLimits } from "./limits";
import { createRealtime } from "./realtime";
import { buildServices } from "./services";

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

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const instanceId = randomUUID();

  const redis = config.redis ? await connectRedis(config.redis) : undefined;
  // Every store call is timed and every domain event counted for /metrics, without the services knowing.
  // The socket server comes after the store; /metrics asks it for the roles connected here.
  let ioForMetrics: IoServer | undefined;
  const metrics = new Metrics({ socketRoles: () => (ioForMetrics ? localSocketRoles(ioForMetrics) : []) });
  const store = await openStore(config, redis, metrics, clock, log);

  /** Set on shutdown: /readyz answers 503 and no new socket is accepted, so clients go elsewhere. */
  let draining = false;
  const isDraining = () => draining;
  let publicUrl = config.publicUrl ?? "";
  const app = express();
  app.disable("x-powered-by");
  const httpServer = createHttpServer(config, app);
  const realtime = createRealtime(config, httpServer, redis, isDraining, log, clock);
  const io = realtime.io;
  ioForMetrics = io;

  const limits = createLimits(config, redis, log);
  const services = buildServices({
    config,
    store,
    clock,
    log,
    sockets: new SocketNotifier(io, realtime.rights, { clustered: redis !== undefined, log: log.child({ layer: "realtime" }) }),
    limits,
    shared: redis !== undefined,
    instanceId,
    publicUrl: () => publicUrl,
  });
  const clientDir = options.clientDir ?? path.resolve(import.meta.dirname, "../../client/dist");
  mountHttp(app, { config, services, limits, store, metrics, clock, log, isDraining, clientDir });
  const served = realtime.serve(services);
  const stopJobs = startPeriodicJobs(config, store, services, instanceId, log);
  const { dispatcher } = services;

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
      stopJobs();
      for (const t of served.timers) clearTimeout(t);
      const closed = new Promise<void>((resolve) => io.close(() => resolve()));
      // Sockets are closed by now; an HTTP keep-alive connection a browser still holds open must not
      // keep the process waiting (its clients reconnect elsewhere).
      httpServer.closeAllConnections();
      await closed;
      await services.afterAck.settled();
      await dispatcher.settled();
      await store.close();
      realtime.subscriber?.disconnect();
      log.info({ event: "server.stopped" }, "stopped");
    },
  };
}

/**
 * The store of this process: Redis when configured, else memory; every call timed for /metrics.
 * The demo's locations and staff are seeded when asked, and in memory a month of demo figures.
 */
async function openStore(config: Config, redis: RedisClient | undefined, metrics: Metrics, clock: Clock, log: Logger): Promise<Store> {
  const bareStore: Store = redis ? createRedisStore(redis, { prefix: config.redisPrefix }) : createMemoryStore();
  // A demo history for the coordinator's figures, in memory only (a new MemoryStore is empty), and into
  // the bare store so /metrics does not count it as live traffic.
  if (config.demoFigures && !redis)
    await seedDemoFigures(
      bareStore,
      clock.now(),
      DEMO_LOCATIONS.map((l) => l.id),
    );
  const store: Store = metrics.instrument(bareStore);
  if (config.demo && (await seedDemo(store, clock.now()))) log.info({ event: "demo.seeded" }, "demo locations and staff created");

  return store;
}

/** The HTTP server, with idle connections closed after the handshake time. */
function createHttpServer(config: Config, app: express.Express): HttpServer {
  // A connection that never sends its request headers is closed after the handshake time, checked
  // every second (Node's default is a minute, checked every 30 s), so idle sockets cannot pile up.
  const httpServer: HttpServer = createServer(
    {
      connectionsCheckingInterval: 1000,
      headersTimeout: config.handshakeTimeoutMs,
      requestTimeout: Math.max(30_000, config.handshakeTimeoutMs * 2),
    },
    app,
  );
  // Node starts those timers only once a request begins: a connection that sends nothing at all is
  // closed here, after the same time.
  httpServer.on("connection", (socket) => {
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, config.handshakeTimeoutMs);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  });
  return httpServer;
}
