import { describe, expect, it } from "vitest";
import { sweepStep } from "./queueSweep";

describe("the queue sweep", () => {
  const grace = 60_000;
  it("leaves a youth whose page is connected alone", () => {
    expect(sweepStep({ priority: 0 }, true, 0, 10 * grace, grace)).toEqual({ kind: "present" });
  });

  it("keeps a gone youth's place during the grace time, counted from when they were first missed", () => {
    expect(sweepStep({ priority: 0 }, false, undefined, 1000, grace)).toEqual({ kind: "absent", since: 1000 });
    expect(sweepStep({ priority: 0 }, false, 1000, 1000 + grace - 1, grace)).toEqual({ kind: "absent", since: 1000 });
    expect(sweepStep({ priority: 0 }, false, 1000, 1000 + grace, grace)).toEqual({ kind: "release", flagged: false });
  });

  it("releases a flagged youth whose page has been gone as long as anyone else, marked as flagged", () => {
    expect(sweepStep({ priority: 10 }, false, 1000, 1000 + grace - 1, grace)).toEqual({ kind: "absent", since: 1000 });
    expect(sweepStep({ priority: 10 }, false, 1000, 1000 + grace, grace)).toEqual({ kind: "release", flagged: true });
  });
});
