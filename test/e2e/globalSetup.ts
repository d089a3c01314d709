import { buildClientIfStale } from "../../scripts/clientBuild";

/** The browser tests run against the built pages, as production serves them. */
export default async function setup(): Promise<void> {
  await buildClientIfStale();
}
