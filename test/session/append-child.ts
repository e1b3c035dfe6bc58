// Child process for the kill -9 test: appends exchanges with the real
// SessionWriter forever and prints `appended <seq>` after each one is on disk.
import { SessionWriter } from '../../src/session/writer.js';
import { exchange, header } from './session-helpers.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: append-child DIR');
const writer = await SessionWriter.create(dir, header());
process.stdout.write(`path ${writer.path}\n`);
const big = Array.from({ length: 4000 }, (_, i) => ` #${i} [ffff9850402cfb70] machine_kexec at ffffffff8f640560`).join('\n');
for (let i = 1; ; i++) {
  const rec = await writer.append(exchange(`bt ${i}`, `${big}\nend of ${i}`));
  process.stdout.write(`appended ${rec.seq}\n`);
}
