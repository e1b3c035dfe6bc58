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
  /** Reconstructed by kdview (a stack scan), not unwound by the backend. */
  recovered?: boolean;
  /** `--backend both`: the engine that unwound this stack. */
  engine?: 'crash' | 'drgn';
  /** `--backend both`: drgn's stack is shown because crash's stopped short; why (core/analysis/short-stacks.ts). */
  insteadOfCrash?: string;
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
  /**
   * drgn only: an inlined call. It has no stack frame of its own (same sp and
   * address as the frame below it); crash never shows inline frames.
   */
  inline?: boolean;
  /**
   * drgn only: this frame's registers were saved by an interrupt or exception
   * (pt_regs), e.g. frame 0 of the crashed thread or a user-mode frame.
   * crash shows the same registers as an `exception` block on the frame that
   * took the interrupt instead.
   */
  interrupted?: boolean;
  /** drgn only: source column, next to `file` and `line`. */
  column?: number;
  /**
   * drgn only: the function named by the debug info, when it differs from the
   * ELF symbol in `function` (e.g. "direct_entry" for "direct_entry.cold").
   */
  sourceFunction?: string;
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
