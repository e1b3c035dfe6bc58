// `kdview fleet [SIGNATURE] [--json | --text | --html -o FILE] [--db PATH|URL]`:
// what the fleet database knows, across every recorded report.
import { CliError, EXIT } from '../model/user-error.js';
import { fleetJson, signatureJson } from '../report/fleet-json.js';
import { fleetText, signatureDetail, signatureText } from '../report/fleet-text.js';
import { loadFleet } from '../store/fleet-view.js';
import { openStore, storeSpec } from '../store/open.js';
import type { ReportIo } from './report-command.js';

export interface FleetOptions {
  db?: string;
  sessionsDir?: string;
  json?: boolean;
  text?: boolean;
  html?: boolean;
  output?: string;
}

export async function runFleet(signature: string | undefined, o: FleetOptions, io: ReportIo & { isTTY?: boolean; columns?: number }): Promise<number> {
  const modes = [o.json, o.text, o.html].filter(Boolean).length;
  if (modes > 1) throw new CliError('fleet: choose one of --json, --text and --html');
  if (o.html && (o.output === undefined || o.output === '-')) throw new CliError('fleet --html: give -o FILE (one self-contained HTML file)');
  if (signature !== undefined && !/^[0-9a-f]{1,16}$/i.test(signature)) throw new CliError(`fleet: '${signature}' is not a signature (up to 16 hex digits)`);
  const json = o.json === true || (!o.text && !o.html && io.isTTY === false);
  const store = await openStore(storeSpec(o));
  try {
    let text: string;
    if (signature !== undefined) {
      const dumps = await store.dumpsOf(signature.toLowerCase());
      const sigs = new Set(dumps.map((d) => d.signature));
      if (sigs.size === 0) throw new CliError(`fleet: no recorded crash has a signature starting with '${signature}'`, EXIT.failed);
      if (sigs.size > 1) throw new CliError(`fleet: '${signature}' matches ${sigs.size} signatures (${[...sigs].slice(0, 4).join(', ')}…): give more digits`);
      const known = (await store.knownBySignature()).get(dumps[0]!.signature) ?? [];
      const detail = signatureDetail(dumps, known);
      if (o.html) {
        const { signatureHtml } = await import('../report/fleet-html.js');
        text = signatureHtml(detail, { where: store.where });
      } else text = json ? signatureJson(detail, { where: store.where }) : signatureText(detail);
    } else {
      const { view, hosts } = await loadFleet(store);
      const meta = { where: store.where, hosts };
      if (o.html) {
        const { fleetHtml } = await import('../report/fleet-html.js');
        text = fleetHtml(view, meta);
      } else text = json ? fleetJson(view, meta) : fleetText(view, meta, io.columns ?? 120);
    }
    if (o.output !== undefined && o.output !== '-') {
      const { writeOutput } = await import('./report-command.js'); // only when writing a file: it loads the report stack
      await writeOutput(o.output, text);
      io.stderr.write(`kdview: wrote ${o.output}\n`);
    } else io.stdout.write(text);
    return EXIT.ok;
  } finally {
    await store.close();
  }
}
