/**
 * @license MIT
 * A short chime, synthesised on the spot: no audio file to fetch, nothing for a page's CSP.
 */

let context: AudioContext | undefined;

/**
 * Plays two soft notes (`high`: a brighter pair). Browsers let a page make sound only once
 * the user has interacted with it; before that this does nothing and returns false.
 */
export function chime(high: boolean): boolean {
  const Context = globalThis.AudioContext;
  if (!Context || navigator.userActivation?.hasBeenActive === false) return false;
  context ??= new Context();
  if (context.state === 'suspended') context.resume().catch(() => undefined);
  const start = context.currentTime + 0.01;
  (high ? [880, 1318.5] : [659.3, 880]).forEach((frequency, i) => {
    const at = start + i * 0.13;
    const tone = context!.createOscillator();
    const volume = context!.createGain();
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.18, at + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
    tone.connect(volume).connect(context!.destination);
    tone.start(at);
    tone.stop(at + 0.36);
  });
  return true;
}
