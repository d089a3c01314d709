import { describe, expect, it } from "vitest";
import { loadConfig } from "../../config/config";
import { parseHostList } from "./connect";

describe("Redis topology from the environment", () => {
  it("reads host lists with default ports and IPv6 brackets", () => {
    expect(parseHostList("s1:26380, s2 ,[::1]:7000", 26379)).toEqual([
      { host: "s1", port: 26380 },
      { host: "s2", port: 26379 },
      { host: "::1", port: 7000 },
    ]);
    expect(() => parseHostList("a:b:c", 1)).toThrow(/host\[:port\]/);
  });

  it("is the in-memory store without any Redis setting", () => {
    expect(loadConfig({}).redis).toBeUndefined();
  });

  it("takes REDIS_URL as one server", () => {
    expect(loadConfig({ REDIS_URL: "redis://r:6380" }).redis).toEqual({ mode: "standalone", url: "redis://r:6380" });
  });

  it("takes Sentinel with the primary's name and passwords", () => {
    const redis = loadConfig({
      REDIS_SENTINELS: "s1,s2:26380",
      REDIS_SENTINEL_NAME: "main",
      REDIS_PASSWORD: "pw",
      REDIS_SENTINEL_PASSWORD: "spw",
    }).redis;
    expect(redis).toEqual({
      mode: "sentinel",
      sentinels: [
        { host: "s1", port: 26379 },
        { host: "s2", port: 26380 },
      ],
      name: "main",
      password: "pw",
      sentinelPassword: "spw",
      tls: false,
    });
  });

  it("takes Cluster seed nodes", () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: "n1:7000,n2:7001", REDIS_TLS: "true" }).redis).toEqual({
      mode: "cluster",
      nodes: [
        { host: "n1", port: 7000 },
        { host: "n2", port: 7001 },
      ],
      tls: true,
    });
  });

  it("refuses two topologies at once and bad host lists", () => {
    expect(() => loadConfig({ REDIS_URL: "redis://r:6379", REDIS_CLUSTER_NODES: "n1:7000" })).toThrow(
      /only one of REDIS_URL, REDIS_CLUSTER_NODES/,
    );
    expect(() => loadConfig({ REDIS_SENTINELS: ":::" })).toThrow(/REDIS_SENTINELS/);
  });
});
