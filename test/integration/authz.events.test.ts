/**
 * The authorisation matrix, socket events: every role × every event, with the expected allow (Y) or
 * deny (N) written as a table below (what Y and N mean, the roles and each cell's world:
 * test/helpers/authzMatrix.ts; the HTTP routes: authz.routes.test.ts).
 *
 * New socket events are picked up from the protocol's `Requests` map: an event without a row fails
 * the test, so nobody adds an event without deciding who may send it.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PROTOCOL_VERSION, type RequestName, Requests } from "../../shared/protocol";
import { buildWorld, parseTable, ROLES, type RoleName, type Setup, socketFor, useMatrix, type World } from "../helpers/authzMatrix";
import { closeAll, requestOrClosed } from "../helpers/clients";
import { makeDevice } from "../helpers/pushService";
import { storeSnapshot } from "../helpers/storeSnapshot";

// prettier-ignore
const SOCKET_MATRIX = parseTable(`
                         youth otherYouth noSession volunteer otherVolunteer professional otherProfessional coordinator deactivated deactivatedBack loggedOut
session:open               N       N         Y         N           N             N             N                N          N          Y               Y
session:resume             Y       Y         N         N           N             N             N                N          N          N               N
service:status             Y       Y         Y         Y           Y             Y             Y                Y          N          Y               Y
queue:join                 N       Y         N         N           N             N             N                N          N          N               N
queue:leave                Y       N         N         N           N             N             N                N          N          N               N
feedback:give              Y       N         N         N           N             N             N                N          N          N               N
# A return code is a bearer secret, like the session token: any youth session that holds it may check or forget it.
returnCode:take            Y       N         N         N           N             N             N                N          N          N               N
returnCode:check           Y       Y         N         N           N             N             N                N          N          N               N
returnCode:forget          Y       Y         N         N           N             N             N                N          N          N               N
message:send               Y       N         N         Y           N             N             N                N          N          N               N
conversation:sync          Y       N         N         Y           N             Y             N                N          N          N               N
delivery:confirm           Y       N         N         Y           N             N             N                N          N          N               N
typing:set                 Y       N         N         Y           N             N             N                N          N          N               N
conversation:end           Y       N         N         Y           N             N             N                N          N          N               N
note:set                   N       N         N         Y           N             Y             N                N          N          N               N
whisper:send               N       N         N         Y           N             Y             N                N          N          N               N
conversation:transfer      N       N         N         Y           N             N             N                N          N          N               N
conversation:block         N       N         N         Y           N             N             N                N          N          N               N
wrapup:submit              N       N         N         Y           N             N             N                N          N          N               N
wrapup:todo                N       N         N         Y           Y             Y             Y                Y          N          N               N
presence:list              N       N         N         Y           Y             Y             Y                Y          N          N               N
escalation:raise           N       N         N         Y           N             N             N                N          N          N               N
escalation:list            N       N         N         N           N             Y             Y                N          N          N               N
escalation:claim           N       N         N         N           N             Y             Y                N          N          N               N
escalation:resolve         N       N         N         N           N             Y             N                N          N          N               N
# Duty only for one's own locations (home, or cover a coordinator who runs it gave): Bram (Amsterdam) not for Leiden.
duty:set                   N       N         N         N           N             Y             N                N          N          N               N
conversation:watch         N       N         N         N           N             Y             N                N          N          N               N
conversation:join          N       N         N         N           N             Y             N                N          N          N               N
conversation:live          N       N         N         N           N             Y             Y                N          N          N               N
conversation:takeover      N       N         N         N           N             Y             N                N          N          N               N
conversation:handback      N       N         N         N           N             Y             N                N          N          N               N
# Only forgets the sender's own read-along list (and leaves rooms they had no other reason to be in).
conversation:unwatch       N       N         N         N           N             Y             Y                N          N          N               N
staff:sync                 N       N         N         Y           Y             Y             Y                Y          N          N               N
presence:set               N       N         N         Y           Y             N             N                N          N          N               N
queue:take                 N       N         N         Y           N             N             N                N          N          N               N
# ── Reach (issue 13: push, debrief) ──
# A youth may ask to be told of their turn only while waiting; coordinators get no alerts.
push:subscribe             Y       N         N         Y           Y             Y             Y                N          N          N               N
push:unsubscribe           Y       Y         N         Y           Y             Y             Y                N          N          N               N
debrief:request            N       N         N         Y           N             N             N                N          N          N               N
debrief:list               N       N         N         Y           Y             Y             Y                N          N          N               N
# Any professional on duty may take a debrief up; after that the thread is the volunteer's and hers only.
debrief:claim              N       N         N         N           N             Y             Y                N          N          N               N
debrief:send               N       N         N         Y           N             Y             N                N          N          N               N
debrief:sync               N       N         N         Y           N             Y             N                N          N          N               N
debrief:close              N       N         N         Y           N             Y             N                N          N          N               N
# A professional takes a waiting youth of a queue they are on duty for (Eva: Leiden; Bram: Amsterdam only).
queue:claim                N       N         N         N           N             Y             N                N          N          N               N
professional:state         N       N         N         N           N             Y             Y                N          N          N               N
`);

interface SocketRow {
  setup?: Setup;
  payload: (w: World, role: RoleName) => unknown;
}

const chat = (w: World) => ({ conversationId: w.conversationId });
const SOCKET_ROWS: Record<string, SocketRow> = {
  "session:open": { payload: () => ({ protocolVersion: PROTOCOL_VERSION }) },
  // Each role resumes with its own token, if it has one; a made-up token otherwise.
  "session:resume": {
    payload: (w, role) => ({ protocolVersion: PROTOCOL_VERSION, token: w.tokenOf[role] ?? randomUUID() + randomUUID() }),
  },
  "service:status": { payload: () => ({}) },
  "queue:join": { payload: () => ({ locationChoice: "leiden" }) },
  "queue:leave": { setup: "queued", payload: () => ({}) },
  "feedback:give": { setup: "ended", payload: (w) => ({ ...chat(w), helped: 4 }) },
  "returnCode:take": { setup: "ended", payload: chat },
  "returnCode:check": { setup: "returnCodeTaken", payload: (w) => ({ code: w.returnCode }) },
  "returnCode:forget": { setup: "returnCodeTaken", payload: (w) => ({ code: w.returnCode }) },
  "message:send": { payload: (w) => ({ ...chat(w), id: randomUUID(), text: "hallo" }) },
  "conversation:sync": { payload: (w) => ({ ...chat(w), afterSeq: 0 }) },
  "delivery:confirm": { payload: (w) => ({ ...chat(w), upToSeq: 0 }) },
  "typing:set": { payload: (w) => ({ ...chat(w), typing: true }) },
  "conversation:end": { payload: chat },
  "note:set": { payload: (w) => ({ ...chat(w), note: "internal" }) },
  "whisper:send": { payload: (w) => ({ ...chat(w), id: randomUUID(), text: "staff only" }) },
  "conversation:transfer": { payload: (w) => ({ ...chat(w), to: { locationChoice: "leiden" } }) },
  "conversation:block": { payload: chat },
  "wrapup:submit": { setup: "ended", payload: (w) => ({ ...chat(w), topics: [], referral: "none", rating: 3, debrief: false }) },
  "wrapup:todo": { payload: () => ({}) },
  "presence:list": { payload: () => ({}) },
  "escalation:raise": { payload: (w) => ({ ...chat(w), level: "consult" }) },
  "escalation:list": { payload: () => ({}) },
  "escalation:claim": { payload: (w) => ({ escalationId: w.escalationId }) },
  "escalation:resolve": {
    setup: "escalationClaimed",
    payload: (w) => ({ escalationId: w.escalationId, outcome: "talked", referral: "none" }),
  },
  "duty:set": { payload: () => ({ onDuty: true, locationIds: ["leiden"] }) },
  "conversation:watch": { payload: chat },
  "conversation:join": { payload: chat },
  "conversation:live": { payload: () => ({}) },
  "conversation:takeover": { setup: "professionalJoined", payload: chat },
  "conversation:handback": { setup: "professionalTookOver", payload: chat },
  "conversation:unwatch": { payload: chat },
  "staff:sync": { payload: () => ({ protocolVersion: PROTOCOL_VERSION }) },
  "presence:set": { payload: () => ({ status: "break" }) },
  "queue:take": { setup: "queued", payload: () => ({}) },
  "push:subscribe": {
    setup: "queued",
    payload: () => ({ subscription: { endpoint: "http://127.0.0.1:9/push/authz", keys: makeDevice().keys } }),
  },
  "push:unsubscribe": { payload: () => ({ endpoint: "http://127.0.0.1:9/push/authz" }) },
  "debrief:request": { payload: chat },
  "debrief:list": { payload: () => ({}) },
  "debrief:claim": { setup: "debriefOpen", payload: (w) => ({ debriefId: w.debriefId }) },
  "debrief:send": { setup: "debriefClaimed", payload: (w) => ({ debriefId: w.debriefId, id: randomUUID(), text: "even napraten" }) },
  "debrief:sync": { setup: "debriefClaimed", payload: (w) => ({ debriefId: w.debriefId }) },
  "debrief:close": { setup: "debriefClaimed", payload: (w) => ({ debriefId: w.debriefId }) },
  "queue:claim": { setup: "queued", payload: chat },
  "professional:state": { payload: () => ({}) },
};

describe("authorisation matrix: socket events", () => {
  const m = useMatrix();

  it("has a row for every socket event of the protocol", () => {
    const events = Object.keys(Requests).sort();
    expect([...SOCKET_MATRIX.keys()].sort()).toEqual(events);
    expect(Object.keys(SOCKET_ROWS).sort()).toEqual(events);
  });

  for (const event of Object.keys(Requests) as RequestName[]) {
    it(`${event}: only the roles the table allows`, async () => {
      const { server, extra } = m;
      const row = SOCKET_ROWS[event]!;
      const expected = SOCKET_MATRIX.get(event)!;
      const outcomes: string[] = [];
      // A refused request leaves the store as it was (checked below), so the next role may reuse the world.
      let w = await buildWorld(m, row.setup);
      for (const role of ROLES) {
        const socket = await socketFor(m, role, w);
        const before = await storeSnapshot(server.store, [w.conversationId]);
        const ack = await requestOrClosed(socket, event, row.payload(w, role));
        await server.dispatcher.settled();
        const after = await storeSnapshot(server.store, [w.conversationId]);
        const got = ack.ok ? "Y" : "N";
        const detail = ack.ok ? "ok" : ack.code;
        if (got !== expected[role]) outcomes.push(`${role}: expected ${expected[role]}, got ${detail}`);
        if (!ack.ok && ["BAD_REQUEST", "INTERNAL", "UNAVAILABLE"].includes(ack.code))
          outcomes.push(`${role}: refused for the wrong reason (${ack.code}: ${ack.message})`);
        if (!ack.ok && before !== after) outcomes.push(`${role}: refused (${ack.code}) but the store changed`);
        await closeAll(...extra.splice(0));
        if (ack.ok || before !== after) w = await buildWorld(m, row.setup);
      }
      expect(outcomes).toEqual([]);
    });
  }
});
