/**
 * Item 1 of issue 14 under real faults: server processes SIGKILLed mid-chat while both sides write
 * every 100 ms, with the conforming client (client.ts) on both sides. Each round kills one of the
 * two processes: the youth's process for some chats, the volunteer's for others. The default run
 * is short; `npm run bench -- faults` runs the full count (CONFORMANCE_KILL_ROUNDS here does too).
 */
import { describe, expect, it } from "vitest";
import { redisAvailable } from "../helpers/redis";
import { runKillRounds } from "./killRounds";

const reachable = await redisAvailable("conformance kills");
const ROUNDS = Number(process.env.CONFORMANCE_KILL_ROUNDS ?? 3);

describe.skipIf(!reachable)("item 1: no acknowledged message lost when the youth's or the volunteer's process is killed", () => {
  it(
    `${ROUNDS} SIGKILLs, each of a process holding youths of some chats and volunteers of others: 0 lost either way`,
    async () => {
      const report = await runKillRounds({ rounds: ROUNDS });
      console.log(`conformance kills: ${JSON.stringify(report)}`);
      expect(report).toMatchObject({
        rounds: ROUNDS,
        youthProcessKills: ROUNDS,
        volunteerProcessKills: ROUNDS,
        lost: 0,
        lostYouthToVolunteer: 0,
        lostVolunteerToYouth: 0,
        duplicated: 0,
        refusals: 0,
      });
      expect(report.acked).toBeGreaterThan(ROUNDS * 100);
      expect(report.reconnects).toBeGreaterThan(0);
    },
    60_000 + ROUNDS * 30_000,
  );
});
