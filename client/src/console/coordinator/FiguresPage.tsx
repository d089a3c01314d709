import { useEffect, useMemo, useState } from "react";
import { type FigureSummary, type FiguresReport, NO_LOCATION, type StaffView, TOPICS } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/nl";
import { api } from "../../lib/api";
import { errorText } from "../../lib/errorText";
import { FiguresBarChart, FiguresLineChart, FiguresRanking } from "./FiguresCharts";

const REFERRAL_KEYS = ["none", "gp", "mental-health-care", "113", "other"] as const;

/** "YYYY-MM-DD" of a date in the viewer's own calendar (not UTC: a coordinator thinks in local days). */
function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

function thisMonth(): { from: string; to: string } {
  const now = new Date();
  return { from: localIso(new Date(now.getFullYear(), now.getMonth(), 1)), to: localIso(now) };
}

function lastMonth(): { from: string; to: string } {
  const now = new Date();
  return {
    from: localIso(new Date(now.getFullYear(), now.getMonth() - 1, 1)),
    to: localIso(new Date(now.getFullYear(), now.getMonth(), 0)),
  };
}

/**
 * The anonymous figures of the locations this coordinator runs: a period (default this month), a
 * location filter (default all of mine), headline numbers, charts with tables, and the CSV export.
 */
// Which locations `me` runs is the server's call (its answer lists them); the page only filters within.
export function FiguresPage(_props: { me: StaffView }) {
  const { t, lang } = useI18n();
  const [period, setPeriod] = useState(thisMonth);
  const [available, setAvailable] = useState<{ id: string; name: string }[]>();
  const [chosen, setChosen] = useState<string[]>();
  const [report, setReport] = useState<FiguresReport>();
  const [error, setError] = useState<string>();

  const query = useMemo(() => {
    const params = new URLSearchParams({ from: period.from, to: period.to });
    if (chosen && available && chosen.length < available.length) params.set("locations", chosen.join(","));
    return params.toString();
  }, [period, chosen, available]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: t only words an error; a language switch need not fetch the figures again
  useEffect(() => {
    let current = true;
    void api<FiguresReport>(`/api/figures?${query}`).then((ack) => {
      if (!current) return;
      if (!ack.ok) return setError(errorText(t, ack));
      setError(undefined);
      setReport(ack.data);
      // The first answer (no filter) lists every location I run: those are the filter's choices.
      setAvailable((known) => known ?? ack.data.locations);
    });
    return () => {
      current = false;
    };
  }, [query]);

  const locale = lang === "nl" ? "nl-NL" : "en-GB";
  const number = (n: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  const mean = (n: number | null) =>
    n === null ? t("figures.none") : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n);
  const minutes = (ms: number | null) => (ms === null ? t("figures.none") : t("figures.minutes", { n: number(ms / 60_000, 1) }));
  const locationName = (l: { id: string; name: string }) => (l.id === NO_LOCATION ? t("figures.noLocation") : l.name);
  const toggle = (id: string) => {
    const all = available?.map((l) => l.id) ?? [];
    const current = chosen ?? all;
    const next = current.includes(id) ? current.filter((x) => x !== id) : all.filter((x) => x === id || current.includes(x));
    if (next.length > 0) setChosen(next);
  };

  return (
    <section className="figures" aria-labelledby="figures-title">
      <div className="admin-head">
        <h1 id="figures-title">{t("figures.title")}</h1>
        <a className="button button-primary" href={`/api/figures.csv?${query}`} download>
          {t("figures.download")}
        </a>
      </div>
      <p className="muted">{t("figures.intro")}</p>
      <form className="figures-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t("figures.from")}
          <input
            type="date"
            value={period.from}
            max={period.to}
            onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, from: e.target.value }))}
          />
        </label>
        <label>
          {t("figures.to")}
          <input
            type="date"
            value={period.to}
            min={period.from}
            onChange={(e) => e.target.value && setPeriod((p) => ({ ...p, to: e.target.value }))}
          />
        </label>
        <button type="button" className="button button-quiet" onClick={() => setPeriod(thisMonth())}>
          {t("figures.thisMonth")}
        </button>
        <button type="button" className="button button-quiet" onClick={() => setPeriod(lastMonth())}>
          {t("figures.lastMonth")}
        </button>
        {available && available.length > 1 && (
          <fieldset className="chips">
            <legend>{t("figures.locations")}</legend>
            {available.map((l) => (
              <label key={l.id} className="chip">
                <input type="checkbox" checked={(chosen ?? available.map((a) => a.id)).includes(l.id)} onChange={() => toggle(l.id)} />
                <span>{locationName(l)}</span>
              </label>
            ))}
            {chosen && chosen.length < available.length && (
              <button type="button" className="link-button" onClick={() => setChosen(undefined)}>
                {t("figures.allLocations")}
              </button>
            )}
          </fieldset>
        )}
      </form>
      {error && (
        <p className="notice" role="alert">
          {t("figures.error", { message: error })}
        </p>
      )}
      {!report && !error && <p>{t("figures.loading")}</p>}
      {report && <FiguresBody report={report} number={number} mean={mean} minutes={minutes} locationName={locationName} />}
    </section>
  );
}

interface BodyProps {
  report: FiguresReport;
  number(n: number, digits?: number): string;
  mean(n: number | null): string;
  minutes(ms: number | null): string;
  locationName(l: { id: string; name: string }): string;
}

function Kpi({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="figures-kpi">
      <span className="figures-kpi-label">{label}</span>
      <strong className="figures-kpi-value">{value}</strong>
      {detail && <span className="figures-kpi-detail">{detail}</span>}
    </div>
  );
}

function FiguresBody({ report, number, mean, minutes, locationName }: BodyProps) {
  const { t } = useI18n();
  const s = report.total;
  const waited = s.chatsStarted + s.leftQueue;
  const days = report.byDay;
  const dayLabels = days.map((d) => String(Number(d.date.slice(8))));
  const labelEvery = days.length > 45 ? 7 : days.length > 16 ? 2 : 1;
  const busiest = report.byHourOfDay.indexOf(Math.max(...report.byHourOfDay));
  const waits = days.map((d) => (d.waitP50Ms === null ? null : Math.round(d.waitP50Ms / 6_000) / 10));
  const topicLabel = (key: string) => ((TOPICS as readonly string[]).includes(key) ? t(`topic.${key}` as MessageKey) : key);
  const referralLabel = (key: string) =>
    (REFERRAL_KEYS as readonly string[]).includes(key) ? t(`console.wrapup.referral.${key}` as MessageKey) : key;
  const ranked = (counts: Record<string, number>, label: (k: string) => string) =>
    Object.entries(counts)
      .sort((a, b) => b[1] - a[1])
      .map(([k, value]) => ({ label: label(k), value }));
  const levels = ["consult", "urgent", "crisis"] as const;

  return (
    <>
      <div className="figures-kpis">
        <Kpi
          label={t("figures.kpi.started")}
          value={number(s.chatsStarted)}
          detail={`${t("figures.kpi.completed")}: ${number(s.chatsCompleted)}`}
        />
        <Kpi
          label={t("figures.kpi.leftQueue")}
          value={number(s.leftQueue)}
          detail={waited > 0 ? t("figures.kpi.leftShare", { pct: number((100 * s.leftQueue) / waited) }) : undefined}
        />
        <Kpi
          label={t("figures.kpi.wait")}
          value={minutes(s.wait.p50Ms)}
          detail={s.wait.p90Ms === null ? undefined : t("figures.kpi.waitP90", { value: minutes(s.wait.p90Ms) })}
        />
        <Kpi label={t("figures.kpi.duration")} value={minutes(s.duration.p50Ms)} />
        <Kpi
          label={t("figures.kpi.escalations")}
          value={number(s.escalations.consult + s.escalations.urgent + s.escalations.crisis)}
          detail={t("figures.kpi.escalationsDetail", {
            consult: s.escalations.consult,
            urgent: s.escalations.urgent,
            crisis: s.escalations.crisis,
          })}
        />
        <Kpi
          label={t("figures.kpi.feedback")}
          value={mean(s.feedback.helpedMean)}
          detail={t("figures.kpi.feedbackDetail", { n: s.feedback.answers })}
        />
        <Kpi label={t("figures.kpi.returning")} value={number(s.returning)} />
        <Kpi label={t("figures.kpi.volunteerHours")} value={t("figures.hours", { n: number(s.volunteerHours, 1) })} />
        <Kpi label={t("figures.kpi.peak")} value={number(s.peakConcurrent)} />
        <Kpi
          label={t("figures.kpi.walkIns")}
          value={number(s.walkIns.count)}
          detail={t("figures.kpi.walkInsDetail", { minutes: number(s.walkIns.minutes) })}
        />
      </div>

      <div className="figures-charts">
        <FiguresBarChart
          title={t("figures.chart.perDay")}
          description={t("figures.chart.perDayDesc", { from: report.from, to: report.to, started: s.chatsStarted, left: s.leftQueue })}
          labels={dayLabels}
          labelEvery={labelEvery}
          series={[
            { name: t("figures.legend.started"), values: days.map((d) => d.chatsStarted), className: "figures-s1" },
            { name: t("figures.legend.left"), values: days.map((d) => d.leftQueue), className: "figures-s2" },
          ]}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("figures.col.date")}</th>
                  <th scope="col">{t("figures.col.started")}</th>
                  <th scope="col">{t("figures.col.completed")}</th>
                  <th scope="col">{t("figures.col.left")}</th>
                  <th scope="col">{t("figures.col.wait")}</th>
                  <th scope="col">{t("figures.col.volunteerHours")}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{d.date}</th>
                    <td>{d.chatsStarted}</td>
                    <td>{d.chatsCompleted}</td>
                    <td>{d.leftQueue}</td>
                    <td>{minutes(d.waitP50Ms)}</td>
                    <td>{number(d.volunteerHours, 1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <FiguresLineChart
          title={t("figures.chart.wait")}
          description={t("figures.chart.waitDesc", { max: number(Math.max(0, ...waits.filter((w): w is number => w !== null)), 1) })}
          labels={dayLabels}
          labelEvery={labelEvery}
          series={[{ name: t("figures.col.wait"), values: waits, className: "figures-s1" }]}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("figures.col.date")}</th>
                  <th scope="col">{t("figures.col.wait")}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{d.date}</th>
                    <td>{minutes(d.waitP50Ms)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <FiguresBarChart
          title={t("figures.chart.perHour")}
          description={t("figures.chart.perHourDesc", { hour: busiest })}
          labels={report.byHourOfDay.map((_, h) => String(h))}
          labelEvery={2}
          series={[{ name: t("figures.legend.started"), values: report.byHourOfDay, className: "figures-s1" }]}
          table={
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("figures.col.hour")}</th>
                  <th scope="col">{t("figures.col.started")}</th>
                </tr>
              </thead>
              <tbody>
                {report.byHourOfDay.map((n, h) => (
                  <tr key={h}>
                    <th scope="row">{`${h}:00`}</th>
                    <td>{n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <section className="figures-panel" aria-labelledby="figures-esc">
          <h2 id="figures-esc">{t("figures.escalations")}</h2>
          <table className="figures-grid-table">
            <thead>
              <tr>
                <th scope="col">{t("figures.col.level")}</th>
                <th scope="col">{t("figures.col.count")}</th>
                <th scope="col">{t("figures.col.claimP50")}</th>
                <th scope="col">{t("figures.col.claimP90")}</th>
              </tr>
            </thead>
            <tbody>
              {levels.map((level) => (
                <tr key={level}>
                  <th scope="row">{t(`figures.level.${level}`)}</th>
                  <td>{s.escalations[level]}</td>
                  <td>{minutes(s.timeToClaim[level].p50Ms)}</td>
                  <td>{minutes(s.timeToClaim[level].p90Ms)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t("figures.unrouted", { n: s.unrouted, debriefs: s.debriefs })}</p>
        </section>
        <section className="figures-panel figures-wide" aria-labelledby="figures-risk">
          <h2 id="figures-risk">{t("figures.risk.title")}</h2>
          <div className="figures-scroll">
            <table className="figures-grid-table">
              <thead>
                <tr>
                  <th scope="col">{t("figures.risk.month")}</th>
                  <th scope="col">{t("figures.risk.judged")}</th>
                  <th scope="col">{t("figures.risk.volunteerHigh")}</th>
                  <th scope="col">{t("figures.risk.bothHigh")}</th>
                  <th scope="col">{t("figures.risk.recall")}</th>
                  <th scope="col">{t("figures.risk.falseAlarm")}</th>
                </tr>
              </thead>
              <tbody>
                {report.riskByMonth.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td>{m.judged}</td>
                    <td>{m.volunteerHigh}</td>
                    <td>{m.bothHigh}</td>
                    {/* A share of fewer than five chats is nearly one youth's own: withheld, as in the export. */}
                    <td>
                      {m.volunteerHigh === 0
                        ? t("figures.none")
                        : m.volunteerHigh < 5
                          ? "n<5"
                          : `${Math.round((100 * m.bothHigh) / m.volunteerHigh)}%`}
                    </td>
                    <td>{m.scorerHighVolunteerNone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t("figures.risk.note")}</p>
        </section>
      </div>

      <div className="figures-rankings">
        <FiguresRanking title={t("figures.chart.topics")} items={ranked(s.topics, topicLabel)} />
        <FiguresRanking title={t("figures.chart.referrals")} items={ranked(s.referrals, referralLabel)} />
        <FiguresRanking title={t("figures.chart.walkInTopics")} items={ranked(s.walkIns.topics, topicLabel)} />
      </div>

      {report.byLocation.length > 1 && (
        <section aria-labelledby="figures-loc">
          <h2 id="figures-loc">{t("figures.perLocation")}</h2>
          <table className="figures-grid-table">
            <thead>
              <tr>
                <th scope="col">{t("figures.col.location")}</th>
                <th scope="col">{t("figures.col.started")}</th>
                <th scope="col">{t("figures.col.completed")}</th>
                <th scope="col">{t("figures.col.left")}</th>
                <th scope="col">{t("figures.col.wait")}</th>
                <th scope="col">{t("figures.col.escalations")}</th>
                <th scope="col">{t("figures.col.feedback")}</th>
                <th scope="col">{t("figures.col.volunteerHours")}</th>
              </tr>
            </thead>
            <tbody>
              {report.byLocation.map(({ locationId, summary }) => (
                <LocationRow
                  key={locationId}
                  name={locationName(report.locations.find((l) => l.id === locationId) ?? { id: locationId, name: locationId })}
                  s={summary}
                  number={number}
                  mean={mean}
                  minutes={minutes}
                />
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

function LocationRow({
  name,
  s,
  number,
  mean,
  minutes,
}: { name: string; s: FigureSummary } & Pick<BodyProps, "number" | "mean" | "minutes">) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{s.chatsStarted}</td>
      <td>{s.chatsCompleted}</td>
      <td>{s.leftQueue}</td>
      <td>{minutes(s.wait.p50Ms)}</td>
      <td>{s.escalations.consult + s.escalations.urgent + s.escalations.crisis}</td>
      <td>{mean(s.feedback.helpedMean)}</td>
      <td>{number(s.volunteerHours, 1)}</td>
    </tr>
  );
}
