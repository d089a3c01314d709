import { type FormEvent, useEffect } from "react";
import type { AccessSearchView, StaffAdminView } from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { api } from "../../lib/api";
import { useWorkplace } from "../../lib/workplace";
import { AccessEntries } from "./AccessEntries";
import { type AccessAction, type AccessState, accessQuery, initialAccess, reduceAccess } from "./accessState";
import { ErasePanel } from "./ErasePanel";

function AccessSearch({
  state,
  dispatch,
  onSearch,
}: {
  state: AccessState;
  dispatch(action: AccessAction): void;
  onSearch(e: FormEvent): void;
}) {
  const { t } = useI18n();
  return (
    <form className="panel access-search" onSubmit={onSearch}>
      <label>
        {t("access.from")}
        <input type="date" value={state.from} onChange={(e) => dispatch({ type: "from", date: e.target.value })} required />
      </label>
      <label>
        {t("access.to")}
        <input type="date" value={state.to} onChange={(e) => dispatch({ type: "to", date: e.target.value })} required />
      </label>
      <label>
        {t("access.person")}
        <select value={state.staffId} onChange={(e) => dispatch({ type: "person", staffId: e.target.value })}>
          <option value="">{t("access.everyone")}</option>
          {state.staff.map((s) => (
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
  );
}

/**
 * The access record of the locations this coordinator runs: who opened, read along, took over,
 * exported or erased which conversation, when and why; searchable by period and person. The
 * server decides the scope; the page only asks.
 */
export function AccessPage() {
  const { t } = useI18n();
  const [state, store] = useWorkplace(reduceAccess, () => initialAccess(Date.now()));
  const { dispatch } = store;

  const search = async (e?: FormEvent) => {
    e?.preventDefault();
    const ack = await api<AccessSearchView>(`/api/admin/access?${accessQuery(store.getState())}`);
    dispatch(ack.ok ? { type: "found", found: ack.data } : { type: "failed", error: ack.message });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: The first search runs once with the default week.
  useEffect(() => {
    void api<StaffAdminView[]>("/api/admin/staff").then((ack) => ack.ok && dispatch({ type: "staff", staff: ack.data }));
    void search();
  }, []);

  return (
    <section className="admin" aria-labelledby="access-title">
      <h1 id="access-title">{t("access.title")}</h1>
      <p className="hint">{t("access.intro")}</p>
      <AccessSearch state={state} dispatch={dispatch} onSearch={search} />
      {state.error && (
        <p className="problems" role="alert">
          {t("coord.error", { message: state.error })}
        </p>
      )}
      {state.found && <AccessEntries found={state.found} />}
      <ErasePanel onErased={() => void search()} />
    </section>
  );
}
