import { useState } from "react";
import { ANY_LOCATION } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import type { ConsoleState } from "./state";
import { useNow } from "./useNow";

const minutes = (ms: number) => Math.floor(ms / 60_000);

/** Counts per location (own first), and "take next" with an honest reason when it cannot. */
export function QueuePanel({ state, onTake }: { state: ConsoleState; onTake(): Promise<string | undefined> }) {
  const { t } = useI18n();
  const [problem, setProblem] = useState<string | undefined>();
  const own = state.staff?.locationId;
  const names = new Map(state.locations.map((l) => [l.id, l.name]));
  names.set(ANY_LOCATION, t("console.queue.any"));
  const rows = [...(state.queue?.locations ?? [])].sort(
    (a, b) =>
      Number(b.locationId === own) - Number(a.locationId === own) ||
      Number(b.locationId === ANY_LOCATION) - Number(a.locationId === ANY_LOCATION),
  );
  const ownLocation = state.locations.find((l) => l.id === own);
  const presence = state.presence;
  const reason =
    presence?.status !== "available"
      ? t("console.queue.notAvailable")
      : presence.load >= presence.capacity
        ? t("console.queue.atCapacity")
        : undefined;
  const now = useNow(1000);
  const offers = Object.values(state.offers).filter((o) => o.until > now);

  return (
    <section className="panel queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t("console.queue.title")}</h2>
      <ul>
        {rows.map((row) => (
          <li key={row.locationId} className={row.locationId === own ? "own" : undefined}>
            <strong>{names.get(row.locationId) ?? row.locationId}</strong>
            <span>{t("console.queue.waiting", { n: row.waiting })}</span>
            {row.waiting > 0 && <span className="muted">{t("console.queue.longest", { minutes: minutes(row.longestWaitMs) })}</span>}
            {row.flagged > 0 && <span className="badge badge-flag">{t("console.queue.flagged", { n: row.flagged })}</span>}
          </li>
        ))}
      </ul>
      {ownLocation?.autoAssign && <p className="hint">{t("console.queue.auto")}</p>}
      {offers.length > 0 && (
        <div className="offer">
          {/* Announced once; the countdown beside it is not a live region, so it does not speak every second. */}
          <p role="status">
            {t(offers.some((o) => o.reason === "return") ? "console.returnCode.offered.return" : "console.returnCode.offered.skill")}
          </p>
          <p className="hint">
            {t("console.returnCode.offered.left", { seconds: Math.ceil((Math.min(...offers.map((o) => o.until)) - now) / 1000) })}
          </p>
        </div>
      )}
      <button type="button" className="button button-primary" disabled={Boolean(reason)} onClick={async () => setProblem(await onTake())}>
        {t("console.queue.take")}
      </button>
      {(reason ?? problem) && (
        <p className="hint" role="status">
          {reason ?? problem}
        </p>
      )}
    </section>
  );
}
