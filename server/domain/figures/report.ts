import type { FiguresDay, FiguresReport } from "../../../shared/protocol/figures";
import type { HourBucket } from "./buckets";
import { datesBetween, localDateHour } from "./localTime";
import { summarise } from "./summarise";

/** A location as the figures need it: its id, the name shown, and the zone its days are told in. */
export interface FigureLocation {
  id: string;
  name: string;
  timeZone: string;
}

export interface Period {
  /** Local dates, both included. */
  from: string;
  to: string;
}

/** A bucket with the local date and hour it belongs to in its location's zone. */
export interface DatedBucket {
  bucket: HourBucket;
  date: string;
  hour: number;
}

/** Keeps the buckets of these locations whose local date lies in the period, and dates them. */
export function selectBuckets(buckets: readonly HourBucket[], locations: readonly FigureLocation[], period: Period): DatedBucket[] {
  const zones = new Map(locations.map((l) => [l.id, l.timeZone]));
  // Every location in one zone shares an hour's local reading: look it up once, not per bucket.
  const readings = new Map<string, { date: string; hour: number }>();
  const out: DatedBucket[] = [];
  for (const bucket of buckets) {
    const zone = zones.get(bucket.locationId);
    if (!zone) continue;
    const key = `${zone}|${bucket.hourStart}`;
    let reading = readings.get(key);
    if (!reading) readings.set(key, (reading = localDateHour(bucket.hourStart, zone)));
    const { date, hour } = reading;
    if (date >= period.from && date <= period.to) out.push({ bucket, date, hour });
  }
  return out;
}

/** The dashboard's figures: totals, per location, per day and per hour of the day. */
export function buildReport(buckets: readonly HourBucket[], locations: readonly FigureLocation[], period: Period): FiguresReport {
  const dated = selectBuckets(buckets, locations, period);
  const all = dated.map((d) => d.bucket);
  const byDate = new Map<string, HourBucket[]>();
  const byMonth = new Map<string, HourBucket[]>();
  const byHourOfDay = new Array<number>(24).fill(0);
  for (const d of dated) {
    const day = byDate.get(d.date);
    if (day) day.push(d.bucket);
    else byDate.set(d.date, [d.bucket]);
    byHourOfDay[d.hour]! += d.bucket.chatsStarted;
    const month = d.date.slice(0, 7);
    const inMonth = byMonth.get(month);
    if (inMonth) inMonth.push(d.bucket);
    else byMonth.set(month, [d.bucket]);
  }
  const months = [...new Set(datesBetween(period.from, period.to).map((date) => date.slice(0, 7)))];
  const byDay: FiguresDay[] = datesBetween(period.from, period.to).map((date) => {
    const s = summarise(byDate.get(date) ?? []);
    return {
      date,
      chatsStarted: s.chatsStarted,
      chatsCompleted: s.chatsCompleted,
      abandoned: s.abandoned,
      waitP50Ms: s.wait.p50Ms,
      volunteerHours: s.volunteerHours,
    };
  });
  return {
    from: period.from,
    to: period.to,
    locations: locations.map(({ id, name }) => ({ id, name })),
    total: summarise(all),
    byLocation: locations.map((l) => ({ locationId: l.id, summary: summarise(all.filter((b) => b.locationId === l.id)) })),
    byDay,
    byHourOfDay,
    riskByMonth: months.map((month) => ({ month, ...summarise(byMonth.get(month) ?? []).riskAgreement })),
  };
}
