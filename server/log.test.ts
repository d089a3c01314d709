import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./log";

describe("the logger", () => {
  it("never copies the arguments of a failed Redis command into the log", () => {
    let out = "";
    const sink = new Writable({ write: (chunk, _enc, done) => ((out += String(chunk)), done()) });
    const log = createLogger("info", sink);
    const error = Object.assign(new Error("OOM command not allowed when used memory > 'maxmemory'."), {
      name: "ReplyError",
      command: { name: "evalsha", args: ["sha", "3", "k1", '{"text":"I want to hurt myself SECRET"}'] },
    });
    log.error({ err: error, event: "handler.failed" }, "handler failed");
    expect(out).toContain("ReplyError");
    expect(out).toContain("handler.failed");
    expect(out).not.toContain("SECRET");
    expect(out).not.toContain("hurt");
  });
});
