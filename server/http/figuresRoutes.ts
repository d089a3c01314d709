import express, { type Request, type Response } from "express";
import type { Logger } from "pino";
import { type ErrorCode, FiguresQuery } from "../../shared/protocol";
import { describeIssues } from "../realtime/handle";
import { ServiceError } from "../service/errors";
import type { FiguresService } from "../service/FiguresService";
import type { StaffService } from "../service/StaffService";
import { requireRoleHttp } from "./staffAuth";

export interface FiguresHttpOptions {
  staff: StaffService;
  figures: FiguresService;
  log: Logger;
}

const STATUS_OF: Partial<Record<ErrorCode, number>> = { BAD_REQUEST: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403 };

/** Same error body as the rest of the API: `{ ok: false, code, message }`. */
function sendError(res: Response, code: ErrorCode, message: string): void {
  res.status(STATUS_OF[code] ?? 500).json({ ok: false, code, message });
}

/**
 * The anonymous figures for coordinators: `GET /api/figures` (JSON) and `GET /api/figures.csv`
 * (download). Thin: who is asking, parse the query, ask FiguresService.
 */
export function figuresRouter(o: FiguresHttpOptions): express.Router {
  const router = express.Router();

  const route =
    (answer: (req: Request, res: Response, query: FiguresQuery, me: Awaited<ReturnType<typeof requireRoleHttp>>) => Promise<void>) =>
    async (req: Request, res: Response) => {
      try {
        // Who first: a stranger learns nothing, not even whether the query was well-formed.
        const me = await requireRoleHttp(o.staff, req, ["coordinator"]);
        const parsed = FiguresQuery.safeParse(req.query);
        if (!parsed.success) return sendError(res, "BAD_REQUEST", describeIssues(parsed.error));
        res.setHeader("Cache-Control", "no-store");
        await answer(req, res, parsed.data, me);
      } catch (error) {
        if (error instanceof ServiceError) return sendError(res, error.code, error.message);
        o.log.error({ err: error, event: "http.figures.failed" }, "figures request failed");
        sendError(res, "INTERNAL", "Something went wrong on our side");
      }
    };

  router.get(
    "/api/figures",
    route(async (_req, res, query, me) => {
      res.json({ ok: true, data: await o.figures.report(me, query) });
    }),
  );

  router.get(
    "/api/figures.csv",
    route(async (_req, res, query, me) => {
      const { filename, body } = await o.figures.csv(me, query);
      res.setHeader("Content-Type", "text/csv; charset=utf-8");
      res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
      res.send(body);
    }),
  );
  return router;
}
