// `--backend both` in the TUI: the status line says what the second engine is
// doing ("crash loading… 3.1 s"), a banner says when an engine dies or cannot
// open the dump (the other carries on), and once crash is ready the
// cross-check runs and the Summary gets its CHECK line.
import { checkBoth } from '../core/both-check.js';
import type { Models } from '../core/models.js';
import type { BothClient } from '../protocol/both-client.js';
import type { Action } from './actions.js';

type Dispatch = (a: Action) => void;

export interface BothVersions {
  crash?: string;
  drgn?: string;
}

export function watchEngines(client: BothClient, dispatch: Dispatch, models: () => Models, versions: BothVersions = {}): () => void {
  const started = Date.now();
  let progress = '';
  const loading = () => `crash loading${progress ? ` ${progress}` : ''}… ${((Date.now() - started) / 1000).toFixed(1)} s`;
  const offProgress = client.on('progress', (m) => {
    progress = m;
    if (client.first !== undefined && !client.isUp('crash')) dispatch({ type: 'engine-note', note: loading() });
  });
  // The note ticks while crash loads (crash may print no progress for seconds).
  const timer = setInterval(() => {
    if (client.first !== undefined && !client.isUp('crash') && !client.isDead('crash')) dispatch({ type: 'engine-note', note: loading() });
  }, 500);
  timer.unref();
  const offEngine = client.on('engine', (e) => {
    if (e.kind === 'ready' && e.engine === 'drgn' && !client.isUp('crash')) dispatch({ type: 'engine-note', note: loading() });
    if (e.kind === 'ready' && e.engine === 'crash') {
      clearInterval(timer);
      dispatch({ type: 'engine-note', note: `crash ready in ${(e.ms / 1000).toFixed(1)} s (:py for drgn)` });
      if (!client.isDead('drgn'))
        void checkBoth(client, models, versions, e.warnings).then((check) => check && dispatch({ type: 'cross-check', check }));
    }
    if (e.kind === 'exit') {
      const other = e.engine === 'crash' ? 'drgn' : 'crash';
      if (e.engine === 'crash') clearInterval(timer);
      if (client.isDead(other)) return; // both gone: the client's exit says so
      const what = e.duringStartup ? 'stopped while loading the dump' : 'died';
      dispatch({ type: 'engine-note', note: `${e.engine} ${what}; ${other} only` });
      dispatch({ type: 'banner', banner: { level: 'warn', text: `${e.engine} ${what}; ${other} carries on (${e.message})` } });
    }
  });
  return () => {
    clearInterval(timer);
    offProgress();
    offEngine();
  };
}
