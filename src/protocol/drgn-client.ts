// Drives drgn running kdview's helper over a Transport, with the same surface
// as CrashClient: a queue of requests, one at a time; timeouts cancel with
// Ctrl-C; drgn's exit is reported with its last words.
import type { Transport, TransportExit } from './transport.js';
import { cleanTerminalText } from '../text/clean.js';
import { DrgnFramer, type DrgnHelperInfo } from './drgn-framer.js';
import { QueuedClient, type StartupInfo } from './queued-client.js';

export interface DrgnStartupInfo extends StartupInfo {
  /** What the helper reported: drgn and Python versions, helpers this drgn lacks. */
  helper: DrgnHelperInfo;
}

export interface DrgnClientOptions {
  /** The nonce the helper was started with (KDVIEW_DRGN_NONCE); see spawnDrgn. */
  nonce: string;
  defaultTimeoutMs?: number;
  /** How long to wait for the answer after Ctrl-C before calling drgn stuck. */
  cancelGraceMs?: number;
}

/** drgn's start-up warnings (`warning: ...` plus its continuation lines) and missing helpers. */
export function drgnStartupWarnings(text: string, info: DrgnHelperInfo): string[] {
  const out: string[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (/^(warning|error|critical):/i.test(line)) out.push(line);
    else if (line !== '' && out.length > 0) out[out.length - 1] += ` ${line}`;
  }
  if (info.missing && info.missing.length > 0)
    out.push(`drgn ${info.drgn ?? '?'} lacks helpers kdview uses: ${info.missing.join(', ')}`);
  return out;
}

/** The line that best says why drgn ended: its error line, else the last line. */
export function drgnFatalMessage(text: string): string | undefined {
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const errors = lines.filter((l) => /^(error|critical):|^\w+(Error|Exception)\b/.test(l));
  return errors[errors.length - 1] ?? lines[lines.length - 1];
}

export class DrgnClient extends QueuedClient<DrgnStartupInfo> {
  protected readonly name = 'drgn';
  protected readonly framer: DrgnFramer;
  private readonly nonceTag: string;

  constructor(transport: Transport, opts: DrgnClientOptions) {
    super(transport, opts);
    this.framer = new DrgnFramer(opts.nonce);
    this.nonceTag = `_${opts.nonce}@@`;
  }

  /**
   * A Python snippet (one or more lines, as typed at drgn's `>>>`) or a kdview
   * request (`kdview:sys`, `kdview:bt 140`, ...).
   */
  protected normalize(command: string): string {
    return command.replace(/\r\n?/g, '\n').replace(/\s+$/, '');
  }

  protected quitText(): string {
    return this.framer.quit();
  }

  /** Text a replayed stream already delivered. */
  protected override afterSend(): void {
    this.onChunk('');
  }

  protected onChunk(chunk: string): void {
    for (const ev of this.framer.feed(chunk)) {
      if (ev.type === 'progress') this.emit('progress', ev.message);
      else if (ev.type === 'ready')
        this.startupDone({
          text: ev.startup,
          warnings: drgnStartupWarnings(ev.startup, ev.info),
          ms: Date.now() - this.started,
          helper: ev.info,
        });
      else if (ev.type === 'output' && this.current) this.emit('running', { seq: ev.seq, command: this.current.command, bytes: ev.bytes });
      else if (ev.type === 'done')
        this.complete(ev.output, ev.status.status === 'cancelled' ? 'cancelled' : ev.status.status === 'error' ? 'error' : 'ok', ev.status.error ?? 'error');
    }
  }

  /** Marker lines carry the session's nonce: never show them. */
  private unframed(t: string): string {
    return cleanTerminalText(t)
      .split('\n')
      .filter((l) => !l.includes(this.nonceTag))
      .join('\n')
      .trimEnd();
  }

  protected partialOutput(): string {
    return this.unframed(this.framer.pending);
  }

  /** Blames only text since the last answer (or all of start-up). */
  protected describeExit(e: TransportExit, duringStartup: boolean): { message: string; lastWords: string } {
    const lastWords = this.unframed(this.tail).split('\n').slice(-12).join('\n');
    const why = drgnFatalMessage(this.unframed(duringStartup ? this.tail : this.framer.pending));
    const code = e.exitCode ?? (e.signal ? 128 + e.signal : null);
    const how = code !== null ? ` (exit code ${code}${e.signal ? `, signal ${e.signal}` : ''})` : '';
    return { message: duringStartup && why ? `drgn: ${why}` : `drgn exited${how}${why ? `: ${why}` : ''}`, lastWords };
  }
}
