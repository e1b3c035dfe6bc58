// A one-line progress indicator on stderr while crash loads (TTY only).

export interface Progress {
  update(message: string): void;
  done(): void;
}

export function stderrProgress(label: string, stream: NodeJS.WriteStream = process.stderr): Progress {
  const t0 = Date.now();
  let message = 'starting crash';
  let shown = false;
  if (!stream.isTTY) return { update: () => undefined, done: () => undefined };
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
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
