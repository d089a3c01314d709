import { type FormEvent, useEffect, useState } from "react";
import type { AccessSearchView, StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { ErasePanel } from "./ErasePanel";

/** "YYYY-MM-DD" in the viewer's own calendar. */
function localIso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/**
 * The access record of the locations this coordinator runs: who opened, read along, took over,
 * exported or erased which conversation, when and why; searchable by period and person. The
 * server decides the scope; the page only asks.
 */
export function AccessPage() {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(() => localIso(new Date(Date.now() - 6 * 86_400_000)));
  const [to, setTo] = useState(() => localIso(new Date()));
  const [staffId, setStaffId] = useState("");
  const [staff, setStaff] = useState<StaffAdminView[]>([]);
  const [found, setFound] = useState<AccessSearchView>();
  const [error, setError] = useState<string>();

  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    const params = new URLSearchParams({ from, to, ...(staffId && { staffId }) });
    const ack = await api<AccessSearchView>(`/api/admin/access?${params}`);
    if (!ack.ok) return setError(ack.message);
    setError(undefined);
    setFound(ack.data);
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: The first search runs once with the default week.
  useEffect(() => {
    void api<StaffAdminView[]>("/api/admin/staff").then((ack) => ack.ok && setStaff(ack.data));
    void search();
  }, []);

  const when = new Intl.DateTimeFormat(lang === "nl" ? "nl-NL" : "en-GB", { dateStyle: "medium", timeStyle: "short" });
  return (
    <section className="admin" aria-labelledby="access-title">
      <h1 id="access-title">{t("access.title")}</h1>
      <p className="hint">{t("access.intro")}</p>
      <form className="panel access-search" onSubmit={search}>
        <label>
          {t("access.from")}
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
        </label>
        <label>
          {t("access.to")}
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
        </label>
        <label>
          {t("access.person")}
          <select value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">{t("access.everyone")}</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.displayName}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button-primary">
          {t("access.search")}
        </button>
      </form>
      {error && (
        <p className="problems" role="alert">
          {t("coord.error", { message: error })}
        </p>
      )}
      {found && found.entries.length === 0 && <p role="status">{t("access.none")}</p>}
      {found?.truncated && <p className="hint">{t("access.truncated")}</p>}
      {found && found.entries.length > 0 && (
        <table className="admin-table">
          <caption>{t("access.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("access.col.when")}</th>
              <th scope="col">{t("access.col.who")}</th>
              <th scope="col">{t("access.col.what")}</th>
              <th scope="col">{t("access.col.conversation")}</th>
              <th scope="col">{t("access.col.why")}</th>
              <th scope="col">{t("access.col.location")}</th>
            </tr>
          </thead>
          <tbody>
            {found.entries.map((e) => (
              <tr key={e.id}>
                <td>{when.format(e.at)}</td>
                <th scope="row">{e.staffName}</th>
                <td>{t(`access.action.${e.action}`, { name: e.subjectStaffName ?? "" })}</td>
                <td>
                  <code>{e.conversationId ?? "–"}</code>
                </td>
                <td>{t(`access.reason.${e.reason}`)}</td>
                <td>{e.locationId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErasePanel onErased={() => void search()} />
    </section>
  );
}
