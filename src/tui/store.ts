// One store for the TUI: the reducer runs once per action, and key handlers
// read the latest state at once (several keys can arrive in one chunk).
import type { Action } from './actions.js';
import { reducer } from './reducer.js';
import type { AppState } from './state.js';

export interface Store {
  get(): AppState;
  dispatch(a: Action): void;
  subscribe(listener: () => void): () => void;
}

export function createStore(initial: AppState): Store {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch(a) {
      const next = reducer(state, a);
      if (next === state) return;
      state = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
