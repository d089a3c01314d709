/**
 * Today's date as the server counts days (the demo locations' zone), never the machine's UTC date:
 * between 22:00 and 24:00 UTC Amsterdam is already on the next day, and a test that asks the
 * figures or the access record for "today" in UTC would find nothing.
 */
export function todayInAmsterdam(now = Date.now()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(now);
}
