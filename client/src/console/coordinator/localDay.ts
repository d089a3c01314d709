/** "YYYY-MM-DD" of a date in the viewer's own calendar (not UTC: a coordinator thinks in local days). */
export function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
