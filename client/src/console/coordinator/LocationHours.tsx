import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import {
  DAYS,
  type DraftPartProps,
  type Exception,
  NEW_WINDOW,
  newException,
  patchAt,
  removeAt,
  shownEnd,
  storedEnd,
  type Window,
} from "./locationDraft";

/** The opening windows of one day (or one exception date): "closed" when there are none. */
function Windows({ windows, dayLabel, onChange }: { windows: Window[]; dayLabel: string; onChange(next: Window[]): void }) {
  const { t } = useI18n();
  const update = (i: number, next: Partial<Window>) => onChange(patchAt(windows, i, next));
  return (
    <span className="windows">
      {windows.length === 0 && <span className="muted">{t("coord.loc.closedDay")}</span>}
      {windows.map((w, i) => (
        <span key={i} className="window">
          <input
            type="time"
            aria-label={`${dayLabel} ${t("coord.loc.from")}`}
            value={w.start}
            required
            onChange={(e) => update(i, { start: e.target.value })}
          />
          –
          <input
            type="time"
            aria-label={`${dayLabel} ${t("coord.loc.to")}`}
            value={shownEnd(w.end)}
            required
            onChange={(e) => update(i, { end: storedEnd(e.target.value) })}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={t("coord.loc.removeWindow", { from: w.start, to: w.end })}
            onClick={() => onChange(removeAt(windows, i))}
          >
            ×
          </button>
        </span>
      ))}
      <button
        type="button"
        className="icon-button"
        aria-label={t("coord.loc.addWindow", { day: dayLabel })}
        onClick={() => onChange([...windows, NEW_WINDOW])}
      >
        +
      </button>
    </span>
  );
}

/** The location's usual week: opening windows per day. */
export function WeekHours({ draft, set }: DraftPartProps) {
  const { t } = useI18n();
  return (
    <fieldset className="panel">
      <legend>{t("coord.loc.hours")}</legend>
      <p className="muted">{t("coord.loc.midnightHint")}</p>
      <ul className="week-hours">
        {DAYS.map((day) => (
          <li key={day}>
            <span className="day-name">{t(`coord.day.${day}` as MessageKey)}</span>
            <Windows
              windows={draft.weeklyHours[day]}
              dayLabel={t(`coord.day.${day}` as MessageKey)}
              onChange={(w) => set("weeklyHours", { ...draft.weeklyHours, [day]: w })}
            />
          </li>
        ))}
      </ul>
    </fieldset>
  );
}

function ExceptionItem({ ex, onChange, onRemove }: { ex: Exception; onChange(patch: Partial<Exception>): void; onRemove(): void }) {
  const { t } = useI18n();
  return (
    <li>
      <label>
        {t("coord.loc.exceptionDate")}
        <input type="date" value={ex.date} required onChange={(e) => onChange({ date: e.target.value })} />
      </label>
      <label className="toggle">
        <input
          type="checkbox"
          checked={ex.windows.length === 0}
          onChange={(e) => onChange({ windows: e.target.checked ? [] : [NEW_WINDOW] })}
        />
        {t("coord.loc.exceptionClosed")}
      </label>
      {ex.windows.length > 0 && <Windows windows={ex.windows} dayLabel={ex.date} onChange={(w) => onChange({ windows: w })} />}
      <label>
        {t("coord.loc.exceptionNote")}
        <input value={ex.note ?? ""} maxLength={100} onChange={(e) => onChange({ note: e.target.value || undefined })} />
      </label>
      <button type="button" className="button button-quiet" onClick={onRemove}>
        {t("coord.remove")}
      </button>
    </li>
  );
}

/** Dates that differ from the usual week: closed all day, or other hours, with a note for staff. */
export function Exceptions({ draft, set }: DraftPartProps) {
  const { t } = useI18n();
  const list = draft.exceptions;
  return (
    <fieldset className="panel">
      <legend>{t("coord.loc.exceptions")}</legend>
      {list.length === 0 && <p className="muted">{t("coord.loc.exceptionsNone")}</p>}
      <ul className="exceptions">
        {list.map((ex, i) => (
          <ExceptionItem
            key={i}
            ex={ex}
            onChange={(patch) => set("exceptions", patchAt(list, i, patch))}
            onRemove={() => set("exceptions", removeAt(list, i))}
          />
        ))}
      </ul>
      <button type="button" className="button" onClick={() => set("exceptions", [...list, newException(new Date())])}>
        {t("coord.loc.addException")}
      </button>
    </fieldset>
  );
}
