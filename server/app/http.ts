import { existsSync } from "node:fs";
import path from "node:path";
import express from "express";
import type { Logger } from "pino";
import type { Config } from "../config/config";
import type { Clock } from "../domain/clock";
import { adminRouter } from "../http/adminRoutes";
import { figuresRouter } from "../http/figuresRoutes";
import { PLACEHOLDER_PAGE } from "../http/placeholder";
import { reachRouter } from "../http/reachRoutes";
import { apiRouter } from "../http/routes";
import { secondFactorRouter } from "../http/secondFactorRoutes";
import { securityHeaders } from "../http/securityHeaders";
import type { Metrics } from "../metrics/metrics";
import { requestLog } from "../metrics/requestLog";
import { metricsRouter } from "../metrics/router";
import type { Store } from "../store/Store";
import type { Limits } from "./limits";
import type { Services } from "./services";

export interface HttpRoot {
  config: Config;
  services: Services;
  limits: Limits;
  store: Store;
  metrics: Metrics;
  clock: Clock;
  log: Logger;
  isDraining(): boolean;
  /** Folder with the built client; without its index.html a placeholder page is served. */
  clientDir: string;
}

/**
 * The HTTP side on `app`: security headers, the routers in their order, and the built pages. The app
 * exists before the HTTP server (socket.io must wrap the app's request listener, not run beside it);
 * its routes come once the services do.
 */
export function mountHttp(
  app: express.Express,
  { config, services, limits, store, metrics, clock, log, isDraining, clientDir }: HttpRoot,
): void {
  const { staff, figures, secondFactor, loginGuard, locationAdmin, staffAdmin, roster, access, erasure, push, deps, youth } = services;
  const httpLog = log.child({ layer: "http" });
  app.use(securityHeaders({ behindTls: config.cookieSecure }));
  app.use(requestLog(httpLog));
  // Answers about people and sessions must not stay in a browser or proxy cache (a shared PC).
  app.use("/api", (_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  app.use(
    metricsRouter({ metrics, store, now: () => clock.now(), token: config.metricsToken, production: config.env === "production", log }),
  );
  // Before apiRouter, whose catch-all answers unknown /api routes with 404.
  app.use(figuresRouter({ staff, figures, log: httpLog }));
  app.use(
    secondFactorRouter({
      staff,
      secondFactor,
      cookieSecure: config.cookieSecure,
      allowedOrigins: config.allowedOrigins,
      loginGuard,
      trustProxy: config.trustProxy,
      log: httpLog,
    }),
  );
  app.use(
    adminRouter({
      staff,
      locations: locationAdmin,
      staffAdmin,
      roster,
      secondFactor,
      access,
      erasure,
      cookieSecure: config.cookieSecure,
      allowedOrigins: config.allowedOrigins,
      inviteLimit: limits.invite,
      log: httpLog,
    }),
  );
  app.use(reachRouter({ deps, staff, push, log: httpLog }));
  app.use(
    apiRouter({
      deps,
      staff,
      cookieSecure: config.cookieSecure,
      allowedOrigins: config.allowedOrigins,
      isDraining,
      quickExitUrl: config.quickExitUrl,
      youth,
      loginGuard,
      trustProxy: config.trustProxy,
      log: httpLog,
    }),
  );
  if (existsSync(path.join(clientDir, "index.html"))) {
    app.use(express.static(clientDir, { index: "index.html", maxAge: "1h" }));
    app.get("/{*page}", (_req, res) => res.sendFile(path.join(clientDir, "index.html")));
  } else {
    app.get("/", (_req, res) => res.type("html").send(PLACEHOLDER_PAGE));
  }
}
