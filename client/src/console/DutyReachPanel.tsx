import { useEffect, useState } from "react";
import type { DutyStatusView, ServiceStatus } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import { api } from "../lib/api";

const REFRESH_MS = 15_000;

/** Who is on duty now and whether they can be reached; "niet bereikbaar" when no console is open and no device is subscribed. */
export function DutyReachPanel({ locationName, refreshKey }: { locationName?: (id: string) => string; refreshKey?: string }) {
  const { t } = useI18n();
  const [duty, setDuty] = useState<DutyStatusView[]>();
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!locationName)
      void api<ServiceStatus>("/api/status").then(
        (ack) => ack.ok && setNames(Object.fromEntries(ack.data.locations.map((l) => [l.id, l.name]))),
      );
  }, [locationName]);
  const nameOf = locationName ?? ((id: string) => names[id] ?? id);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the trigger: one's own duty change shows at once, not at the next poll
  useEffect(() => {
    let stopped = false;
    const load = () => void api<DutyStatusView[]>("/api/duty").then((ack) => !stopped && ack.ok && setDuty(ack.data));
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
    // A change of one's own duty shows at once, not at the next poll.
  }, [refreshKey]);
  if (!duty) return null;
  return (
    <section className="panel" aria-labelledby="duty-reach-title">
      <h2 id="duty-reach-title">{t("reach.duty.title")}</h2>
      {duty.length === 0 && <p className="muted">{t("reach.duty.none")}</p>}
      <ul className="duty-reach">
        {duty.map((d) => (
          <li key={d.staffId} data-reach={d.reach}>
            {d.displayName} · {d.locationIds.map(nameOf).join(", ")} ·{" "}
            <span className={`reach-${d.reach}`}>
              {t(d.reach === "console" ? "reach.duty.console" : d.reach === "push" ? "reach.duty.push" : "reach.duty.unreachable")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
