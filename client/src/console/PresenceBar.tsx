import { PRESENCE_STATUSES, type PresenceStatus } from "../../../shared/protocol";
import { useI18n } from "../i18n/i18n";
import type { ConsoleState } from "./state";

/** Status and capacity: the volunteer's shift in two controls. */
export function PresenceBar({
  state,
  onChange,
}: {
  state: ConsoleState;
  onChange(p: { status?: PresenceStatus; capacity?: number }): void;
}) {
  const { t, lang } = useI18n();
  const presence = state.presence;
  if (!presence) return null;
  const since = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { hour: "2-digit", minute: "2-digit" }).format(presence.since);
  return (
    <div className="presence" role="group" aria-label={t("console.presence.label")}>
      <div className="segmented" role="radiogroup" aria-label={t("console.presence.label")}>
        {PRESENCE_STATUSES.map((status) => (
          <label key={status} className={`segment status-${status}`}>
            <input type="radio" name="presence" checked={presence.status === status} onChange={() => onChange({ status })} />
            <span>{t(`console.presence.${status}`)}</span>
          </label>
        ))}
      </div>
      <span className="since">{t("console.presence.since", { time: since })}</span>
      <label className="capacity">
        {t("console.capacity")}{" "}
        <select value={presence.capacity} onChange={(e) => onChange({ capacity: Number(e.target.value) })}>
          {[1, 2, 3].map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
