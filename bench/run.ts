// `npm run bench`: runs the parser benchmark, writes bench-results/bench.json
// and prints a summary.
import './production.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchBoth } from './both.js';
import { benchFleet } from './fleet.js';
import { benchHangs, hangsRows } from './hangs.js';
import { benchHistory } from './history.js';
import { benchOopsAgreement } from './oops-agreement.js';
import { benchParsers, type BenchResult } from './parsers.js';
import { benchReport, reportRows } from './report.js';
import { benchTui } from './tui.js';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);
const report = want('parsers')
  ? ((await benchParsers()) as { results: BenchResult[]; targetMet: boolean; loadAverageAtStart: number[] })
  : { results: [], targetMet: true, loadAverageAtStart: [] };
const history = want('history') ? await benchHistory() : undefined;
const tui = want('tui') ? await benchTui() : undefined;
const reportBench = want('report') ? await benchReport() : undefined;
const both = want('both') ? await benchBoth() : undefined;
const fleet = want('fleet') ? await benchFleet() : undefined;
const oopsAgreement = want('oops') ? benchOopsAgreement() : undefined;
const hangs = want('hangs') ? await benchHangs() : undefined;
const dir = join(process.cwd(), 'bench-results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'bench.json'), `${JSON.stringify({ parsers: report, history, tui, report: reportBench, fleet, oopsAgreement, hangs, both }, null, 2)}\n`);
if (history) console.log(`history search: ${JSON.stringify((history as { summary?: unknown }).summary ?? history)}`);
if (tui) console.log(`tui key-to-frame: ${JSON.stringify(tui)}`);
if (reportBench) {
  console.log(' report vs crash -s -i (same commands, medians; target ratio <= 1.05, kdview RSS < 1 GB):');
  for (const row of reportRows(reportBench)) console.log(row);
  for (const s of (reportBench as { skipped?: string[] }).skipped ?? []) console.log(`  skipped: ${s}`);
}
if (both) console.log(`--backend both, launch to Summary vs crash's load: ${JSON.stringify(both)}`);
if (hangs) console.log([' hang analysis vs the report triage in the same session (target on the scale dump: ratio <= 0.10):', ...hangsRows(hangs)].join('\n'));
if (fleet) console.log(`kdview fleet on 10,000 SQLite records: ${JSON.stringify(fleet)}`);
if (oopsAgreement) console.log(`oops agreement on fixtures/oops: ${JSON.stringify(oopsAgreement.overall)}\n  by type: ${JSON.stringify(oopsAgreement.byType)}`);
console.log(' parser                                      lines     MB   items | wall ms: parser   base  ratio | cpu ms: parser   base  ratio | heap MB  rss MB');
for (const r of report.results) {
  const cols = [
    `${r.targeted ? '*' : ' '}${r.name.padEnd(40)}`, String(r.lines).padStart(8), String(r.megabytes).padStart(6), String(r.items).padStart(7),
    '|', String(r.parserMs).padStart(14), String(r.baselineMs).padStart(6), String(r.ratio).padStart(6),
    '|', String(r.parserCpuMs).padStart(13), String(r.baselineCpuMs).padStart(6), String(r.cpuRatio).padStart(6),
    '|', String(r.heapUsedDeltaMB).padStart(7), String(r.rssDeltaMB).padStart(7),
  ];
  console.log(cols.join(' '));
}
console.log(`* target rows within 3x baseline: ${report.targetMet ? 'yes' : 'NO'} (load average at start ${report.loadAverageAtStart.map((x) => x.toFixed(2)).join(' ')})`);
console.log('written to bench-results/bench.json');
process.exit(0);
