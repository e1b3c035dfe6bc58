/**
 * The end-of-output marker sent after every command. crash's `echo` drops
 * quotes, so what is typed (`echo @@KDV"_"END_...`) differs from what is
 * printed (`@@KDV_END_...`): the echo of the typed line can never be
 * mistaken for the marker, and a random per-session nonce keeps dump text
 * (which may contain anything, including `crash> `) from forging it.
 */
export interface Sentinel {
  /** The command line to send. */
  typed: string;
  /** The line crash prints for it. */
  printed: string;
}

export function makeSentinel(nonce: string, tag: string): Sentinel {
  return {
    typed: `echo @@KDV"_"${tag}_${nonce}@@`,
    printed: `@@KDV_${tag}_${nonce}@@`,
  };
}

export function randomNonce(): string {
  return Math.random().toString(36).slice(2, 10) + Date.now().toString(36);
}
