/** Output of `bt`, `bt PID`, `bt -a` and `foreach bt`: one entry per task block. */
export interface Backtrace {
  tasks: BacktraceTask[];
}

export interface BacktraceTask {
  pid: number;
  /** task_struct address, hex without 0x. */
  task: string;
  cpu?: number;
  command: string;
  frames: Frame[];
  /** Messages crash printed inside this block that are not frames (warnings, errors). */
  notes?: string[];
  /** 1-based line of the `PID:` header in the parsed text. */
  line: number;
}

export interface Frame {
  /** The N of `#N`. */
  index: number;
  /** Stack pointer in brackets, hex without 0x. */
  sp: string;
  function: string;
  /** Offset into the function, shown by `bt -s` (decimal) or `bt -sx` (hex). */
  offset?: number;
  /** Return address after `at`, hex without 0x. */
  address: string;
  /** Module name when crash printed `[module]`. */
  module?: string;
  /** Source file and line, shown by `bt -l`. */
  file?: string;
  line?: number;
  /**
   * The exception frame crash printed right after this frame: the saved
   * registers (pt_regs) on this frame's stack. `rip` names the interrupted
   * function when crash printed `[exception RIP: ...]`; a register block with
   * no such header (user-mode registers after a syscall entry frame) has none.
   */
  exception?: ExceptionFrame;
  /**
   * Label of a stack-switch marker crash printed just before this frame,
   * e.g. "IRQ stack" for `--- <IRQ stack> ---`.
   */
  stackSwitch?: string;
  /** Lines `bt -f` / `bt -F` print after the frame (stack words), trimmed. */
  extra?: string[];
}

export interface ExceptionFrame {
  /** Text inside `[exception RIP: ...]`, e.g. "lapic_next_event+23". */
  rip?: string;
  function?: string;
  offset?: number;
  /** Register name (as printed, without the colon) to value (hex, as printed). */
  registers: Record<string, string>;
  /** Source location of the interrupted instruction, shown by `bt -l`. */
  file?: string;
  line?: number;
}
