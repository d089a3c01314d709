import { afterAll, beforeAll, expect, it } from "vitest";
import type { RunningServer } from "../../server/app/startServer";
import { DEMO_PASSWORD } from "../../server/demo/seed";
import { type ClientSocket, closeAll, collect, nextEvent, ok, openStaff, openYouth } from "../helpers/clients";
import { startTestServer } from "../helpers/servers";

let server: RunningServer;
let now = Date.parse("2026-11-23T14:00:00Z");
const sockets: ClientSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({}, { clock: { now: () => now } });
});
afterAll(async () => {
  await closeAll(...sockets);
  await server.close();
});

it("keeps a youth for the chosen location until the overflow time, then any volunteer may take them", async () => {
  const sam = await openStaff(server.url, "sam@leiden.demo", DEMO_PASSWORD);
  const noor = await openStaff(server.url, "noor@amsterdam.demo", DEMO_PASSWORD);
  const youth = await openYouth(server.url);
  sockets.push(sam.socket, noor.socket, youth.socket);
  // Sam (Leiden, take-next) is available but busy elsewhere; Noor (Amsterdam) gets auto-assigned youths.
  await ok(sam.socket, "presence:set", { status: "available" });
  await ok(noor.socket, "presence:set", { status: "available" });
  const noorGot = collect(noor.socket, "conversation:assigned");

  const { conversation } = await ok(youth.socket, "queue:join", { locationChoice: "leiden" });
  now += 59_000;
  await server.dispatcher.run({ force: true });
  expect(noorGot).toEqual([]);

  const assigned = nextEvent(youth.socket, "conversation:assigned");
  now += 1_000; // 60 s: Leiden's overflow time has passed
  await server.dispatcher.run({ force: true });
  expect((await assigned).peer).toEqual({ role: "volunteer", name: "Noor" });
  expect(noorGot.map((a) => a.staff?.id)).toEqual([conversation.id]);
});
