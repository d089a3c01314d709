import type { RosterView, ShiftView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { RosterFormat } from "./rosterFormat";
import { localDate } from "./rosterState";

function ShiftItem({ shift, label, onRemove }: { shift: ShiftView; label: string; onRemove(): void }) {
  const { t } = useI18n();
  return (
    <li className={`shift shift-${shift.role}`}>
      <span>
        <strong>{label}</strong> {shift.staffName}
        <span className="muted block">{t(`console.role.${shift.role}`)}</span>
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={t("coord.roster.removeShift", { name: shift.staffName, time: label })}
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

/** The open hours of the week that no professional is rostered for, or word that there are none. */
export function Uncovered({ roster, span }: { roster: RosterView; span: RosterFormat["span"] }) {
  const { t } = useI18n();
  if (roster.uncovered.length === 0) return <p className="saved">{t("coord.roster.covered")}</p>;
  return (
    <div className="roster-warning" role="status">
      <p>
        <strong>⚠ {t("coord.roster.uncovered")}</strong>
      </p>
      <ul>
        {roster.uncovered.map((u) => (
          <li key={u.start}>{span(u)}</li>
        ))}
      </ul>
    </div>
  );
}

/** The week's days, each with its shifts in the location's clock. */
export function WeekGrid({ roster, format, onRemove }: { roster: RosterView; format: RosterFormat; onRemove(shift: ShiftView): void }) {
  const { t } = useI18n();
  const { time, dayName } = format;
  const shiftsOn = (date: string) => roster.shifts.filter((s) => localDate(s.start, roster.timeZone) === date);
  return (
    <ol className="week-grid">
      {roster.days.map((date) => (
        <li key={date} className="week-day">
          <h3>{dayName(date)}</h3>
          <ul>
            {shiftsOn(date).length === 0 && <li className="muted">{t("coord.roster.none")}</li>}
            {shiftsOn(date).map((s) => (
              <ShiftItem key={s.id} shift={s} label={`${time(s.start)}–${time(s.end)}`} onRemove={() => onRemove(s)} />
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
