import { spawnServer as spawn, type ServerProcess } from "../../test/helpers/servers";

/** Bench servers are real `server/main.ts` processes, started as the tests start them. */
export const spawnServer = spawn;

export async function stopServerProcess(server: ServerProcess): Promise<void> {
  await server.stop("SIGTERM");
}
