import { useState } from "react";
import type { LocationView, StaffConversationView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { useNow } from "../useNow";
import { locationName, minutesSince } from "./actions";
import type { ProfessionalState } from "./state";

export function DutyPanel({
  onDuty,
  chosen,
  locations,
  onChange,
}: {
  onDuty: boolean;
  chosen: string[];
  locations: LocationView[];
  onChange(on: boolean, ids: string[]): void;
}) {
  const { t } = useI18n();
  const [ids, setIds] = useState(chosen);
  return (
    <section className="panel" aria-labelledby="duty-title">
      <h2 id="duty-title">{t("professional.duty")}</h2>
      <label className="toggle">
        <input type="checkbox" checked={onDuty} onChange={(e) => onChange(e.target.checked, ids)} /> {t("professional.duty.on")}
      </label>
      <fieldset>
        <legend className="muted">{t("professional.duty.locations")}</legend>
        {locations.map((l) => (
          <label key={l.id} className="option">
            <input
              type="checkbox"
              checked={ids.includes(l.id)}
              onChange={(e) => {
                const next = e.target.checked ? [...ids, l.id] : ids.filter((x) => x !== l.id);
                if (next.length === 0) return;
                setIds(next);
                if (onDuty) onChange(true, next);
              }}
            />
            {l.name}
          </label>
        ))}
      </fieldset>
    </section>
  );
}

/** Who waits at her locations, flagged first; she can take one herself. */
export function QueueList({ state, locations, onTake }: { state: ProfessionalState; locations: LocationView[]; onTake(id: string): void }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="professional-queue-title">
      <h2 id="professional-queue-title">{t("professional.queue", { n: state.queue.length })}</h2>
      {!state.duty?.onDuty ? (
        <p className="muted">{t("professional.queue.offDuty")}</p>
      ) : state.queue.length === 0 ? (
        <p className="muted">{t("professional.queue.empty")}</p>
      ) : (
        <ul className="todo queue-list">
          {state.queue.map((c: StaffConversationView) => (
            <li key={c.id}>
              {c.priority > 0 && <span className="badge">{t("professional.queue.flagged")}</span>}
              <span>
                {c.nickname ?? t("console.chat.anonymous")} · {locationName(locations, c.locationChoice, t("professional.about.any"))} ·{" "}
                {minutesSince(now, c.queuedAt)} min
                {c.disconnectedAt !== undefined && ` · ${t("professional.queue.gone")}`}
              </span>
              <button type="button" className="link-button" disabled={c.disconnectedAt !== undefined} onClick={() => onTake(c.id)}>
                {t("professional.queue.take")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function LivePanel({ state, onWatch }: { state: ProfessionalState; onWatch(id: string): void }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <section className="panel" aria-labelledby="live-title">
      <h2 id="live-title">{t("professional.live", { n: state.live.length })}</h2>
      <ul className="todo">
        {state.live.map((l) => (
          <li key={l.conversation.id}>
            {l.flagged && <span className="badge">!</span>} {l.holderName} · {l.conversation.nickname ?? t("console.chat.anonymous")} ·{" "}
            {minutesSince(now, l.conversation.assignedAt ?? now)} min{" "}
            <button type="button" className="link-button" onClick={() => onWatch(l.conversation.id)}>
              {t("professional.watch")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
