import type { ReactNode } from "react";
import type { FiguresReport } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { FiguresBarChart, FiguresLineChart } from "./FiguresCharts";
import type { FiguresFormat } from "./figuresFormat";

interface ChartProps {
  report: FiguresReport;
  format: FiguresFormat;
}

/** A chart's numbers as a table: a header per column, then per row its label and one cell per further column. */
function ChartTable({ columns, rows }: { columns: string[]; rows: { label: string; cells: ReactNode[] }[] }) {
  return (
    <table>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.label}>
            <th scope="row">{row.label}</th>
            {columns.slice(1).map((column, i) => (
              <td key={column}>{row.cells[i]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The day of the month under each day's bar: the axis stays short, the table beside it has the date. */
function dayAxis(report: FiguresReport): { labels: string[]; labelEvery: number } {
  const days = report.byDay;
  // Beyond a month or two, every label would overlap the next.
  return { labels: days.map((d) => String(Number(d.date.slice(8)))), labelEvery: days.length > 45 ? 7 : days.length > 16 ? 2 : 1 };
}

/** Chats started and youths who left the queue, per day of the period. */
export function PerDayChart({ report, format }: ChartProps) {
  const { t } = useI18n();
  const { number, minutes } = format;
  const days = report.byDay;
  const s = report.total;
  return (
    <FiguresBarChart
      title={t("figures.chart.perDay")}
      description={t("figures.chart.perDayDesc", { from: report.from, to: report.to, started: s.chatsStarted, abandoned: s.abandoned })}
      {...dayAxis(report)}
      series={[
        { name: t("figures.legend.started"), values: days.map((d) => d.chatsStarted), className: "figures-s1" },
        { name: t("figures.legend.abandoned"), values: days.map((d) => d.abandoned), className: "figures-s2" },
      ]}
      table={
        <ChartTable
          columns={[
            t("figures.col.date"),
            t("figures.col.started"),
            t("figures.col.completed"),
            t("figures.col.abandoned"),
            t("figures.col.wait"),
            t("figures.col.volunteerHours"),
          ]}
          rows={days.map((d) => ({
            label: d.date,
            cells: [d.chatsStarted, d.chatsCompleted, d.abandoned, minutes(d.waitP50Ms), number(d.volunteerHours, 1)],
          }))}
        />
      }
    />
  );
}

/** The median wait per day, in minutes; a day nobody waited on leaves a gap in the line. */
export function WaitChart({ report, format }: ChartProps) {
  const { t } = useI18n();
  const { number, minutes } = format;
  const days = report.byDay;
  const waits = days.map((d) => (d.waitP50Ms === null ? null : Math.round(d.waitP50Ms / 6_000) / 10));
  return (
    <FiguresLineChart
      title={t("figures.chart.wait")}
      description={t("figures.chart.waitDesc", { max: number(Math.max(0, ...waits.filter((w): w is number => w !== null)), 1) })}
      {...dayAxis(report)}
      series={[{ name: t("figures.col.wait"), values: waits, className: "figures-s1" }]}
      table={
        <ChartTable
          columns={[t("figures.col.date"), t("figures.col.wait")]}
          rows={days.map((d) => ({ label: d.date, cells: [minutes(d.waitP50Ms)] }))}
        />
      }
    />
  );
}

/** Chats started per hour of the day, over the whole period: when the service is busiest. */
export function PerHourChart({ report }: { report: FiguresReport }) {
  const { t } = useI18n();
  const hours = report.byHourOfDay;
  const busiest = hours.indexOf(Math.max(...hours));
  return (
    <FiguresBarChart
      title={t("figures.chart.perHour")}
      description={t("figures.chart.perHourDesc", { hour: busiest })}
      labels={hours.map((_, h) => String(h))}
      labelEvery={2}
      series={[{ name: t("figures.legend.started"), values: hours, className: "figures-s1" }]}
      table={
        <ChartTable
          columns={[t("figures.col.hour"), t("figures.col.started")]}
          rows={hours.map((n, h) => ({ label: `${h}:00`, cells: [n] }))}
        />
      }
    />
  );
}
