/** A soft two-note chime from WebAudio: no audio file to load, nothing to block by CSP. */
export function chime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.08;
    gain.connect(ctx.destination);
    [660, 880].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.15);
      osc.stop(ctx.currentTime + i * 0.15 + 0.12);
    });
    setTimeout(() => void ctx.close(), 600);
  } catch {
    // No audio (autoplay policy, old browser): the title still changes.
  }
}

/** The risk alarm: three hard, high-low square-wave beeps, unlike the chime, so it is never taken for a new message. */
export const ALARM_FREQUENCIES = [1046, 784, 1046] as const;

/** Sounds the risk alarm once (the caller repeats it until the flagged chat is opened). */
export function alarm(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.gain.value = 0.12;
    gain.connect(ctx.destination);
    ALARM_FREQUENCIES.forEach((freq, i) => {
      const osc = ctx.createOscillator();
      osc.type = "square";
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + i * 0.22);
      osc.stop(ctx.currentTime + i * 0.22 + 0.16);
    });
    setTimeout(() => void ctx.close(), 1000);
  } catch {
    // No audio: the red marker, the title and the announcement still say it.
  }
}
