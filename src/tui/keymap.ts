// Every key binding, as data: the input handler, the `?` overlay and the
// README's key table are all generated from this one table.
import type { PaneId } from './panes.js';

export type Command =
  | 'pane-1' | 'pane-2' | 'pane-3' | 'pane-4' | 'pane-5' | 'pane-6' | 'pane-7'
  | 'pane-prev' | 'pane-next'
  | 'down' | 'up' | 'page-down' | 'page-up' | 'top' | 'bottom'
  | 'search' | 'search-next' | 'search-prev' | 'escape'
  | 'command-line' | 'help' | 'quit' | 'cancel' | 'restart'
  | 'open' | 'tasks-un' | 'tasks-state-cycle' | 'tasks-sort'
  | 'bt-toggle-all' | 'bt-clusters' | 'log-jump-oops' | 'log-level-cycle' | 'hangs-all' | 'diagnostics';

export interface Binding {
  keys: string[];
  command: Command;
  description: string;
  /** 'global', or the pane where the binding applies. */
  scope: 'global' | PaneId;
}

export const KEYMAP: readonly Binding[] = [
  { keys: ['1'], command: 'pane-1', description: 'Summary pane', scope: 'global' },
  { keys: ['2'], command: 'pane-2', description: 'Backtrace pane', scope: 'global' },
  { keys: ['3'], command: 'pane-3', description: 'Log pane', scope: 'global' },
  { keys: ['4'], command: 'pane-4', description: 'Tasks pane', scope: 'global' },
  { keys: ['5'], command: 'pane-5', description: 'Console pane', scope: 'global' },
  { keys: ['6'], command: 'pane-6', description: 'History pane', scope: 'global' },
  { keys: ['7'], command: 'pane-7', description: 'Hangs pane: blocked tasks, the locks they wait on, the task holding them up', scope: 'global' },
  { keys: ['['], command: 'pane-prev', description: 'previous pane', scope: 'global' },
  { keys: [']'], command: 'pane-next', description: 'next pane', scope: 'global' },
  { keys: ['j', 'down'], command: 'down', description: 'move down one row', scope: 'global' },
  { keys: ['k', 'up'], command: 'up', description: 'move up one row', scope: 'global' },
  { keys: ['pagedown', 'space'], command: 'page-down', description: 'page down', scope: 'global' },
  { keys: ['pageup', 'b'], command: 'page-up', description: 'page up', scope: 'global' },
  { keys: ['g', 'home'], command: 'top', description: 'go to the first row', scope: 'global' },
  { keys: ['G', 'end'], command: 'bottom', description: 'go to the last row', scope: 'global' },
  { keys: ['/'], command: 'search', description: 'filter this pane as you type (Tasks, Log, History, Backtrace); Enter keeps it', scope: 'global' },
  { keys: ['n'], command: 'search-next', description: 'next match', scope: 'global' },
  { keys: ['N'], command: 'search-prev', description: 'previous match', scope: 'global' },
  { keys: ['escape'], command: 'escape', description: 'clear search, close detail or overlay', scope: 'global' },
  { keys: [':'], command: 'command-line', description: 'run a crash command in the Console', scope: 'global' },
  { keys: ['?'], command: 'help', description: 'this help', scope: 'global' },
  { keys: ['q'], command: 'quit', description: 'quit (asks if a command is running)', scope: 'global' },
  { keys: ['ctrl+c'], command: 'cancel', description: 'cancel the running command; twice quits', scope: 'global' },
  { keys: ['R'], command: 'restart', description: 'restart the backend after it died', scope: 'global' },
  { keys: ['!'], command: 'diagnostics', description: 'the lines a parser did not understand (counted in the status line)', scope: 'global' },
  { keys: ['enter'], command: 'open', description: 'open: task → backtrace, frame → dis -l, exchange → output', scope: 'global' },
  { keys: ['u'], command: 'tasks-un', description: 'show only UN (hung) tasks; again for all', scope: 'tasks' },
  { keys: ['f'], command: 'tasks-state-cycle', description: 'cycle the state filter (RU, IN, UN, ...)', scope: 'tasks' },
  { keys: ['s'], command: 'tasks-sort', description: 'cycle the sort column (pid, state, comm, cpu, rss)', scope: 'tasks' },
  { keys: ['a'], command: 'bt-toggle-all', description: 'toggle all CPUs (bt -a) / selected task', scope: 'backtrace' },
  { keys: ['c'], command: 'bt-clusters', description: 'stack clusters: tasks with identical stacks (foreach bt)', scope: 'backtrace' },
  { keys: ['a'], command: 'hangs-all', description: 'also every sleeping (IN) task: what each waits on (reads their stacks)', scope: 'hangs' },
  { keys: ['p'], command: 'log-jump-oops', description: 'jump to the first crash report', scope: 'log' },
  { keys: ['l'], command: 'log-level-cycle', description: 'cycle the level filter (all, ≤err, ≤warn, ≤info)', scope: 'log' },
];

/** The command bound to a key in a pane (pane bindings win over global ones). */
export function lookupKey(key: string, pane: PaneId): Command | undefined {
  const scoped = KEYMAP.find((b) => b.scope === pane && b.keys.includes(key));
  return (scoped ?? KEYMAP.find((b) => b.scope === 'global' && b.keys.includes(key)))?.command;
}

/** The key table as Markdown (for the README). */
export function keymapMarkdown(): string {
  const rows = KEYMAP.map((b) => `| ${b.keys.map((k) => `\`${k}\``).join(', ')} | ${b.scope} | ${b.description} |`);
  return ['| keys | where | what |', '|---|---|---|', ...rows].join('\n');
}
