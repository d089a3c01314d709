import { timingSafeEqual } from "node:crypto";
import express from "express";
import type { Logger } from "pino";
import type { Store } from "../store/Store";
import type { Metrics } from "./metrics";

export interface MetricsRouteOptions {
  metrics: Metrics;
  store: Store;
  now: () => number;
  /** Bearer token Prometheus must send; undefined = open (development) or off (production). */
  token: string | undefined;
  production: boolean;
  log: Logger;
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `GET /metrics` in the Prometheus text format. The figures are anonymous but operational (queue
 * sizes, escalations), so production requires `METRICS_TOKEN`; without one it is not served there.
 * The load balancer does not pass /metrics either: Prometheus scrapes each instance directly.
 */
export function metricsRouter(o: MetricsRouteOptions): express.Router {
  // Exactly "/metrics": not "/metrics/" nor "/METRICS", which the load balancer's path rule would let through.
  const router = express.Router({ strict: true, caseSensitive: true });
  router.get("/metrics", async (req, res) => {
    if (o.token === undefined && o.production) return res.status(404).end();
    if (o.token !== undefined) {
      const header = req.headers.authorization ?? "";
      const given = header.startsWith("Bearer ") ? header.slice(7) : "";
      if (!sameSecret(given, o.token)) return res.status(401).set("WWW-Authenticate", "Bearer").end();
    }
    try {
      const body = await o.metrics.scrape(o.store, o.now());
      res.set("Content-Type", o.metrics.registry.contentType).set("Cache-Control", "no-store").send(body);
    } catch (error) {
      o.log.warn({ event: "metrics.failed", err: error }, "metrics scrape failed");
      res.status(500).end();
    }
  });
  return router;
}
