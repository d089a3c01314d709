/** `npm start` runs this first; see buildClientIfStale. */
import { buildClientIfStale } from "./clientBuild";

await buildClientIfStale();
