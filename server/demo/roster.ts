import { zonedLocalToInstant } from "../domain/openingHours";
import type { Shift } from "../domain/roster/roster";
import type { Store } from "../store/Store";

const DAY_MS = 86_400_000;

/** Who works where in the demo week: volunteers every afternoon; professionals from tomorrow only. */
const PATTERN: { staffId: string; role: Shift["role"]; locationId: string; start: string; end: string; fromTomorrow?: boolean }[] = [
  { staffId: "st_sam", role: "volunteer", locationId: "leiden", start: "14:00", end: "18:00" },
  { staffId: "st_lotte", role: "volunteer", locationId: "leiden", start: "16:00", end: "21:00" },
  { staffId: "st_noor", role: "volunteer", locationId: "amsterdam", start: "14:00", end: "18:00" },
  { staffId: "st_daan", role: "volunteer", locationId: "apeldoorn", start: "14:00", end: "18:00" },
  // Not today: a professional rostered now would be put on duty by the roster the moment the demo starts.
  { staffId: "st_eva", role: "professional", locationId: "leiden", start: "14:00", end: "18:00", fromTomorrow: true },
  { staffId: "st_bram", role: "professional", locationId: "amsterdam", start: "14:00", end: "21:00", fromTomorrow: true },
];

/** A week of demo shifts (weekdays, Amsterdam time) so the roster page shows something; the gaps stay visible. */
export async function seedDemoRoster(store: Store, now: number): Promise<void> {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(now);
  for (let d = 0; d < 7; d++) {
    const date = new Date(Date.parse(`${today}T12:00:00Z`) + d * DAY_MS).toISOString().slice(0, 10);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const p of PATTERN) {
      if (p.fromTomorrow && d === 0) continue;
      const start = zonedLocalToInstant(date, p.start, "Europe/Amsterdam");
      const end = zonedLocalToInstant(date, p.end, "Europe/Amsterdam");
      await store.putShift({ id: `sh_demo-${p.staffId}-${date}`, locationId: p.locationId, staffId: p.staffId, role: p.role, start, end });
    }
  }
}
