// Number readers for the parsers: small, strict, and never throwing.

/** A non-negative decimal integer, or undefined when s is not one. */
export function toInt(s: string): number | undefined {
  if (s.length === 0 || s.length > 15) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

/** A decimal integer with an optional leading minus sign. */
export function toSignedInt(s: string): number | undefined {
  if (s.charCodeAt(0) === 45) {
    const n = toInt(s.slice(1));
    return n === undefined ? undefined : -n;
  }
  return toInt(s);
}

/** A decimal number such as "0.0" or "12.5" (no exponent, no sign). */
export function toDecimal(s: string): number | undefined {
  if (s.length === 0 || s.length > 24) return undefined;
  let dot = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 && !dot) dot = true;
    else if (c < 48 || c > 57) return undefined;
  }
  if (s === '.') return undefined;
  return Number(s);
}

const UNIT_BYTES: Record<string, number> = {
  B: 1, KB: 1024, K: 1024, MB: 1024 ** 2, M: 1024 ** 2, GB: 1024 ** 3, G: 1024 ** 3, TB: 1024 ** 4, T: 1024 ** 4, PB: 1024 ** 5,
};

/** "767.5 MB" -> bytes (approximate); units B, KB, MB, GB, TB (also KiB...). */
export function sizeToBytes(num: string, unit: string | undefined): number | undefined {
  const n = toDecimal(num);
  if (n === undefined) return undefined;
  const u = (unit ?? 'B').toUpperCase().replace('IB', 'B');
  const m = UNIT_BYTES[u];
  return m === undefined ? undefined : Math.round(n * m);
}

