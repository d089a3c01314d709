import { startServer } from "./app/startServer";
import { loadConfig } from "./config/config";
import { DEMO_PASSWORD, DEMO_STAFF } from "./demo/seed";

/** `npm start`: one server process, configured from the environment. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = await startServer(config);
  const lines = [
    "",
    `Inloop is running (${config.redis ? `Redis store, ${config.redis.mode}` : "in-memory store: state is lost on restart"})`,
    `  Youth chat:    ${server.url}/`,
    `  Staff console: ${server.url}/console`,
    `  Health:        ${server.url}/healthz  ${server.url}/readyz`,
  ];
  if (config.demo) {
    lines.push("", `Demo logins (password for all: ${DEMO_PASSWORD}):`);
    for (const s of DEMO_STAFF) {
      const where = s.manages === "all" ? "all locations" : s.manages ? `runs ${s.manages.join(", ")}` : s.locationId;
      lines.push(`  ${s.role.padEnd(13)} ${s.displayName.padEnd(6)} ${s.email.padEnd(22)} (${where})`);
    }
  }
  console.log(`${lines.join("\n")}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.log.info({ event: "server.stopping", signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000 + config.drainMs);
    force.unref();
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
