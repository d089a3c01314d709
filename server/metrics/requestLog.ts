import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/** Probes and scrapes arrive every few seconds; logging each would drown everything else. */
const QUIET_PATHS = new Set(["/healthz", "/readyz", "/metrics"]);

/** An id from the load balancer (nginx `$request_id`) is kept if it looks like one; anything else is replaced. */
const INCOMING_ID = /^[A-Za-z0-9-]{8,64}$/;

/**
 * Gives every HTTP request an id (echoed as `X-Request-Id`, so a user's report can be matched to
 * the log) and logs one line when it finishes: method, path, status, duration. Never the client's
 * address, headers, query or body: a path is all it keeps, and no route carries a secret in it.
 */
export function requestLog(log: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const incoming = req.headers["x-request-id"];
    const requestId = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", requestId);
    res.locals.requestId = requestId;
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (QUIET_PATHS.has(req.path) && res.statusCode < 500) return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // API calls at info; page assets only when debugging.
      const level = res.statusCode >= 500 ? "warn" : req.path.startsWith("/api/") ? "info" : "debug";
      log[level](
        { event: "http.request", requestId, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        "request",
      );
    });
    next();
  };
}
