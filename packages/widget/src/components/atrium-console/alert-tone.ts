// A short tone for a new chat or message, made with WebAudio (no audio file to fetch). The
// librarian's choice to mute it is kept in localStorage for every console tab.

const MUTED_KEY = 'atrium-console:muted';

let context: AudioContext | undefined;

export function isMuted(): boolean {
  try {
    return localStorage.getItem(MUTED_KEY) === 'true';
  } catch {
    return false;
  }
}

export function setMuted(muted: boolean): void {
  try {
    if (muted) localStorage.setItem(MUTED_KEY, 'true');
    else localStorage.removeItem(MUTED_KEY);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this page only.
  }
}

/**
 * Prepares audio during a user gesture (sign-in, the sound toggle): browsers keep an
 * AudioContext created without one silent.
 */
export function unlockAudio(): void {
  const Context = globalThis.AudioContext;
  if (!Context) return;
  context ??= new Context();
  if (context.state === 'suspended') void context.resume().catch(() => {});
}

/** Plays a soft beep: `high` for a new chat in the queue, `low` for a new message. */
export function playTone(kind: 'high' | 'low'): void {
  if (isMuted() || !context || context.state !== 'running') return;
  const now = context.currentTime;
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'sine';
  oscillator.frequency.value = kind === 'high' ? 880 : 660;
  // A quick fade in and out avoids the click of a square edge.
  gain.gain.setValueAtTime(0, now);
  gain.gain.linearRampToValueAtTime(0.15, now + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.001, now + 0.25);
  oscillator.connect(gain).connect(context.destination);
  oscillator.start(now);
  oscillator.stop(now + 0.3);
}
