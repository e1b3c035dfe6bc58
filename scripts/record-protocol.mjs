// Records the raw pty traffic of a real crash session through kdview's client,
// for test/protocol: node scripts/record-protocol.mjs VMLINUX DUMP OUT.json
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { spawnCrash } from '../dist/src/backend/crash.js';
import { TracingTransport } from '../dist/src/backend/tracing-transport.js';
import { CrashClient } from '../dist/src/protocol/crash-client.js';

const [vmlinux, dump, out] = process.argv.slice(2);
const nonce = 'fixture0';
const transport = new TracingTransport(spawnCrash({ crashPath: 'crash', vmlinux: resolve(vmlinux), dump: resolve(dump) }));
const client = new CrashClient(transport, { nonce });
const startup = await client.ready();
const commands = ['sys', 'bt', 'bt 99999', 'echo "crash> fake prompt"', 'ps', 'log'];
const exchanges = [];
for (const c of commands) exchanges.push(await client.run(c));
await client.quit();
writeFileSync(
  out,
  JSON.stringify({ nonce, prompt: 'crash> ', startup, commands: ['set scroll off', ...commands], exchanges, trace: transport.trace }, null, 1),
);
console.log(`recorded ${transport.trace.length} chunks to ${out}`);
