// Frames as the report shows them, and the function-name view of a stack that
// clusters and signatures compare (no addresses, offsets or stack pointers).
import type { BacktraceTask, Frame } from '../model/backtrace.js';
import type { ReportFrame } from './model.js';

export function toReportFrame(f: Frame): ReportFrame {
  return {
    function: f.function,
    address: f.address === '' ? null : f.address,
    module: f.module ?? null,
    exception: f.exception?.function ?? f.exception?.rip ?? null,
  };
}

export function toReportFrames(frames: readonly Frame[]): ReportFrame[] {
  return frames.map(toReportFrame);
}

/**
 * Function names innermost first; an exception frame's interrupted function
 * (`[exception RIP: lkdtm_BUG]`) follows the frame crash printed it under,
 * which is where it sits on the stack.
 */
export function frameNames(frames: readonly Frame[]): string[] {
  const out: string[] = [];
  for (const f of frames) {
    out.push(f.function);
    const rip = f.exception?.function;
    if (rip) out.push(rip);
  }
  return out;
}

/** A key equal for two tasks exactly when their stacks hold the same functions and modules. */
export function stackKey(task: BacktraceTask): string {
  return task.frames
    .map((f) => `${f.function}${f.module ? ` [${f.module}]` : ''}${f.exception?.function ? ` <${f.exception.function}>` : ''}`)
    .join('\n');
}
