import { useCallback, useEffect } from "react";
import type { LocationAdminView, RosterView, ShiftView, StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { useWorkplace } from "../../lib/workplace";
import { AddShift } from "./AddShift";
import { LocationSelect } from "./LocationSelect";
import { Uncovered, WeekGrid } from "./RosterWeek";
import { rosterFormat } from "./rosterFormat";
import { initialRoster, localDate, reduceRoster, rosterPath, shiftDate } from "./rosterState";
import { useAdminSave } from "./useAdminSave";

/** The week before, this week (on the location's calendar) and the week after. */
function WeekNav({ roster, label, onWeek }: { roster: RosterView; label: string; onWeek(week: string): void }) {
  const { t } = useI18n();
  return (
    <nav className="week-nav" aria-label={label}>
      <button type="button" className="button button-quiet" onClick={() => onWeek(shiftDate(roster.days[0]!, -7))}>
        ← {t("coord.roster.prev")}
      </button>
      <button type="button" className="button button-quiet" onClick={() => onWeek(localDate(Date.now(), roster.timeZone))}>
        {t("coord.roster.thisWeek")}
      </button>
      <button type="button" className="button button-quiet" onClick={() => onWeek(shiftDate(roster.days[0]!, 7))}>
        {t("coord.roster.next")} →
      </button>
    </nav>
  );
}

/** A week of shifts per location, with the open hours that have no professional on the roster. */
export function RosterPage() {
  const { t, lang } = useI18n();
  const [state, store] = useWorkplace(reduceRoster, () => initialRoster);
  const { dispatch } = store;
  const save = useAdminSave();

  // biome-ignore lint/correctness/useExhaustiveDependencies: loads once when the page opens; the store lives as long as the page
  useEffect(() => {
    void (async () => {
      const [l, s] = await Promise.all([api<LocationAdminView[]>("/api/admin/locations"), api<StaffAdminView[]>("/api/admin/staff")]);
      dispatch({ type: "opened", locations: l.ok ? l.data : undefined, staff: s.ok ? s.data : undefined, now: Date.now() });
    })();
  }, []);

  const path = rosterPath(state);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path names the location and the week; the store lives as long as the page
  const load = useCallback(async () => {
    if (!path) return;
    const ack = await api<RosterView>(path);
    if (ack.ok) dispatch({ type: "roster", roster: ack.data });
  }, [path]);
  useEffect(() => {
    void load();
  }, [load]);

  const { locations, roster, locationId } = state;
  if (!locations || !roster) return <p>{t("coord.loading")}</p>;
  const format = rosterFormat(lang === "nl" ? "nl-NL" : "en-GB", roster.timeZone);
  const weekTitle = t("coord.roster.week", { date: format.dayName(roster.days[0]!) });

  return (
    <section className="admin" aria-labelledby="roster-title">
      <div className="admin-head">
        <h1 id="roster-title">{t("coord.tab.roster")}</h1>
        <LocationSelect
          className="inline-field"
          label={t("coord.loc.pick")}
          locations={locations}
          value={locationId}
          onChange={(id) => dispatch({ type: "location", id })}
        />
        <WeekNav roster={roster} label={weekTitle} onWeek={(week) => dispatch({ type: "week", week })} />
      </div>
      <h2 className="week-title">{weekTitle}</h2>

      <Uncovered roster={roster} span={format.span} />

      <WeekGrid
        roster={roster}
        format={format}
        onRemove={async (s: ShiftView) => {
          if (await save.run(() => api(`/api/admin/shifts/${s.id}`, { method: "DELETE" }))) await load();
        }}
      />

      <AddShift
        staff={state.staff}
        days={roster.days}
        dayName={format.dayName}
        onAdd={async (body) => {
          if (await save.run(() => api<ShiftView>("/api/admin/shifts", { method: "POST", body: { ...body, locationId } }))) await load();
        }}
      />
      {save.message}
    </section>
  );
}
