import { TOPICS } from "../../shared/protocol";
import { hashPassword } from "../auth/secrets";
import { type Location, type TimeWindow, WEEKDAYS, type Weekday } from "../domain/location";
import type { Staff } from "../domain/staff";
import type { Store } from "../store/Store";
import { seedDemoRoster } from "./roster";
import { DEFAULT_SNIPPETS } from "./snippets";

/** One password for every demo account: this is a demo, printed on the console. */
export const DEMO_PASSWORD = "inloop-demo";

const allDay: TimeWindow[] = [{ start: "00:00", end: "24:00" }];
// Demo locations are open around the clock so a newcomer trying it at night still sees an open chat.
const alwaysOpen = Object.fromEntries(WEEKDAYS.map((d) => [d, allDay])) as Record<Weekday, TimeWindow[]>;

const location = (id: string, name: string, autoAssign: boolean): Location => ({
  id,
  name,
  timeZone: "Europe/Amsterdam",
  weeklyHours: alwaysOpen,
  exceptions: [],
  overflowSeconds: 60,
  skillWindowSeconds: 45,
  autoAssign,
  snippets: DEFAULT_SNIPPETS,
  wrapUpTopics: [...TOPICS],
});

export const DEMO_LOCATIONS: Location[] = [
  location("leiden", "Leiden", false),
  location("amsterdam", "Amsterdam", true),
  location("apeldoorn", "Apeldoorn", false),
];

type DemoStaff = Omit<Staff, "passwordHash" | "active">;

export const DEMO_STAFF: DemoStaff[] = [
  { id: "st_sam", email: "sam@leiden.demo", displayName: "Sam", role: "volunteer", locationId: "leiden", skills: ["suicidality"] },
  {
    id: "st_lotte",
    email: "lotte@leiden.demo",
    displayName: "Lotte",
    role: "volunteer",
    locationId: "leiden",
    skills: ["eating-disorders"],
  },
  {
    id: "st_noor",
    email: "noor@amsterdam.demo",
    displayName: "Noor",
    role: "volunteer",
    locationId: "amsterdam",
    skills: ["migrant-refugee"],
  },
  {
    id: "st_daan",
    email: "daan@apeldoorn.demo",
    displayName: "Daan",
    role: "volunteer",
    locationId: "apeldoorn",
    skills: ["sexual-exploitation"],
  },
  { id: "st_eva", email: "eva@inloop.demo", displayName: "Eva", role: "professional", locationId: "leiden", skills: [] },
  { id: "st_bram", email: "bram@inloop.demo", displayName: "Bram", role: "professional", locationId: "amsterdam", skills: [] },
  { id: "st_kim", email: "kim@inloop.demo", displayName: "Kim", role: "coordinator", locationId: "leiden", skills: [], manages: "all" },
  {
    id: "st_ilse",
    email: "ilse@leiden.demo",
    displayName: "Ilse",
    role: "coordinator",
    locationId: "leiden",
    skills: [],
    manages: ["leiden"],
  },
];

const DEMO_CHAT_MINUTES = [14, 22, 18, 31, 25, 20];

/** Puts the demo locations and staff in an empty store; a store that already has locations is left alone. */
export async function seedDemo(store: Store, now: number): Promise<boolean> {
  if ((await store.listLocations()).length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const location of DEMO_LOCATIONS) await store.putLocation(location);
  for (const staff of DEMO_STAFF) await store.putStaff({ ...staff, passwordHash, active: true });
  await seedDemoRoster(store, now);
  // An afternoon's chat lengths so far, so a youth queued behind busy volunteers sees a wait in
  // minutes, not "we don't know" (server/domain/estimate.ts reads the last eight hours).
  for (const [i, minutes] of DEMO_CHAT_MINUTES.entries()) await store.recordServiceTime(minutes * 60_000, now - (i + 1) * 20 * 60_000);
  return true;
}
