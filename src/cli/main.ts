#!/usr/bin/env node
// kdview's command line: sub-commands, one-line errors, meaningful exit codes.
// Each sub-command's module is imported when it runs, so `--help`, `--version`
// and batch work start fast (Ink and React load only for the TUI).
import { Command, CommanderError } from 'commander';
import { killAllBackends } from '../backend/pty-transport.js';
import { CliError, EXIT } from '../model/user-error.js';
import { kindsText } from '../parsers/registry.js';
import { kdviewVersion } from './version.js';
import { startCompileCache } from './compile-cache.js';

// React's development build diffs every prop of every render for its
// performance tracks (structuredClone of the whole state: seconds per key at
// 100k tasks). Users get the production build; React loads lazily, after this.
process.env.NODE_ENV ??= 'production';
// The sub-commands' modules (imported lazily, below) compile from Node's on-disk cache.
startCompileCache();

const io = { stdout: process.stdout, stderr: process.stderr };
const say = (line: string) => process.stderr.write(`kdview: ${line}\n`);

/** `VMLINUX DUMP`, or just `DUMP` (the vmlinux is then found from its build-id). */
async function pair(first: string, second: string | undefined, opts: { vmlinux?: string; debugDir?: string }): Promise<[string, string]> {
  if (second !== undefined) return [first, second];
  const { resolveVmlinux } = await import('../core/resolve-vmlinux.js');
  return [await resolveVmlinux(first, { ...opts, say }), first];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface Opts {
  vmlinux?: string;
  debugDir?: string;
  sessionsDir?: string;
  record?: boolean;
  backend?: string;
}

function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command();
  program
    .name('kdview')
    .description('A terminal front-end for Linux kernel crash dumps, driving crash or drgn.')
    .version(kdviewVersion(), '-V, --version')
    .showSuggestionAfterError()
    .configureOutput({
      writeErr: (str) => process.stderr.write(str.startsWith('error: ') ? `kdview: ${str.slice(7)}` : str),
    })
    .exitOverride()
    .hook('preAction', async (_program, action) => {
      const { applyEngineFlags } = await import('../core/engines.js');
      applyEngineFlags(action.optsWithGlobals());
    });

  program
    .argument('[vmlinux]', "kernel image with debug info (optional: found from the dump's build-id)")
    .argument('[dump]', 'the vmcore')
    .option('--vmlinux <file>', 'with a single DUMP argument: the vmlinux to try first')
    .option('--debug-dir <dir>', 'with a single DUMP argument: a folder of debug files to search')
    .option('--demo', 'open the bundled real session (no crash, vmlinux or dump needed)')
    .option('--sessions-dir <dir>', 'where sessions are recorded (default $XDG_STATE_HOME/kdview/sessions)')
    .option('--no-record', 'do not record this session')
    .option('--backend <name>', 'crash, drgn or both (default: both when both are installed, else the one that is)')
    .option('--crash <path>', 'the crash binary to run (also $KDVIEW_CRASH; default: crash on PATH)')
    .option('--drgn <path>', 'the drgn binary to run (also $KDVIEW_DRGN; default: drgn on PATH)')
    .option('--db <path|url>', "the fleet database the picker's Fleet tab reads (default $XDG_STATE_HOME/kdview/fleet.sqlite)")
    .action(async (first: string | undefined, second: string | undefined, opts: Opts & { demo?: boolean; db?: string }) => {
      const tui = await import('./tui.js');
      if (opts.demo) {
        setExit(await tui.runReplay(tui.demoSessionPath(), opts));
        return;
      }
      if (first === undefined) {
        const { runPicker } = await import('./picker.js');
        setExit(await runPicker(opts));
        return;
      }
      const [vmlinux, dump] = await pair(first, second, opts);
      setExit(await tui.runTui(vmlinux, dump, opts));
    });

  program
    .command('replay')
    .description('reopen a recorded session offline (no crash, vmlinux or dump needed)')
    .argument('<session>', 'a session file, or a session id / unique prefix from `kdview history`')
    .action(async (session: string, _o, cmd: Command) => {
      const { runReplay } = await import('./tui.js');
      setExit(await runReplay(session, cmd.optsWithGlobals()));
    });

  program
    .command('batch')
    .description('run crash commands (or drgn Python snippets) on a dump and print their outputs')
    .argument('<vmlinux>', 'kernel image with debug info (or the dump alone: the vmlinux is then found)')
    .argument('[dump]', 'the vmcore')
    .option('-c, --command <cmd>', 'a command to run (repeatable)', collect, [])
    .option('--script <file>', 'a file of commands, one per line')
    .option('--json', 'one JSON object per exchange per line')
    .option('--timeout <sec>', 'per-command timeout in seconds (default 120)')
    .option('--backend <name>', 'crash or drgn (drgn takes Python snippets and kdview:* requests)')
    .option('--crash <path>', 'the crash binary to run (also $KDVIEW_CRASH)')
    .option('--drgn <path>', 'the drgn binary to run (also $KDVIEW_DRGN)')
    .option('--sessions-dir <dir>', 'where the session is recorded')
    .option('--no-record', 'do not record this session')
    .action(async (first: string, second: string | undefined, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals();
      const [vmlinux, dump] = await pair(first, second, opts);
      const { runBatch } = await import('./batch.js');
      setExit(await runBatch(vmlinux, dump, opts));
    });

  program
    .command('report')
    .description('a triage report of a dump (or of every dump under a folder) in Markdown, JSON or HTML')
    .argument('[vmlinux]', 'kernel image with debug info (or the dump alone: the vmlinux is then found)')
    .argument('[dump]', 'the vmcore')
    .option('--format <fmt>', 'md, json or html (default md)')
    .option('-o, --output <file>', 'write to FILE (0600) instead of stdout; with --all, the output folder')
    .option('--script <file>', 'more crash commands, added as raw sections')
    .option('--timeout <sec>', 'per-command timeout in seconds')
    .option('--all <dir>', 'report on every dump under DIR, plus an index grouped by signature')
    .option('--jobs <n|auto>', 'with --all: dumps at once (default auto: one per core while free memory holds 400 MB each, 600 MB with both engines)')
    .option('--force', 'with --all: report again on dumps whose report is there and unchanged')
    .option('--index <outdir>', 'rebuild the index from the JSON reports in OUTDIR')
    .option('--log <file>', 'a report from a saved kernel log alone (dmesg file, kdumpst zip, dump folder): no dump, no vmlinux')
    .option('--backend <name>', 'crash, drgn or both (both: crash and drgn together, with a cross-check; default: both when both are installed, else the one that is)')
    .option('--sessions-dir <dir>', 'where the session is recorded')
    .option('--crash <path>', 'the crash binary to run (also $KDVIEW_CRASH)')
    .option('--drgn <path>', 'the drgn binary to run (also $KDVIEW_DRGN)')
    .option('--no-record', 'do not record this session, nor the report in the fleet database')
    .option('--db <path|url>', 'the fleet database: a SQLite file or postgres://… (default $XDG_STATE_HOME/kdview/fleet.sqlite)')
    .option('--rules <dir>', 'more known-issue rules (YAML files in DIR; repeatable)', collect, [])
    .action(async (first: string | undefined, second: string | undefined, _o, cmd: Command) => {
      const opts = cmd.optsWithGlobals();
      if (typeof opts.log === 'string') {
        const { runReportFromLog } = await import('./report-command.js');
        setExit(await runReportFromLog(opts.log, opts, io));
        return;
      }
      if (typeof opts.index === 'string') {
        const { runReportIndex } = await import('./report-index.js');
        setExit(await runReportIndex(opts.index, io));
        return;
      }
      if (typeof opts.all === 'string') {
        const { runReportAll } = await import('./report-all.js');
        setExit(await runReportAll(opts.all, opts, io));
        return;
      }
      if (first === undefined) throw new CliError('report: give VMLINUX DUMP (or DUMP), --all DIR or --index OUTDIR');
      // crash first (VMLINUX DUMP given, crash or both engines): it loads while the rest of the report loads.
      const early =
        second !== undefined && (opts.backend === undefined || opts.backend === 'crash' || opts.backend === 'both')
          ? (await import('./report-early.js')).startCrashEarly(first, second)
          : undefined;
      try {
        const [vmlinux, dump] = await pair(first, second, opts);
        const { runReport } = await import('./report-command.js');
        setExit(await runReport(vmlinux, dump, { ...opts, early }, io));
      } finally {
        early?.kill(); // a no-op once the report quit it
      }
    });

  program
    .command('fleet')
    .description('what the fleet database knows: signatures x kernel releases, regressions, fixed candidates, hardware suspects')
    .argument('[signature]', 'one signature (a hash prefix): its dumps, hosts and reports')
    .option('--json', 'print JSON (the default when stdout is not a terminal)')
    .option('--text', 'print text (the default on a terminal)')
    .option('--html', 'one self-contained HTML page (with -o FILE)')
    .option('-o, --output <file>', 'write to FILE (0600) instead of stdout')
    .option('--db <path|url>', 'the fleet database: a SQLite file or postgres://…')
    .option('--sessions-dir <dir>', 'the sessions folder whose parent holds the default database')
    .action(async (signature: string | undefined, _o, cmd: Command) => {
      const { runFleet } = await import('./fleet-command.js');
      setExit(await runFleet(signature, cmd.optsWithGlobals(), { ...io, isTTY: process.stdout.isTTY === true, columns: process.stdout.columns }));
    });

  const rules = program.command('rules').description('known-issue rules: list, check, and test them against a dump, log or report');
  rules
    .command('test')
    .description('show, condition by condition, why each rule of FILE does or does not match (exit 0: one matched, 1: none)')
    .argument('<file>', 'a rule file (YAML) or a folder of them')
    .argument('<target>', 'a dump (triaged through crash or drgn), a saved kernel log, or a kdview JSON report')
    .option('--json', 'print JSON')
    .option('--vmlinux <file>', 'for a dump: the vmlinux to try first')
    .option('--backend <name>', 'for a dump: crash or drgn')
    .action(async (file: string, target: string, _o, cmd: Command) => {
      const { runRulesTest } = await import('./rules-command.js');
      setExit(await runRulesTest(file, target, cmd.optsWithGlobals(), io));
    });
  rules
    .command('check')
    .description('validate rule files (default: the shipped set, ~/.config/kdview/known-issues and --rules)')
    .argument('[path...]', 'rule files or folders')
    .option('--rules <dir>', 'another folder of rules (repeatable)', collect, [])
    .action(async (paths: string[], opts: { rules: string[] }) => {
      const { runRulesCheck } = await import('./rules-command.js');
      setExit(await runRulesCheck(paths, opts.rules, io));
    });
  rules
    .command('list')
    .description('the rules a report would use')
    .option('--rules <dir>', 'another folder of rules (repeatable)', collect, [])
    .option('--json', 'print JSON')
    .action(async (opts: { rules: string[]; json?: boolean }) => {
      const { runRulesList } = await import('./rules-command.js');
      setExit(await runRulesList(opts.rules, opts.json === true, io));
    });

  program
    .command('parse')
    .description(`run one parser on saved crash output (${kindsText(', ')}); oops finds crash reports in a log; prints JSON`)
    .argument('<kind>', kindsText())
    .argument('[file]', 'the text to parse; stdin when - or absent')
    .option('--json', 'print JSON (the default when stdout is not a terminal)')
    .action(async (kind: string, file: string | undefined, opts: { json?: boolean }) => {
      const { runParse } = await import('./parse-command.js');
      setExit(await runParse(kind, file, opts, { ...io, stdin: process.stdin, isTTY: process.stdout.isTTY === true }));
    });

  const history = program.command('history').description('list recorded sessions, newest first');
  history.option('--json', 'print JSON').action(async (_o, cmd: Command) => {
    const { runHistoryList } = await import('./history-command.js');
    setExit(await runHistoryList(cmd.optsWithGlobals(), io));
  });
  history
    .command('search')
    .description('fuzzy-search commands and outputs across every recorded session (exit 1: no match)')
    .argument('<query>')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many matches (default 20)')
    .action(async (query: string, _o, cmd: Command) => {
      const { runHistorySearch } = await import('./history-command.js');
      setExit(await runHistorySearch(query, cmd.optsWithGlobals(), io));
    });

  program
    .command('dumps')
    .description('list the kernel dumps under the folders (default /var/crash), newest first, from their headers')
    .argument('[dir...]', 'folders to search')
    .option('--json', 'print JSON')
    .action(async (dirs: string[], _o, cmd: Command) => {
      const { runDumps } = await import('./dumps-command.js');
      setExit(await runDumps(dirs, cmd.optsWithGlobals(), io));
    });

  program
    .command('log')
    .description('read a saved kernel log (makedumpfile --dump-dmesg, vmcore-dmesg.txt, kdumpst zip, dump folder) without crash or a vmlinux: the TUI on a terminal, else a summary')
    .argument('<target>', 'a log file, a dump, or a dump folder')
    .option('--json', 'print JSON')
    .option('--text', 'print the log-only summary instead of opening the TUI')
    .action(async (target: string, opts: { json?: boolean; text?: boolean }) => {
      if (!opts.json && !opts.text && process.stdin.isTTY && process.stdout.isTTY) {
        const { runLogTui } = await import('./tui.js');
        setExit(await runLogTui(target));
        return;
      }
      const { runLog } = await import('./log-command.js');
      setExit(await runLog(target, opts, io));
    });

  program
    .command('doctor')
    .description('check whether this machine would produce a usable kdump (exit 0 ready, 1 not)')
    .option('--root <dir>', 'read every file under DIR instead of /')
    .option('--crash <path>', 'the crash binary whose version to show (also $KDVIEW_CRASH)')
    .option('--drgn <path>', 'the drgn binary whose version to show (also $KDVIEW_DRGN)')
    .option('--json', 'print JSON')
    .action(async (opts: { root?: string; json?: boolean }) => {
      const { runDoctor } = await import('./doctor-command.js');
      setExit(await runDoctor(opts, io));
    });

  return program;
}

function installSignalHandlers(): void {
  const bye = (code: number) => () => {
    killAllBackends();
    process.exit(code);
  };
  process.on('SIGINT', bye(EXIT.interrupted));
  process.on('SIGTERM', bye(143));
  process.on('SIGHUP', bye(129));
  process.on('exit', () => killAllBackends());
}

export async function main(argv: string[]): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        return EXIT.ok;
      return EXIT.badInput;
    }
    if (err instanceof CliError) {
      process.stderr.write(`kdview: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`kdview: internal error: ${(err as Error).message}\n`);
    if (process.env.KDVIEW_DEBUG) process.stderr.write(`${(err as Error).stack}\n`);
    return EXIT.failed;
  }
}

installSignalHandlers();
main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT.failed;
  },
);
