// Which log lines still belong to a crash report once its stack dump has
// started: frames, registers, markers and the kernel's fixed report lines.
import { readFrame } from './oops-frames.js';

const REPORT_PREFIXES = [
  'CPU: ', 'Hardware name:', 'Workqueue:', 'RIP:', 'EIP:', 'Code:', 'RSP:', 'ESP:', 'RAX:', 'RDX:', 'RBP:', 'EAX:', 'ESI:',
  'DS:', 'R10:', 'R13:', 'FS:', 'CS:', 'CR2:', 'DR0:', 'DR3:', 'DR6:', 'PKRU:', 'EFLAGS:', 'Call Trace:', 'Call trace:',
  'Modules linked in:', 'Kernel Offset:', '#PF:', 'PGD ', 'P4D ', 'PUD ', 'PMD ', 'PTE ', 'Oops', 'task:', 'Not tainted',
  'Tainted:', '"echo 0 > /proc/sys/kernel/hung_task_timeout_secs"', 'irq event stamp:', 'hardirqs last', 'softirqs last',
  'Sending NMI', 'NMI backtrace for cpu', '(detected by', '(t=', 'Read of size', 'Write of size', 'pc :', 'lr :', 'sp :',
  'pstate:', 'ESR =', 'EC =', 'SET =', 'FAR =', 'EA =', 'FSC =', 'ISV =', 'CM =', 'WnR =', 'Mem abort info:',
  'Data abort info:', 'swapper pgtable:', 'user pgtable:', '[0000000000000000] pgd=', 'Stack:', 'in_atomic(): ',
  'preempt_count:', 'Preemption disabled at:', 'INFO: lockdep is turned off', 'CR0:', 'ORIG_RAX:', 'Showing busy workqueues',
  'Showing all locks held', 'Dumping ftrace buffer', 'Shutting down cpus', 'Rebooting in', 'Kernel panic', 'Code starting with',
  'Stack trace:', 'stack backtrace:', 'other info that might help', 'rcu: ', 'Process ', 'PC is at', 'LR is at', 'NIP:',
  'REGS:', 'MSR:', 'GPR', 'LR [', 'NIP [', 'Instruction dump:', 'epc :', 'ra :', 'status:', 'badaddr:', 'cause:',
  'Mem-Info:', 'Node ', 'DMA', 'Normal', 'Free swap', 'Total swap', 'pages ', '[  pid  ]', 'Tasks state', 'oom-kill:',
  'Backtrace:', 'Function entered at', 'Exception stack', 'note: ', 'Fixing recursive fault', 'x86/split lock',
  'RCU grace-period kthread', 'rcu_preempt ', 'rcu_sched ', 'NMI backtrace', 'Unable to access opcode',
];

/** Lines that belong inside a report once its Call Trace has started. */
export function isReportLine(text: string): boolean {
  const t = text.trim();
  if (t.length === 0) return true;
  if (readFrame(t)) return true;
  const c = t.charCodeAt(0);
  if (c === 60 /* < */ && t.endsWith('>') && t.length < 12) return true; // <TASK>, </IRQ>, <NMI>
  if (c === 120 /* x */ && /^x\d+ ?: /.test(t)) return true; // arm64 registers
  if (/^R(?:[0-9]{1,2}|[A-Z]{2}):\s/.test(t)) return true;
  if (/^[0-9a-f]{8,16}(?: [0-9a-f]{8,16})*$/.test(t)) return true; // stack/hex dumps
  // An unsymbolized return address (ftrace/BPF trampolines), a frame cut by lost records, the lost-records note.
  if (/^(?:\? )?0x[0-9a-f]{6,16}$|^\? [A-Za-z_.$][\w.$]*$|^Lost \d+ message\(s\)!$/.test(t)) return true;
  if (/^(?:\.\.\.|…|\[\.\.\.\])$/.test(t)) return true; // a poster's elision mark inside a pasted trace
  for (const p of REPORT_PREFIXES) if (t.startsWith(p)) return true;
  return false;
}

/** A stack frame line: ` vfs_write+0xc8/0x410`, ` ? _printk+0x68/0x83`, `[<c0123>] (f) from ...`. */
export function isTraceLine(t: string): boolean {
  return readFrame(t) !== undefined;
}

const STAMP_ANYWHERE = /^[^\n]{0,64}?(?:<\d{1,3}>)?\[\s*\d+\.\d*\](?:\[\s*[TC]\d+\])?\s?(?:\[\s*[TC]\d+\]\s?)?/;
const SYSLOG_ANYWHERE = /^[^\n[]{0,40}?\d\d:\d\d:\d\d(?:[.,]\d+)?(?:[+-]\d\d:?\d\d|Z)? \S+ kernel: ?/;
const BARE_KERNEL = /^\s*kernel: ?/;

/**
 * One log line without the decorations the log reader could not take off:
 * editor line numbers, hypervisor console prefixes, localised syslog dates
 * and stamps without fraction digits in front of the printk stamp.
 */
export function stripLinePrefix(line: string): string {
  if (!mayHavePrefix(line)) return line;
  const m = STAMP_ANYWHERE.exec(line);
  if (m && (m[0].length > 0)) return line.slice(m[0].length);
  const s = SYSLOG_ANYWHERE.exec(line) ?? BARE_KERNEL.exec(line);
  return s ? line.slice(s[0].length) : line;
}

/** A cheap test before the regexes: a `[ 12.3]`-like stamp or " kernel:" within the first 64 chars. */
function mayHavePrefix(line: string): boolean {
  const end = Math.min(line.length, 66);
  for (let i = line.indexOf('['); i !== -1 && i < end; i = line.indexOf('[', i + 1)) {
    const c = line.charCodeAt(i + 1);
    if (c === 32 || (c >= 48 && c <= 57)) return true;
  }
  const k = line.indexOf('kernel:');
  return k !== -1 && k < 66;
}

/** stripLinePrefix() on every line of a record's text. */
export function stripRecordPrefixes(text: string): string {
  if (!text.includes('\n')) return mayHavePrefix(text) ? stripLinePrefix(text) : text;
  return text.split('\n').map(stripLinePrefix).join('\n');
}
