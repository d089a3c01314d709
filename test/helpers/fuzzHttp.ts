import fc from "fast-check";
import type { RunningServer } from "../../server/app/startServer";
import { fuzzValue, NASTY_STRINGS } from "./fuzzPayloads";
import { assertPrototypesClean, type FuzzCounts, type FuzzWorld, firstDifference, quietSnapshot } from "./fuzzWorld";
import { storeSnapshot } from "./storeSnapshot";

/** A route of the express app, as `METHOD path` with express's parameter syntax (`:id`, `{*path}`). */
export interface RouteInfo {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route registered on the app behind this HTTP server, nested routers included. */
export function listRoutes(server: RunningServer): RouteInfo[] {
  const app = server.app as unknown as { router: { stack: Layer[] } };
  const found: RouteInfo[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const path of paths) for (const method of Object.keys(layer.route.methods)) found.push({ method: method.toUpperCase(), path });
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack);
      }
    }
  };
  walk(app.router.stack);
  return found;
}

/** Ids of the fuzzer's own world: a path such as /api/admin/staff/st_sam/deactivate must not take it apart. */
const REAL_IDS = new Set(["st_sam", "leiden", "any"]);

/** A path segment; a lone surrogate becomes a malformed UTF-8 escape, which the server must refuse calmly. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value) || "x";
  } catch {
    return "%ED%A0%80";
  }
}

/** A concrete URL path for a route pattern: parameters filled with unknown ids and nasty strings. */
const pathFor = (pattern: string) =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...NASTY_STRINGS.filter((n) => !REAL_IDS.has(n))),
        fc.string({ maxLength: 10 }),
        fc.constantFrom("st_nobody", "sh_nobody", "c_nobody0000", "nobody"),
      ),
      { minLength: 4, maxLength: 4 },
    )
    .map((fills) => {
      let i = 0;
      return pattern.replace(/\{\*\w+\}|:\w+/g, () => encodeSegment(fills[i++ % 4]!));
    });

/** A body as a client could send it: JSON of a fuzz value, broken JSON, too large, or none. */
const httpBody = fc.oneof(
  { arbitrary: fuzzValue.map((v) => ({ text: JSON.stringify(v) ?? "null", type: "application/json" })), weight: 6 },
  {
    arbitrary: fc.constantFrom("{", '{"a":', "[1,2", "\u0000", "nul", '{"__proto__":').map((text) => ({ text, type: "application/json" })),
    weight: 2,
  },
  { arbitrary: fc.constant({ text: JSON.stringify({ x: "y".repeat(70_000) }), type: "application/json" }), weight: 1 },
  { arbitrary: fc.constant({ text: "email=a&password=b", type: "application/x-www-form-urlencoded" }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/**
 * One HTTP case: a route with fuzzed parameters and body, as nobody, Sam or Kim.
 * Logout routes go without a cookie: ending the fuzzer's own session is not a finding.
 */
export async function fuzzHttp(world: FuzzWorld, counts: FuzzCounts, routes: RouteInfo[], numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(
      fc
        .constantFrom(...routes)
        .chain((r) =>
          fc.tuple(
            fc.constant(r),
            pathFor(r.path),
            httpBody,
            fc.constantFrom("nobody", "volunteer", "coordinator") as fc.Arbitrary<"nobody" | "volunteer" | "coordinator">,
          ),
        ),
      async ([route, path, body, who]) => {
        await world.ensure();
        counts.httpRequests += 1;
        counts.cases += 1;
        const before = await quietSnapshot(world);
        const cookie = who !== "nobody" && !route.path.includes("logout") ? world.cookie(who) : undefined;
        const hasBody = body !== undefined && route.method !== "GET" && route.method !== "HEAD";
        const res = await fetch(`${world.server.url}${path}`, {
          method: route.method,
          headers: { ...(cookie && { cookie }), ...(hasBody && { "content-type": body.type }) },
          ...(hasBody && { body: body.text }),
        });
        await res.arrayBuffer();
        if (res.status >= 500) throw new Error(`${route.method} ${path}: ${res.status}`);
        await world.server.dispatcher.settled();
        if (res.status >= 400 && (await storeSnapshot(world.server.store, [world.conversationId])) !== before) {
          throw new Error(
            `${route.method} ${path}: refused with ${res.status} but the store changed: ${firstDifference(before, await storeSnapshot(world.server.store, [world.conversationId]))}`,
          );
        }
        assertPrototypesClean();
      },
    ),
    { numRuns, endOnFailure: true },
  );
}
