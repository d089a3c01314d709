/** `npm run bench [-- name…]`: runs the named benchmarks (all by default) and writes loadtest/results/. */
import { main as escalation } from "./escalation";

const benches: Record<string, () => Promise<void>> = { escalation };
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
for (const name of wanted.length ? wanted : Object.keys(benches)) {
  const run = benches[name];
  if (!run) {
    console.error(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(", ")}`);
    process.exit(2);
  }
  console.log(`bench: ${name}`);
  await run();
}
process.exit(0);
