/** A tiny typed event emitter. */
export class Emitter<Events extends Record<string, unknown>> {
  private listeners: { [K in keyof Events]?: Array<(e: Events[K]) => void> } = {};

  on<K extends keyof Events>(name: K, fn: (e: Events[K]) => void): () => void {
    const list = (this.listeners[name] ??= []);
    list.push(fn);
    return () => {
      const i = list.indexOf(fn);
      if (i >= 0) list.splice(i, 1);
    };
  }

  emit<K extends keyof Events>(name: K, e: Events[K]): void {
    for (const fn of [...(this.listeners[name] ?? [])]) fn(e);
  }
}
