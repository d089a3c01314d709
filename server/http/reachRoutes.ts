import express from "express";
import type { Logger } from "pino";
import type { DutyStatusView } from "../../shared/protocol";
import { managedLocationIds } from "../domain/access/scope";
import type { ServiceDeps } from "../service/context";
import type { PushService } from "../service/PushService";
import type { StaffService } from "../service/StaffService";
import { apiErrorHandler } from "./routes";
import { requireRoleHttp } from "./staffAuth";

export interface ReachRouteOptions {
  deps: ServiceDeps;
  staff: StaffService;
  push: PushService;
  log: Logger;
}

/**
 * `GET /api/push/key`: the VAPID public key pages subscribe with (public; null when push is off).
 * `GET /api/duty`: who is on duty now and whether they can be reached ("niet bereikbaar"), for
 * professionals (every location) and coordinators (the locations they run).
 */
export function reachRouter(o: ReachRouteOptions): express.Router {
  const router = express.Router();

  router.get("/api/push/key", (_req, res) => {
    res.json({ ok: true, data: { publicKey: o.push.publicKey ?? null } });
  });

  router.get("/api/duty", async (req, res) => {
    const me = await requireRoleHttp(o.staff, req, ["professional", "coordinator"]);
    const { store, notifier } = o.deps;
    const [duties, staff, locations] = await Promise.all([store.listDuty(), store.listStaff(), store.listLocations()]);
    const mine =
      me.role === "coordinator"
        ? new Set(
            managedLocationIds(
              me,
              locations.map((l) => l.id),
            ),
          )
        : undefined;
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    const visible = duties.filter((d) => !mine || d.locationIds.some((id) => mine.has(id)));
    const views: DutyStatusView[] = await Promise.all(
      visible.map(async (d) => ({
        staffId: d.staffId,
        displayName: names.get(d.staffId) ?? d.staffId,
        locationIds: d.locationIds,
        since: d.since,
        reach: await notifier.reachOf(d.staffId),
      })),
    );
    res.setHeader("Cache-Control", "no-store");
    res.json({ ok: true, data: views.sort((a, b) => a.since - b.since) });
  });

  router.use(apiErrorHandler(o.log));
  return router;
}
