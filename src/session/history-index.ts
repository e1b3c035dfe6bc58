// Search across sessions: commands and output lines. Cheap pre-filters pick
// the candidates and fuse.js scores only those (at most a few hundred):
// - a word index (word -> exchanges) narrows which outputs are scanned;
// - lowercased outputs are scanned with indexOf for the query itself;
// - a misspelt word is replaced by its nearest known words (bigrams, then fuse.js).
import Fuse from 'fuse.js';
import type { ExchangeRecord, SessionHeader } from './schema.js';
import { loadSessions } from './store.js';

export interface HistoryHit {
  sessionId: string;
  sessionPath: string;
  dump: string;
  startedAt: string;
  seq: number;
  command: string;
  /** 1-based line in the output, or 0 for a match on the command. */
  line: number;
  snippet: string;
  /** 0 is best (fuse.js scale). */
  score: number;
}

/** What the index needs of a session (a ReadSession fits). */
export interface IndexedSession {
  path: string;
  header: SessionHeader;
  exchanges: ExchangeRecord[];
}

interface Entry {
  session: IndexedSession;
  ex: ExchangeRecord;
  /** Position in the index: newest session first, then by seq. */
  rank: number;
  lower: string;
  starts?: Int32Array;
}

interface Built {
  entries: Entry[];
  byCommand: Map<string, Entry[]>;
  commandFuse: Fuse<string>;
  /** Word (lowercase, not an address) -> ranks of the outputs holding it. */
  postings: Map<string, number[]>;
  words: string[];
  /** Words of the commands, known even when no output holds them. */
  commandWords: Set<string>;
  /** Outputs with a run of word characters longer than WORD catches: always scanned. */
  longRuns: number[];
}

/** A matching line (`from` is its offset in the output) or, with from -1, a matching command. */
interface Candidate {
  entry: Entry;
  from: number;
  text: string;
  score: number;
}

const SCAN_CAP = 1000;
const SCORE_CAP = 400;
const WORD = /[a-z_][a-z0-9_]{2,199}/g;
const spaces = (s: string) => s.trim().replace(/\s+/g, ' ');
const hexOnly = (w: string) => /^[0-9a-f]+$/.test(w);
const isAddress = (w: string) => w.length >= 6 && hexOnly(w) && /\d/.test(w);
const byRank = (x: Candidate, y: Candidate) => x.score - y.score || x.entry.rank - y.entry.rank || x.from - y.from;

export class HistoryIndex {
  private built: Promise<Built> | undefined;
  readonly warnings: string[] = [];

  constructor(private readonly load: () => Promise<IndexedSession[]>) {}

  static fromSessions(sessions: IndexedSession[]): HistoryIndex {
    return new HistoryIndex(async () => sessions);
  }

  /** Reads every session in `dir` on the first query; unreadable ones become warnings. */
  static fromDir(dir: string): HistoryIndex {
    const index: HistoryIndex = new HistoryIndex(async () => {
      const { sessions, warnings } = await loadSessions(dir);
      index.warnings.push(...warnings);
      return sessions;
    });
    return index;
  }

  /** Builds the index now (otherwise the first search does). */
  async build(): Promise<{ sessions: number; exchanges: number; words: number }> {
    const b = await this.index();
    const sessions = new Set(b.entries.map((e) => e.session)).size;
    return { sessions, exchanges: b.entries.length, words: b.words.length };
  }

  async search(query: string, opts: { limit?: number } = {}): Promise<HistoryHit[]> {
    const limit = opts.limit ?? 20;
    const typed = spaces(query);
    const q = typed.toLowerCase();
    if (q === '') return [];
    const b = await this.index();
    const commandHit = (e: Entry, score: number): Candidate => ({ entry: e, from: -1, text: firstLine(e), score });
    const exact = (b.byCommand.get(typed) ?? []).slice(0, limit).map((e) => commandHit(e, 0));
    const others: Candidate[] = [];
    for (const r of b.commandFuse.search(q, { limit: 50 })) {
      if (r.item === typed) continue;
      for (const e of (b.byCommand.get(r.item) ?? []).slice(0, limit)) others.push(commandHit(e, r.score ?? 1));
    }
    const words = q.split(' ');
    const found = new Map<string, Candidate>();
    scan(b, [q], found);
    // Wider nets, each only while the narrower ones found too little.
    if (found.size < limit && words.length > 1 && exact.length === 0) scan(b, words, found);
    if (found.size === 0 && exact.length === 0 && !others.some((c) => c.score < 0.2)) {
      for (const alt of corrections(b, words)) if (found.size < limit) scan(b, [alt], found);
    }
    others.push(...scoreLines([...found.values()], q));
    // An exact command match ranks first, whatever fuse.js makes of the lines.
    return [...exact.sort(byRank), ...others.sort(byRank)].slice(0, limit).map(toHit);
  }

  /** Drops the index; the next search reads the sessions again (new exchanges included). */
  invalidate(): void {
    this.built = undefined;
  }

  private index(): Promise<Built> {
    this.built ??= this.load().then(buildIndex, (err: unknown) => {
      this.built = undefined; // a failed load is retried by the next search
      throw err;
    });
    return this.built;
  }
}

function buildIndex(sessions: IndexedSession[]): Built {
  const ordered = [...sessions].sort((a, b) => (a.header.startedAt < b.header.startedAt ? 1 : -1));
  const entries: Entry[] = [];
  const byCommand = new Map<string, Entry[]>();
  const postings = new Map<string, number[]>();
  const longRuns: number[] = [];
  const post = (word: string, rank: number) => {
    const list = postings.get(word);
    if (!list) postings.set(word, [rank]);
    else if (list[list.length - 1] !== rank) list.push(rank);
  };
  for (const session of ordered) {
    for (const ex of session.exchanges) {
      const rank = entries.length;
      const entry: Entry = { session, ex, rank, lower: ex.output.toLowerCase() };
      entries.push(entry);
      const key = spaces(ex.command);
      const list = byCommand.get(key);
      if (list) list.push(entry);
      else byCommand.set(key, [entry]);
      for (const m of entry.lower.matchAll(WORD)) {
        if (!isAddress(m[0])) post(m[0], rank);
        if (m[0].length === 200 && longRuns[longRuns.length - 1] !== rank) longRuns.push(rank);
      }
    }
  }
  const commands = [...byCommand.keys()];
  const commandFuse = new Fuse(commands, { includeScore: true, ignoreLocation: true, threshold: 0.4 });
  const commandWords = new Set(commands.flatMap((c) => c.toLowerCase().split(' ')));
  return { entries, byCommand, commandFuse, postings, words: [...postings.keys()], commandWords, longRuns };
}

/**
 * The outputs that can hold every needle: those holding a word that contains
 * the longest word piece of the needles (a piece of hex digits only may sit in
 * an address, which is not indexed: then every output).
 */
function candidates(b: Built, needles: string[]): Iterable<Entry> {
  const pieces = needles.flatMap((n) => n.match(WORD) ?? []).filter((p) => !hexOnly(p));
  const piece = pieces.sort((x, y) => y.length - x.length)[0];
  if (piece === undefined) return b.entries;
  const marks = new Uint8Array(b.entries.length);
  for (const r of b.longRuns) marks[r] = 1;
  for (const w of b.words) if (w.includes(piece)) for (const r of b.postings.get(w) ?? []) marks[r] = 1;
  return b.entries.filter((e) => marks[e.rank] === 1);
}

/** Adds the lines holding every needle (the longest drives the scan), up to the cap. */
function scan(b: Built, needles: string[], found: Map<string, Candidate>): void {
  const [first, ...rest] = [...needles].sort((x, y) => y.length - x.length);
  if (!first) return;
  for (const entry of candidates(b, needles)) {
    if (found.size >= SCAN_CAP) return;
    const lower = entry.lower;
    for (let at = lower.indexOf(first); at >= 0 && found.size < SCAN_CAP; ) {
      const from = at === 0 ? 0 : lower.lastIndexOf('\n', at - 1) + 1;
      const nl = lower.indexOf('\n', at);
      const to = nl < 0 ? lower.length : nl;
      const key = `${entry.rank}:${from}`;
      if (!found.has(key) && rest.every((n) => lower.slice(from, to).includes(n)))
        found.set(key, { entry, from, text: lineText(entry, from, to), score: 1 });
      at = nl < 0 ? -1 : lower.indexOf(first, nl + 1);
    }
  }
}

/** The query with each unknown word replaced by near known words (at most 3 variants). */
function corrections(b: Built, words: string[]): string[] {
  const options = words.map((w) => {
    if (w.length < 4 || b.postings.has(w) || b.commandWords.has(w) || !/^[a-z0-9_]+$/.test(w)) return [w];
    const grams = bigrams(w);
    const near = b.words.filter(
      (v) => Math.abs(v.length - w.length) <= 2 && grams.filter((g) => v.includes(g)).length * 2 >= grams.length,
    );
    const fuse = new Fuse(near.slice(0, 1000), { includeScore: true, threshold: 0.4 });
    return fuse.search(w, { limit: 3 }).map((r) => r.item);
  });
  if (options.every((o, i) => o.length === 1 && o[0] === words[i])) return [];
  let alts: string[][] = [[]];
  for (const o of options) alts = alts.flatMap((a) => o.map((w) => [...a, w])).slice(0, 3);
  return alts.map((a) => a.join(' '));
}

function bigrams(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= w.length; i++) out.push(w.slice(i, i + 2));
  return out;
}

/** fuse.js scores the distinct line texts (up to a cap); lines it did not match keep score 1. */
function scoreLines(cands: Candidate[], q: string): Candidate[] {
  const texts = [...new Set(cands.map((c) => c.text))].slice(0, SCORE_CAP);
  const fuse = new Fuse(texts, { includeScore: true, ignoreLocation: true, threshold: 0.6 });
  const scores = new Map<string, number>();
  for (const r of fuse.search(q)) scores.set(r.item, r.score ?? 1);
  const kept = new Set(texts);
  return cands.filter((c) => kept.has(c.text)).map((c) => ({ ...c, score: scores.get(c.text) ?? 1 }));
}

function lineNumber(entry: Entry, from: number): number {
  if (!entry.starts) {
    const starts = [0];
    for (let at = entry.lower.indexOf('\n'); at >= 0; at = entry.lower.indexOf('\n', at + 1)) starts.push(at + 1);
    entry.starts = Int32Array.from(starts);
  }
  const starts = entry.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= from) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** The original-case line (lowercasing can change lengths for a few characters). */
function lineText(entry: Entry, from: number, to: number): string {
  const out = entry.ex.output;
  if (out.length === entry.lower.length) return out.slice(from, to);
  return out.split('\n')[lineNumber(entry, from) - 1] ?? '';
}

function firstLine(entry: Entry): string {
  const nl = entry.ex.output.indexOf('\n');
  return nl < 0 ? entry.ex.output : entry.ex.output.slice(0, nl);
}

function toHit(c: Candidate): HistoryHit {
  const { header, path } = c.entry.session;
  return {
    sessionId: header.id,
    sessionPath: path,
    dump: header.dump.path,
    startedAt: c.entry.ex.startedAt,
    seq: c.entry.ex.seq,
    command: c.entry.ex.command,
    line: c.from < 0 ? 0 : lineNumber(c.entry, c.from),
    snippet: c.text.length > 200 ? `${c.text.slice(0, 199)}…` : c.text,
    score: c.score,
  };
}
