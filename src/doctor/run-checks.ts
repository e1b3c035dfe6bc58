// Runs every doctor check group, in the order a reader fixes them.
import { checkCapture } from './capture.js';
import { checkCmdline } from './cmdline.js';
import type { DoctorContext } from './context.js';
import { checkDebugVmlinux } from './debug-vmlinux.js';
import { checkDumpFolder } from './dump-folder.js';
import { checkKdumpService } from './kdump-service.js';
import { checkKernelConfig } from './kernel-config.js';
import { checkTools } from './tools.js';
import type { Check } from './types.js';

export async function runChecks(ctx: DoctorContext): Promise<Check[]> {
  const groups = [checkCmdline, checkCapture, checkKernelConfig, checkTools, checkDebugVmlinux, checkKdumpService, checkDumpFolder];
  const out: Check[] = [];
  for (const g of groups) out.push(...(await g(ctx)));
  return out;
}

export const isReady = (checks: readonly Check[]): boolean => !checks.some((c) => c.status === 'fail');
