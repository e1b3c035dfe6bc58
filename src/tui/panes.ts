/** The panes, in tab order. */
export const PANES = ['summary', 'backtrace', 'log', 'tasks', 'console', 'history', 'hangs'] as const;
export type PaneId = (typeof PANES)[number];

export const PANE_TITLES: Record<PaneId, string> = {
  summary: 'Summary',
  backtrace: 'Backtrace',
  log: 'Log',
  tasks: 'Tasks',
  console: 'Console',
  history: 'History',
  hangs: 'Hangs',
};
