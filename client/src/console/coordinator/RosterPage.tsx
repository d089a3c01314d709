import { useCallback, useEffect, useState } from "react";
import type { LocationAdminView, RosterView, ShiftView, StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { LocationSelect } from "./LocationSelect";
import { useAdminSave } from "./useAdminSave";

const DAY_MS = 86_400_000;

/** "YYYY-MM-DD" of an instant on the location's own calendar. */
function localDate(at: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone }).format(at);
}

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A week of shifts per location, with the open hours that have no professional on the roster. */
export function RosterPage() {
  const { t, lang } = useI18n();
  const locale = lang === "nl" ? "nl-NL" : "en-GB";
  const [locations, setLocations] = useState<LocationAdminView[]>();
  const [staff, setStaff] = useState<StaffAdminView[]>([]);
  const [locationId, setLocationId] = useState<string>();
  const [week, setWeek] = useState<string>();
  const [roster, setRoster] = useState<RosterView>();
  const save = useAdminSave();

  useEffect(() => {
    void (async () => {
      const [l, s] = await Promise.all([api<LocationAdminView[]>("/api/admin/locations"), api<StaffAdminView[]>("/api/admin/staff")]);
      if (s.ok) setStaff(s.data.filter((x) => x.active));
      if (l.ok) {
        setLocations(l.data);
        const first = l.data[0];
        if (first) {
          setLocationId(first.id);
          setWeek(localDate(Date.now(), first.timeZone));
        }
      }
    })();
  }, []);

  const load = useCallback(async () => {
    if (!locationId || !week) return;
    const ack = await api<RosterView>(`/api/admin/roster?locationId=${encodeURIComponent(locationId)}&week=${week}`);
    if (ack.ok) setRoster(ack.data);
  }, [locationId, week]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!locations || !roster) return <p>{t("coord.loading")}</p>;
  const tz = roster.timeZone;
  const time = (at: number) => new Intl.DateTimeFormat(locale, { timeZone: tz, hour: "2-digit", minute: "2-digit" }).format(at);
  const dayName = (date: string) =>
    new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" }).format(
      Date.parse(`${date}T12:00:00Z`),
    );
  // A gap can run over several days (a location open around the clock): then both ends get their day.
  const span = (u: { start: number; end: number }) => {
    const endDay = localDate(u.end - 1, tz);
    const startDay = localDate(u.start, tz);
    const endTime = time(u.end) === "00:00" ? "24:00" : time(u.end);
    return startDay === endDay
      ? `${dayName(startDay)} ${time(u.start)}–${endTime}`
      : `${dayName(startDay)} ${time(u.start)} – ${dayName(endDay)} ${endTime}`;
  };
  const shiftsOn = (date: string) => roster.shifts.filter((s) => localDate(s.start, tz) === date);

  return (
    <section className="admin" aria-labelledby="roster-title">
      <div className="admin-head">
        <h1 id="roster-title">{t("coord.tab.roster")}</h1>
        <LocationSelect
          className="inline-field"
          label={t("coord.loc.pick")}
          locations={locations}
          value={locationId}
          onChange={setLocationId}
        />
        <nav className="week-nav" aria-label={t("coord.roster.week", { date: dayName(roster.days[0]!) })}>
          <button type="button" className="button button-quiet" onClick={() => setWeek(shiftDate(roster.days[0]!, -7))}>
            ← {t("coord.roster.prev")}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setWeek(localDate(Date.now(), tz))}>
            {t("coord.roster.thisWeek")}
          </button>
          <button type="button" className="button button-quiet" onClick={() => setWeek(shiftDate(roster.days[0]!, 7))}>
            {t("coord.roster.next")} →
          </button>
        </nav>
      </div>
      <h2 className="week-title">{t("coord.roster.week", { date: dayName(roster.days[0]!) })}</h2>

      {roster.uncovered.length > 0 ? (
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
      ) : (
        <p className="saved">{t("coord.roster.covered")}</p>
      )}

      <ol className="week-grid">
        {roster.days.map((date) => (
          <li key={date} className="week-day">
            <h3>{dayName(date)}</h3>
            <ul>
              {shiftsOn(date).length === 0 && <li className="muted">{t("coord.roster.none")}</li>}
              {shiftsOn(date).map((s) => (
                <ShiftItem
                  key={s.id}
                  shift={s}
                  label={`${time(s.start)}–${time(s.end)}`}
                  onRemove={async () => {
                    if (await save.run(() => api(`/api/admin/shifts/${s.id}`, { method: "DELETE" }))) await load();
                  }}
                />
              ))}
            </ul>
          </li>
        ))}
      </ol>

      <AddShift
        staff={staff}
        days={roster.days}
        dayName={dayName}
        onAdd={async (body) => {
          if (await save.run(() => api<ShiftView>("/api/admin/shifts", { method: "POST", body: { ...body, locationId } }))) await load();
        }}
      />
      {save.message}
    </section>
  );
}

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

function AddShift({
  staff,
  days,
  dayName,
  onAdd,
}: {
  staff: StaffAdminView[];
  days: string[];
  dayName(date: string): string;
  onAdd(body: { staffId: string; date: string; start: string; end: string }): Promise<void>;
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
