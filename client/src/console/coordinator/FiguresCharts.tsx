import { type ReactNode, useId } from "react";
import { useI18n } from "../../i18n/i18n";

/** Hand-made SVG charts for the figures page: no chart library, and every chart has its table. */

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 30, left: 56 };

const GRIDLINES = 4;

/** The y axis top: four gridline steps of 1, 1.5, 2, 2.5, 3 or 5 × 10^n, so every gridline is a readable number. */
export function niceMax(value: number): number {
  if (value <= 0) return GRIDLINES;
  const rough = value / GRIDLINES;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 1.5, 2, 2.5, 3, 5, 10].find((s) => s * magnitude >= rough)! * magnitude;
  return step * GRIDLINES;
}

export interface Series {
  name: string;
  values: (number | null)[];
  /** CSS class giving the colour (figures-s1, figures-s2). */
  className: string;
}

interface ChartProps {
  title: string;
  /** What the chart shows in words: read by screen readers instead of the drawing. */
  description: string;
  labels: string[];
  /** Show every n-th label under the x axis, so thirty days stay readable. */
  labelEvery?: number;
  series: Series[];
  /** The same numbers as a table, opened on request. */
  table: ReactNode;
}

/** A number or a label at the axes, placed over the drawing in HTML so it keeps the page's text size and contrast. */
interface AxisLabel {
  text: string;
  x: number;
  y: number;
  anchor: "end" | "middle";
}

function Frame({
  title,
  description,
  table,
  children,
  legend,
  axisLabels,
}: {
  title: string;
  description: string;
  table: ReactNode;
  children: ReactNode;
  legend: Series[];
  axisLabels: AxisLabel[];
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <figure className="figures-chart" aria-labelledby={`${id}-t`}>
      <figcaption id={`${id}-t`}>{title}</figcaption>
      {legend.length > 1 && (
        <ul className="figures-legend" aria-hidden="true">
          {legend.map((s) => (
            <li key={s.name}>
              <span className={`figures-swatch ${s.className}`} /> {s.name}
            </li>
          ))}
        </ul>
      )}
      <div className="figures-plot">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={description}>
          {children}
        </svg>
        {/* The drawing's words are for the eye only: the description and the table say it all. */}
        <div className="figures-labels" aria-hidden="true">
          {axisLabels.map((l, i) => (
            <span
              key={i}
              className={`figures-label figures-label-${l.anchor}`}
              style={{ left: `${(l.x / WIDTH) * 100}%`, top: `${(l.y / HEIGHT) * 100}%` }}
            >
              {l.text}
            </span>
          ))}
        </div>
      </div>
      <details className="figures-table">
        <summary>{t("figures.chart.asTable")}</summary>
        {table}
      </details>
    </figure>
  );
}

function Axes({ max }: { max: number }) {
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - v / max);
  return (
    <g className="figures-axes" aria-hidden="true">
      {Array.from({ length: GRIDLINES + 1 }, (_, i) => i / GRIDLINES).map((f) => (
        <line key={f} x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} className="figures-grid" />
      ))}
    </g>
  );
}

/** The gridline numbers at the left and every n-th label under the x axis. */
function useAxisLabels(max: number, labels: string[], labelEvery: number, x: (i: number) => number): AxisLabel[] {
  const { lang } = useI18n();
  const tick = new Intl.NumberFormat(lang === "nl" ? "nl-NL" : "en-GB", { maximumFractionDigits: 2 });
  const y = (v: number) => PAD.top + (HEIGHT - PAD.top - PAD.bottom) * (1 - v / max);
  const numbers = Array.from({ length: GRIDLINES + 1 }, (_, i) => i / GRIDLINES).map(
    (f): AxisLabel => ({ text: tick.format(max * f), x: PAD.left - 8, y: y(max * f), anchor: "end" }),
  );
  const under = labels.flatMap((label, i): AxisLabel[] =>
    i % labelEvery === 0 ? [{ text: label, x: x(i), y: HEIGHT - PAD.bottom + 8, anchor: "middle" }] : [],
  );
  return [...numbers, ...under];
}

/** Stacked bars per label (e.g. chats started and left the queue, per day). */
export function FiguresBarChart({ title, description, labels, labelEvery = 1, series, table }: ChartProps) {
  const totals = labels.map((_, i) => series.reduce((s, ser) => s + (ser.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, labels.length);
  const barW = Math.max(2, slot * 0.7);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const axisLabels = useAxisLabels(max, labels, labelEvery, x);
  return (
    <Frame title={title} description={description} table={table} legend={series} axisLabels={axisLabels}>
      <Axes max={max} />
      {labels.map((_, i) => {
        let base = 0;
        return (
          <g key={i}>
            {series.map((s) => {
              const v = s.values[i] ?? 0;
              const h = (v / max) * plotH;
              const top = PAD.top + plotH - ((base + v) / max) * plotH;
              base += v;
              return v > 0 ? (
                <rect key={s.name} className={s.className} x={x(i) - barW / 2} y={top} width={barW} height={h} rx={1.5} />
              ) : null;
            })}
          </g>
        );
      })}
    </Frame>
  );
}

/** A line per series; a missing value (no chats that day) breaks the line instead of dropping to 0. */
export function FiguresLineChart({ title, description, labels, labelEvery = 1, series, table }: ChartProps) {
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, labels.length);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const y = (v: number) => PAD.top + plotH * (1 - v / max);
  const axisLabels = useAxisLabels(max, labels, labelEvery, x);
  return (
    <Frame title={title} description={description} table={table} legend={series} axisLabels={axisLabels}>
      <Axes max={max} />
      {series.map((s) => {
        let d = "";
        s.values.forEach((v, i) => {
          if (v === null) return;
          d += `${i === 0 || s.values[i - 1] === null ? "M" : "L"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        });
        return (
          <g key={s.name} className={s.className}>
            <path d={d} className="figures-line" />
            {s.values.map((v, i) => (v === null ? null : <circle key={i} cx={x(i)} cy={y(v)} r={3} />))}
          </g>
        );
      })}
    </Frame>
  );
}

/** Horizontal bars for a ranked list (topics, referrals); plain HTML, so it reads as a list. */
export function FiguresRanking({ title, items }: { title: string; items: { label: string; value: number }[] }) {
  const max = Math.max(1, ...items.map((i) => i.value));
  const { t } = useI18n();
  return (
    <section className="figures-ranking" aria-label={title}>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">{t("figures.none")}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li key={item.label}>
              <span className="figures-rank-label">{item.label}</span>
              <span className="figures-rank-bar" aria-hidden="true">
                <span style={{ width: `${(item.value / max) * 100}%` }} />
              </span>
              <span className="figures-rank-value">{item.value}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
