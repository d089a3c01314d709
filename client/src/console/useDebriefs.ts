import { useCallback, useEffect, useState } from "react";
import type { Ack, DebriefMessageView, DebriefView, RequestName, RequestOf, Responses } from "../../../shared/protocol";
import type { AppSocket } from "../lib/socket";

export type Request = <E extends RequestName>(event: E, payload: RequestOf<E>) => Promise<Ack<Responses[E]>>;

/** Debriefs by id and their threads, from `debrief:list`/`debrief:sync` on every connect and the broadcasts after. */
export function useDebriefs(socket: AppSocket | undefined, request: Request, staffId: string | undefined) {
  const [debriefs, setDebriefs] = useState<Record<string, DebriefView>>({});
  const [threads, setThreads] = useState<Record<string, DebriefMessageView[]>>({});

  const sync = useCallback(
    async (id: string) => {
      const ack = await request("debrief:sync", { debriefId: id });
      if (!ack.ok) return;
      setDebriefs((all) => ({ ...all, [id]: ack.data.debrief }));
      setThreads((all) => ({ ...all, [id]: ack.data.messages }));
    },
    [request],
  );

  const load = useCallback(async () => {
    const ack = await request("debrief:list", {});
    if (!ack.ok) return;
    setDebriefs((all) => ({
      ...Object.fromEntries(Object.entries(all).filter(([, d]) => d.status === "closed")),
      ...Object.fromEntries(ack.data.map((d) => [d.id, d])),
    }));
    for (const d of ack.data) if (d.status === "claimed" && (d.volunteerId === staffId || d.claimedBy === staffId)) await sync(d.id);
  }, [request, staffId, sync]);

  useEffect(() => {
    if (!socket) return;
    const onUpdated = (d: DebriefView) => {
      setDebriefs((all) => ({ ...all, [d.id]: d }));
      if (d.status === "claimed" && (d.volunteerId === staffId || d.claimedBy === staffId)) void sync(d.id);
    };
    const onMessage = (m: DebriefMessageView) =>
      setThreads((all) => {
        const thread = all[m.debriefId] ?? [];
        return thread.some((x) => x.seq === m.seq) ? all : { ...all, [m.debriefId]: [...thread, m].sort((a, b) => a.seq - b.seq) };
      });
    const onConnect = () => void load();
    socket.on("debrief:updated", onUpdated);
    socket.on("debrief:message", onMessage);
    socket.on("connect", onConnect);
    if (socket.connected) void load();
    return () => {
      socket.off("debrief:updated", onUpdated);
      socket.off("debrief:message", onMessage);
      socket.off("connect", onConnect);
    };
  }, [socket, load, sync, staffId]);

  const send = useCallback(
    async (debriefId: string, text: string) => {
      const ack = await request("debrief:send", { debriefId, id: crypto.randomUUID(), text });
      return ack.ok;
    },
    [request],
  );

  return { debriefs, threads, sync, load, send, setDebriefs };
}
