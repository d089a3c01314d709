import { describe, expect, it } from "vitest";
import { sweepStep } from "./queueSweep";

describe("the queue sweep", () => {
  const grace = 60_000;
  it("leaves a youth whose page is not known to be gone alone", () => {
    expect(sweepStep({ priority: 0 }, 10 * grace, grace)).toEqual({ kind: "present" });
  });

  it("keeps a disconnected youth's place during the grace time, counted from the disconnect", () => {
    expect(sweepStep({ priority: 0, disconnectedAt: 1000 }, 1000 + grace - 1, grace)).toEqual({ kind: "absent", since: 1000 });
    expect(sweepStep({ priority: 0, disconnectedAt: 1000 }, 1000 + grace, grace)).toEqual({ kind: "release", flagged: false });
  });

  it("releases a flagged youth whose page has been gone as long as anyone else, marked as flagged", () => {
    expect(sweepStep({ priority: 10, disconnectedAt: 1000 }, 1000 + grace - 1, grace)).toEqual({ kind: "absent", since: 1000 });
    expect(sweepStep({ priority: 10, disconnectedAt: 1000 }, 1000 + grace, grace)).toEqual({ kind: "release", flagged: true });
  });
});
