// Small readers for crash outputs the hang analysis uses:
//   struct NAME -o              member offsets
//   struct NAME.a,b -x ADDR     field values, nested names dotted ("owner.counter")
//   kmem -s ADDR                the slab cache and object holding an address
//   rd -s ADDR COUNT            stack words, symbolic where crash knows the symbol
//   runq                        the runqueue address of each CPU
// Pure and total: unknown lines are skipped.

/** Offsets of the top-level members (and named unions) of a `struct NAME -o` listing. */
export function parseOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^\s*\[(\d+)\]\s+(?:.*?[\s*])?\(?\*?(\w+)(?:\[\d*\])*\)?(?:\(.*\))?;\s*$/.exec(line);
    const u = /^\s*\[(\d+)\]\s+\}\s*(\w+);/.exec(line);
    const hit = u ?? m;
    if (hit?.[1] && hit[2] && !out.has(hit[2])) out.set(hit[2], Number(hit[1]));
  }
  return out;
}

/** `name = value` leaves of a `struct` print, keyed by dotted path. */
export function parseFields(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const path: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const open = /^([\w.]+) = \{$/.exec(line);
    if (open?.[1]) {
      path.push(open[1]);
      continue;
    }
    if (line === '{') {
      path.push('');
      continue;
    }
    if (/^\},?$/.test(line) || /^\}\s*\w*,?$/.test(line)) {
      path.pop();
      continue;
    }
    const leaf = /^([\w.]+) = (.*?),?$/.exec(line);
    if (leaf?.[1] && leaf[2] !== undefined) out.set([...path.filter((p) => p !== ''), leaf[1]].join('.'), leaf[2]);
  }
  return out;
}

/** The hex number in a field value ("0xffff8a03", "0xffff8a03 \"db.log\""), without 0x. */
export function fieldHex(v: string | undefined): string | undefined {
  return v ? /^(?:\(.*?\)\s*)?0x([0-9a-f]+)/.exec(v.trim())?.[1] : undefined;
}

/** The string in a char* or char[] field value: `0xffff "db.log"` or `"vdb\000\000"`. */
export function fieldString(v: string | undefined): string | undefined {
  const m = v ? /"((?:[^"\\]|\\.)*)"/.exec(v) : undefined;
  return m?.[1] !== undefined ? m[1].replace(/(\\000)+$/, '').replace(/\\0+.*$/, '') : undefined;
}

export function parseKmemSlab(text: string): { cache: string; object?: string } | undefined {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => /^CACHE\s+OBJSIZE/.test(l));
  const row = head >= 0 ? lines[head + 1]?.trim().split(/\s+/) : undefined;
  const cache = row && row.length >= 7 ? row[row.length - 1] : undefined;
  if (!cache) return undefined;
  const obj = /^\s*\[?([0-9a-f]{8,16})\]?\s*$/.exec(lines.slice(head).find((l) => /^\s*\[[0-9a-f]{8,16}\]\s*$/.test(l)) ?? '')?.[1];
  return obj ? { cache, object: obj } : { cache };
}

export interface StackWord {
  /** Address of the word, hex without 0x. */
  at: bigint;
  /** The word's value when crash printed it as hex. */
  value?: bigint;
  /** `function+offset` when crash printed a symbol. */
  symbol?: string;
}

export function parseStackWords(text: string): StackWord[] {
  const out: StackWord[] = [];
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{8,16}):\s+(.*)$/.exec(line.trim());
    if (!m?.[1] || m[2] === undefined) continue;
    const base = BigInt(`0x${m[1]}`);
    m[2]
      .trim()
      .split(/\s+/)
      .forEach((w, i) => {
        const at = base + BigInt(i * 8);
        if (/^[0-9a-f]{16}$/.test(w)) out.push({ at, value: BigInt(`0x${w}`) });
        else if (/^[A-Za-z_.$][\w.$]*(\+\d+)?$/.test(w)) out.push({ at, symbol: w });
      });
  }
  return out;
}

export function parseRunqueues(text: string): string[] {
  return [...text.matchAll(/^CPU \d+ RUNQUEUE: ([0-9a-f]+)/gm)].map((m) => m[1] ?? '').filter((s) => s !== '');
}
