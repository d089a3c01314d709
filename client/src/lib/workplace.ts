import { useEffect, useState, useSyncExternalStore } from "react";
import type { Ack, RequestOf, Responses } from "../../../shared/protocol";
import { type AppSocket, openSocket, requestOn, sendWithResend } from "./socket";

/**
 * A workplace's state held outside React: socket handlers read what the last action left
 * (`getState`, even before React has rendered it), React renders it through `useWorkplace`.
 * The same shape for the youth page, the volunteer console and the professional's view.
 */
export interface WorkplaceStore<S, A> {
  getState(): S;
  dispatch(action: A): void;
  subscribe(listener: () => void): () => void;
}

export function createWorkplaceStore<S, A>(reduce: (state: S, action: A) => S, initial: S): WorkplaceStore<S, A> {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = reduce(state, action);
      if (next === state) return;
      state = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** A workplace store for this component's lifetime, and its state for rendering. */
export function useWorkplace<S, A>(reduce: (state: S, action: A) => S, initial: () => S): [S, WorkplaceStore<S, A>] {
  const [store] = useState(() => createWorkplaceStore(reduce, initial()));
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return [state, store];
}

/** The page's one socket and how to use it; `current()` is the socket right now (undefined before it opens). */
export interface Connection {
  socket: AppSocket | undefined;
  current: () => AppSocket | undefined;
  request: ReturnType<typeof requestOn>;
  /** A message or whisper, resent with the same id until the server answers (PROTOCOL.md §5.1). */
  send: <E extends "message:send" | "whisper:send">(event: E, payload: RequestOf<E>) => Promise<Ack<Responses[E]>>;
}

/**
 * Opens the page's socket for as long as the component lives and lets `wire` attach its handlers
 * (they read the workplace store, never a render's snapshot, so they are wired once).
 */
export function useConnection(wire: (socket: AppSocket) => (() => void) | undefined): Connection {
  const [connection] = useState(() => {
    let socket: AppSocket | undefined;
    const current = () => socket;
    return {
      open: () => {
        socket = openSocket();
        return socket;
      },
      close: () => {
        socket?.disconnect();
        socket = undefined;
      },
      current,
      request: requestOn(current),
      send: <E extends "message:send" | "whisper:send">(event: E, payload: RequestOf<E>) => sendWithResend(current, event, payload),
    };
  });
  const [socket, setSocket] = useState<AppSocket>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: wired once per page; the handlers read the store, not this render.
  useEffect(() => {
    const opened = connection.open();
    setSocket(opened);
    const unwire = wire(opened);
    return () => {
      unwire?.();
      connection.close();
    };
  }, []);
  return { socket, current: connection.current, request: connection.request, send: connection.send };
}

/**
 * A gap in a chat's seqs: fetch what it left out (PROTOCOL.md §5.2), one fetch per chat at a time;
 * a gap seen while one runs asks for another round (at most five), which reads the state anew.
 */
export function gapFiller(fetchAfterHeld: (conversationId: string) => Promise<void>): (conversationId: string) => Promise<void> {
  const running = new Map<string, { again: boolean }>();
  return async (conversationId) => {
    const mark = running.get(conversationId);
    if (mark) {
      mark.again = true;
      return;
    }
    const own = { again: false };
    running.set(conversationId, own);
    try {
      for (let round = 0; round < 5; round++) {
        await fetchAfterHeld(conversationId);
        if (!own.again) return;
        own.again = false;
      }
    } finally {
      running.delete(conversationId);
    }
  };
}
