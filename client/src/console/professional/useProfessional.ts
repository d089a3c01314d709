import { useCallback, useEffect, useRef, useState } from "react";
import {
  PROTOCOL_VERSION,
  type Ack,
  type DutyView,
  type EscalationView,
  type LiveConversationView,
  type LocationView,
  type MessageView,
  type RequestName,
  type RequestOf,
  type Responses,
  type StaffConversationView,
  type StaffView,
} from "../../../../shared/protocol";
import { useI18n } from "../../i18n/i18n";
import { chime } from "../../lib/alerts";
import { call, openSocket, type AppSocket } from "../../lib/socket";

export interface Watched {
  conversation: StaffConversationView;
  messages: MessageView[];
  joined: boolean;
}

const LIVE_REFRESH_MS = 10_000;

/** The professional's side: duty, the inbox of escalations, live chats, and one chat read along. */
export function useProfessional() {
  const { t } = useI18n();
  const [online, setOnline] = useState(false);
  const [staff, setStaff] = useState<StaffView>();
  const [duty, setDuty] = useState<DutyView>();
  const [locations, setLocations] = useState<LocationView[]>([]);
  const [inbox, setInbox] = useState<EscalationView[]>([]);
  const [live, setLive] = useState<LiveConversationView[]>([]);
  const [watched, setWatched] = useState<Watched>();
  const [alerts, setAlerts] = useState(0);
  const socketRef = useRef<AppSocket | undefined>(undefined);
  const [socket, setSocket] = useState<AppSocket>();
  const watchedRef = useRef(watched);
  watchedRef.current = watched;

  const request = useCallback(<E extends RequestName>(event: E, payload: RequestOf<E>): Promise<Ack<Responses[E]>> => {
    const socket = socketRef.current;
    if (!socket) return Promise.resolve({ ok: false, code: "UNAVAILABLE", message: "offline" });
    return call(socket, event, payload);
  }, []);

  const refresh = useCallback(async () => {
    const [list, conversations] = await Promise.all([request("escalation:list", {}), request("conversation:live", {})]);
    if (list.ok) setInbox(list.data);
    if (conversations.ok) setLive(conversations.data);
  }, [request]);

  useEffect(() => {
    const socket = openSocket();
    socketRef.current = socket;
    setSocket(socket);
    socket.on("connect", async () => {
      setOnline(true);
      const synced = await call(socket, "staff:sync", { protocolVersion: PROTOCOL_VERSION });
      if (!synced.ok) return;
      setStaff(synced.data.staff);
      setLocations(synced.data.locations);
      setDuty(synced.data.duty);
      await refresh();
      // Back after a reload: the chat being read along, or one taken over, opens again.
      const w = watchedRef.current;
      const mine = synced.data.conversations[0];
      const reopen = w?.conversation.id ?? mine?.id;
      if (reopen) {
        const again = await call(socket, "conversation:watch", { conversationId: reopen });
        if (again.ok) setWatched({ ...again.data, joined: w ? w.joined : again.data.conversation.professionalId === synced.data.staff.id });
      }
    });
    socket.on("disconnect", () => setOnline(false));
    const upsert = (e: EscalationView) =>
      setInbox((list) => (e.status === "resolved" ? list.filter((x) => x.id !== e.id) : [...list.filter((x) => x.id !== e.id), e]));
    socket.on("escalation:updated", upsert);
    socket.on("escalation:alert", (e) => {
      upsert(e);
      setAlerts((n) => n + 1);
      chime();
    });
    socket.on("risk:flagged", () => void refresh());
    // The roster started or ended a shift: the duty switch follows, and so does what they see.
    socket.on("duty:changed", (d) => {
      setDuty(d);
      void refresh();
    });
    socket.on("locations:changed", (p) => setLocations(p.locations));
    socket.on("message:received", (m) => {
      setWatched((w) => (w && w.conversation.id === m.conversationId && !w.messages.some((x) => x.seq === m.seq) ? { ...w, messages: [...w.messages, m].sort((a, b) => a.seq - b.seq) } : w));
    });
    socket.on("conversation:ended", (p) => {
      setWatched((w) => (w?.conversation.id === p.conversationId ? { ...w, conversation: { ...w.conversation, status: "ended" } } : w));
      void refresh();
    });
    const timer = setInterval(() => void refresh(), LIVE_REFRESH_MS);
    return () => {
      clearInterval(timer);
      socket.disconnect();
    };
  }, [refresh]);

  useEffect(() => {
    const open = inbox.filter((e) => e.status === "open").length;
    document.title = open > 0 ? t("pro.title.open", { n: open }) : t("console.title");
  }, [inbox, alerts, t]);

  const actions = {
    request,
    /** Shows the change at once; the server's answer settles it. */
    async setDuty(onDuty: boolean, locationIds: string[]) {
      const before = duty;
      setDuty((d) => (d ? { ...d, onDuty, locationIds } : d));
      const ack = await request("duty:set", { onDuty, locationIds });
      setDuty(ack.ok ? ack.data : before);
      await refresh();
      return ack;
    },
    async claim(id: string) {
      const ack = await request("escalation:claim", { escalationId: id });
      if (ack.ok && ack.data.conversationId) await actions.watch(ack.data.conversationId);
      await refresh();
      return ack;
    },
    async resolve(id: string, outcome: string, referral: RequestOf<"escalation:resolve">["referral"]) {
      const ack = await request("escalation:resolve", { escalationId: id, outcome, referral });
      await refresh();
      return ack;
    },
    async watch(conversationId: string) {
      const ack = await request("conversation:watch", { conversationId });
      if (ack.ok) setWatched({ ...ack.data, joined: false });
      return ack;
    },
    async join(conversationId: string) {
      const ack = await request("conversation:join", { conversationId });
      if (ack.ok) setWatched((w) => (w ? { ...w, joined: true } : w));
      return ack;
    },
    async takeOver(conversationId: string) {
      const ack = await request("conversation:takeover", { conversationId });
      if (ack.ok) setWatched((w) => (w ? { ...w, conversation: { ...w.conversation, volunteerId: undefined } } : w));
      return ack;
    },
    async handBack(conversationId: string) {
      const ack = await request("conversation:handback", { conversationId });
      if (ack.ok) await actions.watch(conversationId).then(() => setWatched((w) => (w ? { ...w, joined: true } : w)));
      return ack;
    },
    close: () => setWatched(undefined),
  };
  return { online, staff, duty, locations, inbox, live, watched, actions, socket };
}
