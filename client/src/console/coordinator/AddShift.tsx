import { useEffect, useState } from "react";
import type { StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";

/** A shift as the coordinator enters it: on the location's clock, an end at or before the start is the next day. */
export interface NewShift {
  staffId: string;
  date: string;
  start: string;
  end: string;
}

/** Give a colleague a shift on a day of the week shown. */
export function AddShift({
  staff,
  days,
  dayName,
  onAdd,
}: {
  staff: StaffAdminView[];
  days: string[];
  dayName(date: string): string;
  onAdd(body: NewShift): Promise<void>;
}) {
  const { t } = useI18n();
  const [staffId, setStaffId] = useState(staff[0]?.id ?? "");
  const [date, setDate] = useState(days[0]!);
  const [start, setStart] = useState("14:00");
  const [end, setEnd] = useState("18:00");
  useEffect(() => setDate((d) => (days.includes(d) ? d : days[0]!)), [days]);
  useEffect(() => setStaffId((id) => id || staff[0]?.id || ""), [staff]);
  return (
    <form
      className="panel admin-form add-shift"
      onSubmit={(e) => {
        e.preventDefault();
        void onAdd({ staffId, date, start, end });
      }}
    >
      <h2>{t("coord.roster.add")}</h2>
      <div className="field-row">
        <label>
          {t("coord.roster.who")}
          <select value={staffId} onChange={(e) => setStaffId(e.target.value)} required>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName} ({t(`console.role.${s.role}`)})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("coord.roster.date")}
          <select value={date} onChange={(e) => setDate(e.target.value)}>
            {days.map((d) => (
              <option key={d} value={d}>
                {dayName(d)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("coord.roster.start")}
          <input type="time" value={start} required onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          {t("coord.roster.end")}
          <input type="time" value={end} required onChange={(e) => setEnd(e.target.value)} />
        </label>
        <button type="submit" className="button button-primary">
          {t("coord.roster.add")}
        </button>
      </div>
    </form>
  );
}
