// Drives crash over a Transport: commands framed by sentinels (crash-framer),
// run one at a time by the shared queue (queued-client).
import type { Transport, TransportExit } from './transport.js';
import { cleanTerminalText } from '../text/clean.js';
import { bulkOutput, isBulkCommand, redirected } from './bulk-commands.js';
import { CrashFramer } from './crash-framer.js';
import { fatalMessage, findCommandError, startupWarnings } from './errors.js';
import { QueuedClient, type Completion, type QueuedClientOptions, type StartupInfo } from './queued-client.js';
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

/** A command's answer: crash's error line, if it printed one, makes it an error. */
function result(command: string, output: string, cancelled: boolean): Completion {
  if (cancelled) return { output, outcome: 'cancelled' };
  const error = findCommandError(command, output);
  return { output, outcome: error ? 'error' : 'ok', error };
}

export class CrashClient extends QueuedClient<StartupInfo> {
  protected readonly name = 'crash';
  protected readonly framer: CrashFramer;
  /** The file the running command's output goes to, when it is a bulk command. */
  private bulkPath: string | undefined;
  /** Set when crash could not write a bulk file: every later command uses the pty. */
  private bulkBroken = false;

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

  /** Bulk commands go to a private file through crash's own `>`; the exchange keeps the command as given. */
  protected override sendText(seq: number, command: string): string {
    const bulk = this.transport.bulk;
    this.bulkPath = bulk && !this.bulkBroken && isBulkCommand(command) ? bulk.path(seq) : undefined;
    return this.framer.send(seq, this.bulkPath === undefined ? command : redirected(command, this.bulkPath));
  }

  protected onChunk(chunk: string): void {
    for (const ev of this.framer.feed(chunk)) {
      if (ev.type === 'progress') this.emit('progress', ev.message);
      else if (ev.type === 'ready') this.prompted(ev.startup);
      else if (ev.type === 'output' && this.current) this.emit('running', { seq: ev.seq, command: this.current.command, bytes: ev.bytes });
      else if (ev.type === 'done' && this.current) this.finish(ev.output, ev.cancelled);
    }
  }

  private finish(ptyOutput: string, cancelled: boolean): void {
    const command = this.current?.command ?? '';
    const path = this.bulkPath;
    this.bulkPath = undefined;
    const bulk = this.transport.bulk;
    if (path === undefined || !bulk) return this.completeWith(() => result(command, ptyOutput, cancelled));
    if (!cancelled && !bulk.exists(path)) {
      // crash could not create the file (its error is on the pty): the pty from now on.
      this.bulkBroken = true;
      return this.retry();
    }
    // Read once the next command is sent: crash works on it meanwhile.
    this.completeWith(() => result(command, bulkOutput(bulk.take(path) ?? '', ptyOutput, this.framer.prompt), cancelled));
  }

  /** The first prompt: turn the pager off too (crash runs with --no_scroll), then report ready. */
  private prompted(text: string): void {
    const info: StartupInfo = { text, warnings: startupWarnings(text), ms: Date.now() - this.started };
    this.setState('ready');
    void this.run('set scroll off').then(() => this.startupDone(info));
  }

  protected partialOutput(): string {
    const pty = cleanTerminalText(this.framer.pending);
    const text = this.bulkPath === undefined ? undefined : this.transport.bulk?.peek(this.bulkPath);
    return text === undefined ? pty : bulkOutput(text, '', this.framer.prompt);
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
