import { localDate } from "./rosterState";

/** How the roster writes times and days: in the location's own clock, in the page's language. */
export interface RosterFormat {
  /** A time of day, in the location's clock. */
  time(at: number): string;
  /** A local date as a weekday with its day and month. */
  dayName(date: string): string;
  /** An open stretch without a professional, with the day of each end when it runs over several. */
  span(u: { start: number; end: number }): string;
}

/** The roster's wording for one locale and the location's time zone. */
export function rosterFormat(locale: string, timeZone: string): RosterFormat {
  const time = (at: number) => new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit" }).format(at);
  const dayName = (date: string) =>
    new Intl.DateTimeFormat(locale, { weekday: "long", day: "numeric", month: "short", timeZone: "UTC" }).format(
      Date.parse(`${date}T12:00:00Z`),
    );
  // A gap can run over several days (a location open around the clock): then both ends get their day.
  const span = (u: { start: number; end: number }) => {
    const endDay = localDate(u.end - 1, timeZone);
    const startDay = localDate(u.start, timeZone);
    const endTime = time(u.end) === "00:00" ? "24:00" : time(u.end);
    return startDay === endDay
      ? `${dayName(startDay)} ${time(u.start)}–${endTime}`
      : `${dayName(startDay)} ${time(u.start)} – ${dayName(endDay)} ${endTime}`;
  };
  return { time, dayName, span };
}
