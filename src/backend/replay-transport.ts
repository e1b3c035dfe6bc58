// A Transport that plays a recorded session back as crash's pty byte stream,
// so the real CrashFramer and CrashClient drive it unchanged: kdview's offline
// mode and the test double of the live backend.
import type { Transport, TransportExit } from '../protocol/transport.js';

/** What replay needs of a session (a ReadSession from src/session fits). */
export interface ReplaySource {
  startup?: { text: string };
  exchanges: ReadonlyArray<{ command: string; output: string; status: string }>;
}

const PROMPT = 'crash> ';
const SENTINEL = /^echo @@KDV"_"([A-Za-z0-9_]+)@@$/;
const QUIT = new Set(['quit', 'q', 'exit']);
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const normalize = (command: string) => command.trim().replace(/\s+/g, ' ');

/** The distinct recorded commands, in the order first run. */
export function replayedCommands(session: ReplaySource): string[] {
  return [...new Set(session.exchanges.map((e) => normalize(e.command)))];
}

/** command -> output of its most recent complete run (a timed-out or cancelled run only if there is no other). */
function answers(session: ReplaySource): Map<string, string> {
  const complete = new Map<string, string>();
  const partial = new Map<string, string>();
  for (const e of session.exchanges) {
    const done = e.status === 'ok' || e.status === 'error';
    (done ? complete : partial).set(normalize(e.command), e.output);
  }
  for (const [command, output] of partial) if (!complete.has(command)) complete.set(command, output);
  return complete;
}

type Item = { data: string } | { exit: TransportExit };

export class ReplayTransport implements Transport {
  readonly pid: number | undefined = undefined;
  private readonly dataListeners: Array<(chunk: string) => void> = [];
  private readonly exitListeners: Array<(e: TransportExit) => void> = [];
  private readonly answers: Map<string, string>;
  private readonly queue: Item[] = [];
  private scheduled = false;
  private partialLine = '';
  private ended = false;

  constructor(private readonly session: ReplaySource) {
    this.answers = answers(session);
    const text = session.startup?.text ?? '';
    this.emit(text === '' ? PROMPT : `${crlf(text)}\r\n\r\n${PROMPT}`);
  }

  write(data: string): void {
    if (this.ended) return;
    const lines = (this.partialLine + data).split('\n');
    this.partialLine = lines.pop() ?? '';
    for (const line of lines) {
      if (this.ended) return;
      this.answer(line.replace(/\r$/, ''));
    }
  }

  onData(listener: (chunk: string) => void): void {
    this.dataListeners.push(listener);
  }

  onExit(listener: (e: TransportExit) => void): void {
    this.exitListeners.push(listener);
  }

  kill(): void {
    this.end({ exitCode: null, signal: 15 });
  }

  /** One typed line: its echo, crash's answer, and the next prompt. */
  private answer(typed: string): void {
    let line = typed;
    if (line.includes('\x03')) {
      this.emit(`^C\r\n${PROMPT}`);
      line = line.replace(/\x03/g, '');
      if (line === '') return;
    }
    const command = normalize(line);
    if (QUIT.has(command)) {
      this.emit(`${line}\r\n`);
      this.end({ exitCode: 0, signal: null });
      return;
    }
    this.emit(`${line}\r\n${this.respond(command)}${PROMPT}`);
  }

  private respond(command: string): string {
    if (command === '') return '';
    const sentinel = SENTINEL.exec(command);
    if (sentinel) return `@@KDV_${sentinel[1]}@@\r\n`;
    if (command === 'set scroll off') return 'scroll: off (/usr/bin/less)\r\n';
    const output = this.answers.get(command);
    if (output === undefined) {
      const n = replayedCommands(this.session).length;
      return `crash: not in this recording: ${command} (this is a replay; recorded commands: ${n})\r\n`;
    }
    return output === '' ? '' : `${crlf(output)}\r\n`;
  }

  private end(exit: TransportExit): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.push({ exit });
    this.schedule();
  }

  private emit(data: string): void {
    this.queue.push({ data });
    this.schedule();
  }

  /** Delivers later, never inside write(): the client sets its timers after writing. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const item of this.queue.splice(0)) {
        if ('data' in item) for (const fn of this.dataListeners) fn(item.data);
        else for (const fn of this.exitListeners) fn(item.exit);
      }
    });
  }
}
