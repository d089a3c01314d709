/**
 * `npm run admin -- <command>`: bootstrap a production deployment (no demo accounts there).
 *
 *   npm run admin -- create-location <id> "<name>" [--time-zone Europe/Amsterdam]
 *   npm run admin -- create-coordinator <email> --name <first name> --location <id>
 *
 * Works on the shared Redis store (REDIS_URL or the Sentinel/Cluster settings): the in-memory
 * store lives inside one server process, out of this script's reach.
 */
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config/config";
import { createLocation, inviteNationalCoordinator } from "../server/service/admin/bootstrap";
import { connectRedis } from "../server/store/redis/connect";
import { createRedisStore } from "../server/store/redis/RedisStore";

const USAGE = `Usage:
  npm run admin -- create-location <id> "<name>" [--time-zone Europe/Amsterdam]
  npm run admin -- create-coordinator <email> --name <first name> --location <id>`;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: "string" }, location: { type: "string" }, "time-zone": { type: "string" } },
  });
  const [command, ...rest] = positionals;
  const config = loadConfig();
  if (!config.redis)
    throw new Error("REDIS_URL (or REDIS_SENTINELS / REDIS_CLUSTER_NODES) is required: the admin commands work on the shared store.");
  const redis = await connectRedis(config.redis);
  const store = createRedisStore(redis, { prefix: config.redisPrefix });
  try {
    if (command === "create-location" && rest.length === 2) {
      const location = await createLocation(store, {
        id: rest[0]!,
        name: rest[1]!,
        ...(values["time-zone"] && { timeZone: values["time-zone"] }),
      });
      console.log(`Location "${location.name}" (${location.id}) created, closed until a coordinator sets its opening hours.`);
    } else if (command === "create-coordinator" && rest.length === 1 && values.name && values.location) {
      const baseUrl = config.publicUrl ?? `http://localhost:${config.port}`;
      const invite = await inviteNationalCoordinator(
        store,
        { email: rest[0]!, displayName: values.name, locationId: values.location },
        { ttlMs: config.inviteTtlMs, baseUrl, now: Date.now() },
      );
      console.log(
        `National coordinator ${invite.staff.email} invited. Give them this link (it works once, until ${new Date(invite.expiresAt).toISOString()}):\n\n  ${invite.link}\n`,
      );
      if (!config.publicUrl) console.log("(Set PUBLIC_URL to the address people open, so the link points there.)");
    } else {
      console.error(USAGE);
      process.exitCode = 2;
    }
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
