// Drives a program in a real terminal: tmux with send-keys and capture-pane,
// waiting by polling the screen for expected text, with a deadline.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Tmux {
  readonly socket = `kdview-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  readonly target = 'kd';
  private readonly exitFile = join(mkdtempSync(join(tmpdir(), 'kdview-tmux-')), 'exit');

  private tmux(args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
  }

  start(argv: string[], opts: { cols?: number; rows?: number; env?: Record<string, string> } = {}): void {
    const env = Object.entries(opts.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    // sh only records the exit status: the program and its arguments are passed as "$@", never interpolated.
    const wrapped = ['sh', '-c', '"$@"; echo $? > "$0"', this.exitFile, ...argv];
    this.tmux(['new-session', '-d', '-s', this.target, '-x', String(opts.cols ?? 120), '-y', String(opts.rows ?? 40), ...env, ...wrapped]);
    this.tmux(['set-option', '-t', this.target, 'remain-on-exit', 'on']);
  }

  screen(): string {
    return this.tmux(['capture-pane', '-p', '-t', this.target]);
  }

  /** The screen with its SGR attributes (colours, bold, inverse) as escape sequences. */
  screenWithAttributes(): string {
    return this.tmux(['capture-pane', '-p', '-e', '-t', this.target]);
  }

  keys(...keys: string[]): void {
    this.tmux(['send-keys', '-t', this.target, ...keys]);
  }

  text(text: string): void {
    this.tmux(['send-keys', '-t', this.target, '-l', text]);
  }

  /** Polls the screen until the predicate holds; throws with the last screen at the deadline. */
  async waitFor(pred: (screen: string) => boolean, what: string, deadlineMs = 30_000): Promise<string> {
    const end = Date.now() + deadlineMs;
    let last = '';
    while (Date.now() < end) {
      last = this.screen();
      if (pred(last)) return last;
      await new Promise((r) => setTimeout(r, 50)); // poll interval, bounded by the deadline
    }
    throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
  }

  /** Waits for the program to exit; returns its exit status. */
  async exitStatus(deadlineMs = 15_000): Promise<number> {
    const end = Date.now() + deadlineMs;
    while (Date.now() < end) {
      if (existsSync(this.exitFile)) {
        const text = readFileSync(this.exitFile, 'utf8');
        if (text.endsWith('\n')) return Number(text.trim());
      }
      await new Promise((r) => setTimeout(r, 50)); // poll interval, bounded by the deadline
    }
    throw new Error('program did not exit');
  }

  kill(): void {
    try {
      this.tmux(['kill-server']);
    } catch {
      // already gone
    }
  }
}
