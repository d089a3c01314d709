/**
 * docs/PROTOCOL.md is the contract clients are written from: every request a client may send and
 * every broadcast the server makes must be in it. Requests come from the runtime map; broadcasts
 * are a type, so their names are read from the interfaces' source.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Requests } from "./events";

const DOC = readFileSync(join(import.meta.dirname, "../../docs/PROTOCOL.md"), "utf8");

function interfaceKeys(file: string, name: string): string[] {
  const source = readFileSync(join(import.meta.dirname, file), "utf8");
  const start = source.indexOf(`export interface ${name}`);
  expect(start, `${name} in ${file}`).toBeGreaterThanOrEqual(0);
  const body = source.slice(source.indexOf("{", start), source.indexOf("\n}\n", start));
  return [...body.matchAll(/^ {2}"([a-z]+:[a-zA-Z]+)":/gm)].map((m) => m[1]!);
}

const broadcasts = [...interfaceKeys("events.ts", "ServerToClientEvents"), ...interfaceKeys("reach.ts", "ReachServerEvents")];
const documented = (name: string) => DOC.includes(`\`${name}\``) || DOC.includes(`\`${name} `);

describe("docs/PROTOCOL.md", () => {
  it("finds the protocol's names (the scan works)", () => {
    expect(Object.keys(Requests).length).toBeGreaterThan(30);
    expect(broadcasts).toEqual(expect.arrayContaining(["message:received", "escalation:alert", "debrief:message"]));
  });

  it("names every request a client may send", () => {
    expect(Object.keys(Requests).filter((name) => !documented(name))).toEqual([]);
  });

  it("names every broadcast the server makes", () => {
    expect(broadcasts.filter((name) => !documented(name))).toEqual([]);
  });
});
