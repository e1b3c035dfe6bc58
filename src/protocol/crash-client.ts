// Drives crash over a Transport: commands framed by sentinels (crash-framer),
// run one at a time by the shared queue (queued-client).
import type { Transport, TransportExit } from './transport.js';
import { cleanTerminalText } from '../text/clean.js';
import { CrashFramer } from './crash-framer.js';
import { fatalMessage, findCommandError, startupWarnings } from './errors.js';
import { QueuedClient, type QueuedClientOptions, type StartupInfo } from './queued-client.js';
import { randomNonce } from './sentinel.js';

export {
  BackendExitError,
  type ClientEvents,
  type ClientState,
  type ExitInfo,
  type RunOptions,
  type StartupInfo,
} from './queued-client.js';

export interface ClientOptions extends QueuedClientOptions {
  prompt?: string;
  nonce?: string;
}

export class CrashClient extends QueuedClient<StartupInfo> {
  protected readonly name = 'crash';
  protected readonly framer: CrashFramer;

  constructor(transport: Transport, opts: ClientOptions = {}) {
    super(transport, opts);
    this.framer = new CrashFramer(opts.nonce ?? randomNonce(), opts.prompt ?? 'crash> ');
  }

  protected normalize(command: string): string {
    return command.replace(/[\r\n]+/g, ' ').trim();
  }

  protected quitText(): string {
    return 'quit\n';
  }

  protected onChunk(chunk: string): void {
    for (const ev of this.framer.feed(chunk)) {
      if (ev.type === 'progress') this.emit('progress', ev.message);
      else if (ev.type === 'ready') this.prompted(ev.startup);
      else if (ev.type === 'output' && this.current) this.emit('running', { seq: ev.seq, command: this.current.command, bytes: ev.bytes });
      else if (ev.type === 'done' && this.current) {
        const error = ev.cancelled ? undefined : findCommandError(this.current.command, ev.output);
        this.complete(ev.output, ev.cancelled ? 'cancelled' : error ? 'error' : 'ok', error);
      }
    }
  }

  /** The first prompt: turn the pager off too (crash runs with --no_scroll), then report ready. */
  private prompted(text: string): void {
    const info: StartupInfo = { text, warnings: startupWarnings(text), ms: Date.now() - this.started };
    this.setState('ready');
    void this.run('set scroll off').then(() => this.startupDone(info));
  }

  protected partialOutput(): string {
    return cleanTerminalText(this.framer.pending);
  }

  protected describeExit(e: TransportExit, duringStartup: boolean): { message: string; lastWords: string } {
    const lastText = cleanTerminalText(this.tail).trimEnd();
    const lastWords = lastText.split('\n').slice(-12).join('\n');
    const why = fatalMessage(lastText);
    const code = e.exitCode ?? (e.signal ? 128 + e.signal : null);
    const status = code !== null ? ` (exit code ${code}${e.signal ? `, signal ${e.signal}` : ''})` : '';
    const message =
      duringStartup && why
        ? why
        : duringStartup
          ? `crash exited while loading the dump${status} without saying why`
          : `crash exited${status}${why ? `: ${why}` : ''}`;
    return { message, lastWords };
  }
}
