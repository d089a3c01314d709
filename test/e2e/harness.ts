import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { CLIENT_DIST } from "../../scripts/clientBuild";
import type { RunningServer } from "../../server/app/startServer";
import { startTestServer } from "../helpers/servers";
import { launchBrowser } from "./browser";

/** One Chromium and one server with the built pages for a whole test file, closed after it. */
export function useBrowserAndServer(env: Record<string, string> = {}) {
  const e2e = { browser: undefined as unknown as Browser, server: undefined as unknown as RunningServer };
  beforeAll(async () => {
    e2e.browser = await launchBrowser();
    e2e.server = await startTestServer(env, { clientDir: CLIENT_DIST });
  });
  // The browser first: its pages' connections end, so the server's close has nothing left to wait for.
  afterAll(async () => {
    await e2e.browser?.close();
    await e2e.server?.close();
  });
  return e2e;
}
