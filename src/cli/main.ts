#!/usr/bin/env node
// kdview's command line: sub-commands, one-line errors, meaningful exit codes.
import { Command, CommanderError } from 'commander';
import { killAllBackends } from '../backend/pty-transport.js';
import { CliError, EXIT } from '../model/user-error.js';
import { runBatch } from './batch.js';
import { demoSessionPath, runReplay, runTui } from './tui.js';
import { runHistoryList, runHistorySearch } from './history-command.js';
import { runParse } from './parse-command.js';
import { kdviewVersion } from './version.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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
    .exitOverride();

  program
    .argument('[vmlinux]', 'kernel image with debug info')
    .argument('[dump]', 'the vmcore')
    .option('--demo', 'open the bundled real session (no crash, vmlinux or dump needed)')
    .option('--sessions-dir <dir>', 'where sessions are recorded (default $XDG_STATE_HOME/kdview/sessions)')
    .option('--no-record', 'do not record this session')
    .action(async (vmlinux: string | undefined, dump: string | undefined, opts: { demo?: boolean; sessionsDir?: string; record?: boolean }) => {
      if (opts.demo) {
        setExit(await runReplay(demoSessionPath(), opts));
        return;
      }
      if (vmlinux === undefined || dump === undefined) {
        program.outputHelp();
        return;
      }
      setExit(await runTui(vmlinux, dump, opts));
    });

  program
    .command('replay')
    .description('reopen a recorded session offline (no crash, vmlinux or dump needed)')
    .argument('<session>', 'a session file, or a session id / unique prefix from `kdview history`')
    .action(async (session: string, _o, cmd: Command) => setExit(await runReplay(session, cmd.optsWithGlobals())));

  program
    .command('parse')
    .description('parse crash output (sys, bt, log, ps, kmem-i, mod, runq) or find crash reports (oops) in a log; prints JSON')
    .argument('<kind>', 'sys | bt | log | ps | kmem-i | mod | runq | oops')
    .argument('[file]', 'the text to parse; stdin when - or absent')
    .option('--json', 'print JSON (the default when stdout is not a terminal)')
    .action(async (kind: string, file: string | undefined, opts: { json?: boolean }) => {
      setExit(
        await runParse(kind, file, opts, {
          stdout: process.stdout,
          stderr: process.stderr,
          stdin: process.stdin,
          isTTY: process.stdout.isTTY === true,
        }),
      );
    });

  const history = program.command('history').description('list recorded sessions, newest first');
  history.option('--json', 'print JSON').action(async (_o, cmd: Command) => {
    setExit(await runHistoryList(cmd.optsWithGlobals(), { stdout: process.stdout, stderr: process.stderr }));
  });
  history
    .command('search')
    .description('fuzzy-search commands and outputs across every recorded session (exit 1: no match)')
    .argument('<query>')
    .option('--json', 'print JSON')
    .option('--limit <n>', 'at most this many matches (default 20)')
    .action(async (query: string, _o, cmd: Command) => {
      setExit(await runHistorySearch(query, cmd.optsWithGlobals(), { stdout: process.stdout, stderr: process.stderr }));
    });

  program
    .command('batch')
    .description('run crash commands on a dump and print their outputs')
    .argument('<vmlinux>', 'kernel image with debug info')
    .argument('<dump>', 'the vmcore')
    .option('-c, --command <cmd>', 'a crash command to run (repeatable)', collect, [])
    .option('--script <file>', 'a file of crash commands, one per line')
    .option('--json', 'one JSON object per exchange per line')
    .option('--timeout <sec>', 'per-command timeout in seconds (default 120)')
    .action(async (vmlinux: string, dump: string, _o, cmd: Command) => setExit(await runBatch(vmlinux, dump, cmd.optsWithGlobals())));

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
