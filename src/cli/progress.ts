// A one-line progress indicator on stderr while crash loads (TTY only).

export interface Progress {
  update(message: string): void;
  /** Clears the line for good (again: nothing). */
  done(): void;
  /** Clears the progress line before `write` prints a whole line, so the two never share a line. */
  around(write: () => void): void;
}

export function stderrProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const t0 = Date.now();
  let message = 'starting crash';
  let shown = false;
  let finished = false;
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined, around: (write) => write() };
  const draw = () => {
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    stream.write(`\r\x1b[2K${label}: ${message} (${secs} s)`);
    shown = true;
  };
  const timer = setInterval(draw, 250);
  timer.unref();
  return {
    update(m: string) {
      message = m;
      draw();
    },
    done() {
      clearInterval(timer);
      finished = true;
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
    around(write) {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
      write();
      if (!finished) draw();
    },
  };
}
