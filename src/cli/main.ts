#!/usr/bin/env node
// kdview's command line: sub-commands, one-line errors, meaningful exit codes.
import { Command, CommanderError } from 'commander';
import { killAllBackends } from '../backend/pty-transport.js';
import { CliError, EXIT } from '../model/user-error.js';
import { runBatch } from './batch.js';
import { runTui } from './tui.js';
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
    .action(async (vmlinux: string | undefined, dump: string | undefined) => {
      if (vmlinux === undefined || dump === undefined) {
        program.outputHelp();
        return;
      }
      setExit(await runTui(vmlinux, dump));
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
    .action(async (vmlinux: string, dump: string, opts) => setExit(await runBatch(vmlinux, dump, opts)));

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
