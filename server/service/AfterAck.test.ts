import pino from "pino";
import { describe, expect, it } from "vitest";
import { AfterAck } from "./AfterAck";

function recordingLog() {
  const lines: { level: number; event?: string; attempt?: number }[] = [];
  const log = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { log, lines };
}

describe("AfterAck", () => {
  it("runs the work after the caller's current turn, not inside it", async () => {
    const order: string[] = [];
    const later = new AfterAck(recordingLog().log);
    later.run("work", "c1", async () => void order.push("work"));
    order.push("answer");
    await Promise.resolve();
    order.push("still the same turn");
    await later.settledFor("c1");
    expect(order).toEqual(["answer", "still the same turn", "work"]);
  });

  it("retries a failing piece of work and logs each retry; a success ends it", async () => {
    const { log, lines } = recordingLog();
    const later = new AfterAck(log, { attempts: 3, backoffMs: 1 });
    let calls = 0;
    later.run("risk.triage", "c1", async () => {
      calls += 1;
      if (calls < 3) throw new Error("store away");
    });
    await later.settled();
    expect(calls).toBe(3);
    expect(lines.filter((l) => l.event === "risk.triage.retry").map((l) => l.attempt)).toEqual([1, 2]);
    expect(lines.some((l) => l.event === "risk.triage.failed")).toBe(false);
  });

  it("gives up after the last attempt with an error line naming the work and its key, never a throw", async () => {
    const { log, lines } = recordingLog();
    const later = new AfterAck(log, { attempts: 2, backoffMs: 1 });
    later.run("risk.triage", "c9", async () => {
      throw new Error("still away");
    });
    await later.settled();
    expect(lines.filter((l) => l.event === "risk.triage.failed")).toEqual([expect.objectContaining({ level: 50, key: "c9", attempts: 2 })]);
  });

  it("lets a caller wait for one key's work only", async () => {
    const later = new AfterAck(recordingLog().log);
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const done: string[] = [];
    later.run("slow", "c1", async () => {
      await slow;
      done.push("c1");
    });
    later.run("fast", "c2", async () => void done.push("c2"));
    await later.settledFor("c2");
    expect(done).toEqual(["c2"]);
    release();
    await later.settledFor("c1");
    expect(done).toEqual(["c2", "c1"]);
    await later.settledFor("nothing-pending");
  });
});
