// The one models step: a finished exchange updates the models it fills,
// parsed once, by the profile of the backend that ran it. The TUI, reports
// and replay all go through here (through DumpSession).
import type { Exchange } from '../model/exchange.js';
import { profileOfCommand } from './backend-profile.js';
import type { Models } from './models.js';

export function applyExchange<M extends Models>(s: M, ex: Exchange): M {
  const next: M = { ...s, exchanges: [...s.exchanges, ex] };
  if (ex.status !== 'ok') return next;
  profileOfCommand(ex.command).apply(next, ex);
  return next;
}

/** The models a list of exchanges gives, in order (a recording, a report's steps). */
export function modelsFrom<M extends Models>(start: M, exchanges: Iterable<Exchange>): M {
  let m = start;
  for (const ex of exchanges) m = applyExchange(m, ex);
  return m;
}
