/**
 * Property-based fuzzing of every socket event (taken from the protocol's Requests map, so a new
 * event is fuzzed without anyone adding it here) and every HTTP route the app registers. A few
 * thousand cases here; `npm run bench -- fuzz` runs over 100,000.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { type RequestName, Requests } from "../../shared/protocol";
import { emptyCounts, FUZZ_ENV, FuzzWorld, fuzzEventOrder, fuzzHttp, fuzzSocketEvent, listRoutes } from "../helpers/fuzz";
import { startTestServer, stopServer } from "../helpers/servers";

/** Cases per socket event; × 34 events, plus event order and HTTP, about 2,700 in all. */
const RUNS_PER_EVENT = 60;

describe("fuzzing the server with random and adversarial input", () => {
  let server: RunningServer;
  let world: FuzzWorld;
  const counts = emptyCounts();

  beforeAll(async () => {
    server = await startTestServer(FUZZ_ENV);
    world = new FuzzWorld(server);
    await world.build();
  });
  afterAll(async () => {
    world.close();
    await stopServer(server);
    console.log(`fuzz: ${JSON.stringify(counts)}`);
  });

  for (const event of Object.keys(Requests) as RequestName[]) {
    it(`${event}: answers every payload with a code; a rejected one changes nothing`, async () => {
      const before = counts.cases;
      await fuzzSocketEvent(world, counts, event, RUNS_PER_EVENT);
      expect(counts.cases - before).toBe(RUNS_PER_EVENT);
    });
  }

  it("refuses events out of order and ignores unknown ones, without hanging", async () => {
    const before = counts.cases;
    await fuzzEventOrder(world, counts, 60);
    expect(counts.cases - before).toBeGreaterThanOrEqual(60);
  });

  it("answers every HTTP route below 500 and changes nothing when it refuses", async () => {
    const routes = listRoutes(server);
    // The enumeration must see the routers, including the admin one, or this test fuzzes nothing.
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(["POST /api/auth/login", "GET /readyz", "POST /api/youth/quick-exit"]),
    );
    await fuzzHttp(world, counts, routes, 400);
    expect(counts.httpRequests).toBe(400);
  });

  it("reaches both sides of every handler: a run of its own is accepted sometimes and refused mostly", async () => {
    // Its own counts, so it holds alone (vitest -t) and whatever order the tests above ran in.
    const own = emptyCounts();
    for (const event of Object.keys(Requests) as RequestName[]) await fuzzSocketEvent(world, own, event, 15);
    expect(own.cases).toBe(15 * Object.keys(Requests).length);
    expect(own.accepted).toBeGreaterThan(10);
    expect(own.rejected).toBeGreaterThan(own.cases / 3);
  });
});
