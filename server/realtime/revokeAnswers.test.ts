import type { Logger } from "pino";
import { describe, expect, it } from "vitest";
import { RightsRegistry } from "./rights";
import { type IoServer, SocketNotifier } from "./SocketNotifier";

/** A notifier whose other processes answer a revocation as given, and the warnings it logs. */
function notifierAnswering(answer: (ack: (error: Error | null, answers?: unknown[]) => void) => void) {
  const warnings: string[] = [];
  const io = {
    of: () => ({ adapter: { serverSideEmit: (packet: unknown[]) => answer(packet[2] as (e: Error | null, a?: unknown[]) => void) } }),
    in: () => ({ disconnectSockets: () => {} }),
  } as unknown as IoServer;
  const log = { warn: (fields: { event: string }) => warnings.push(fields.event) } as unknown as Logger;
  const notifier = new SocketNotifier(io, new RightsRegistry({ now: () => 0 }, 15_000), { clustered: true, log });
  return { notifier, warnings };
}

describe("a revocation's answers from the other processes", () => {
  it("is confirmed when every process applied it", async () => {
    const { notifier, warnings } = notifierAnswering((ack) => ack(null, [true, true]));
    await notifier.revoke({ conversation: "c1" });
    expect(warnings).toEqual([]);
  });

  it("is not confirmed when a process could not apply it, nor when the wait ran out", async () => {
    const refused = notifierAnswering((ack) => ack(null, [true, false]));
    await refused.notifier.revoke({ conversation: "c1" });
    expect(refused.warnings).toEqual(["rights.revoke.unconfirmed"]);
    const timedOut = notifierAnswering((ack) => ack(new Error("timeout reached"), [true]));
    await timedOut.notifier.revoke({ staff: "s1", close: true });
    expect(timedOut.warnings).toEqual(["rights.revoke.unconfirmed"]);
  });
});
