import { useCallback, useRef, useState } from "react";

const MUTE_KEY = "inloop.console.mute";

/** The console's sound switch, kept per browser; `mutedNow()` is for handlers wired once. */
export function useMuted() {
  const [muted, setMuted] = useState(() => localStorage.getItem(MUTE_KEY) === "1");
  const ref = useRef(muted);
  const toggle = useCallback(() => {
    ref.current = !ref.current;
    localStorage.setItem(MUTE_KEY, ref.current ? "1" : "0");
    setMuted(ref.current);
  }, []);
  const mutedNow = useCallback(() => ref.current, []);
  return { muted, toggle, mutedNow };
}
