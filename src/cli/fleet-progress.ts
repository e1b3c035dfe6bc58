// Progress of `kdview report --all`: one line per finished dump (always), and
// on a terminal a live block below them with one line per dump in work (what
// crash is doing, and for how long), redrawn in place.

export interface FleetProgress {
  start(name: string): void;
  update(name: string, message: string): void;
  /** The dump is done: its permanent line (`[3/10] name: complete: ...`). */
  finish(name: string, line: string): void;
  close(): void;
}

interface Active {
  message: string;
  t0: number;
}

type Stream = Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean; columns?: number };

/** Strips escapes and control characters from text that may come from a dump (crash's progress lines). */
function plain(text: string): string {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]|[\u0000-\u001f\u007f-\u009f]/g, '');
}

export function fleetProgress(total: number, stream: Stream = process.stderr, now: () => number = Date.now): FleetProgress {
  const active = new Map<string, Active>();
  let done = 0;
  let drawn = 0;
  const tty = stream.isTTY === true;
  const width = () => Math.max(20, (stream.columns ?? 80) - 1);
  const erase = () => {
    if (drawn > 0) stream.write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  const draw = () => {
    if (!tty) return;
    erase();
    const lines = [...active].map(([name, a]) => {
      const secs = ((now() - a.t0) / 1000).toFixed(0);
      return `  ${name}: ${a.message} (${secs} s)`.slice(0, width());
    });
    if (lines.length > 0) lines.push(`  ${done}/${total} done, ${active.size} running`.slice(0, width()));
    for (const l of lines) stream.write(`${l}\n`);
    drawn = lines.length;
  };
  const timer = tty ? setInterval(draw, 500) : undefined;
  timer?.unref();
  return {
    start(name) {
      active.set(name, { message: 'starting crash', t0: now() });
      draw();
    },
    update(name, message) {
      const a = active.get(name);
      if (!a) return;
      a.message = plain(message);
      draw();
    },
    finish(name, line) {
      active.delete(name);
      done++;
      if (tty) erase();
      stream.write(`kdview: [${done}/${total}] ${name}: ${line}\n`);
      draw();
    },
    close() {
      clearInterval(timer);
      if (tty) erase();
    },
  };
}
