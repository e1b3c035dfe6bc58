// Picks the culprit function of a crash report: the first function that is
// not part of the kernel's reporting, locking, scheduling, interrupt, syscall
// entry or allocation machinery.

const GENERIC = new Set([
  'panic', 'nmi_panic', 'vpanic', 'show_stack', 'show_regs', 'show_trace_log_lvl', 'show_stack_log_lvl',
  'report_bug', 'handle_bug', 'do_trap', 'do_error_trap', 'oops_end', 'die', '__die', '__die_body', 'die_addr',
  'crash_kexec', '__crash_kexec', 'machine_kexec', '_printk', 'printk', 'vprintk', 'vprintk_emit', 'vprintk_default',
  'print_report', 'print_address_description', 'check_memory_region', 'lock_acquire', 'lock_release',
  'lock_acquired', 'lock_contended', 'validate_chain', 'mark_lock', 'mark_usage', 'check_noncircular',
  'check_prev_add', 'check_prevs_add', 'print_circular_bug', 'print_deadlock_bug', 'print_usage_bug',
  'schedule', '__schedule', 'schedule_idle', 'schedule_timeout', 'schedule_preempt_disabled', 'io_schedule',
  'io_schedule_timeout', 'schedule_hrtimeout', 'schedule_hrtimeout_range', 'schedule_hrtimeout_range_clock',
  'context_switch', '__switch_to', '__switch_to_asm', 'preempt_schedule', 'preempt_schedule_common',
  'preempt_schedule_irq', 'wait_for_completion', 'do_wait_for_common', '__wait_for_common', 'wait_woken',
  'bit_wait', 'bit_wait_io', 'msleep', 'usleep_range_state', 'mutex_lock', 'down', 'down_read', 'down_write',
  'down_interruptible', 'down_killable', 'down_timeout', '__down', '__down_common', '__down_interruptible',
  '__down_killable', '__schedule_bug', '___might_sleep', '__might_sleep', '__might_resched', '__might_fault',
  'might_fault', 'dump_header', 'oom_kill_process', 'out_of_memory', 'pagefault_out_of_memory', 'alloc_pages',
  'alloc_pages_vma', '__folio_alloc', 'folio_alloc', 'vma_alloc_folio', '__get_free_pages', 'get_zeroed_page',
  'handle_mm_fault', '__handle_mm_fault', 'do_user_addr_fault', 'page_fault', 'do_page_fault', '__do_page_fault',
  'do_anonymous_page', 'handle_pte_fault', 'do_fault', 'irq_exit_rcu', '__irq_exit_rcu', 'irq_exit',
  '__do_softirq', 'do_softirq', 'do_softirq_own_stack', 'invoke_softirq', 'hrtimer_interrupt',
  '__hrtimer_run_queues', 'hrtimer_run_queues', 'tick_sched_timer', 'tick_sched_handle', 'tick_nohz_handler',
  'update_process_times', 'rcu_sched_clock_irq', 'rcu_pending', 'print_cpu_stall', 'print_other_cpu_stall',
  'check_cpu_stall', 'rcu_dump_cpu_stacks', 'dump_cpu_task', 'sched_show_task', 'nmi_cpu_backtrace',
  'nmi_trigger_cpumask_backtrace', 'arch_trigger_cpumask_backtrace', 'trigger_single_cpu_backtrace',
  'watchdog_timer_fn', 'watchdog_overflow_callback', '__perf_event_overflow', 'perf_event_overflow',
  'handle_pmi_common', 'intel_pmu_handle_irq', 'perf_event_nmi_handler', 'nmi_handle', 'default_do_nmi',
  'end_repeat_nmi', 'check_hung_uninterruptible_tasks', 'check_hung_task', 'watchdog', 'do_syscall_64',
  'do_syscall_x64', 'syscall_exit_to_user_mode', 'exit_to_user_mode_prepare', 'ret_from_fork', 'ret_from_fork_asm',
  'kthread', 'worker_thread', 'process_one_work', 'el0_svc', 'el0_svc_common', 'do_el0_svc', 'invoke_syscall',
  'common_interrupt', 'asm_common_interrupt', 'bad_page', 'dump_page', '__dump_page', 'check_preemption_disabled',
  'debug_smp_processor_id', '__list_add_valid', '__list_del_entry_valid', '__list_add_valid_or_report',
  '__list_del_entry_valid_or_report', 'fortify_panic', '__stack_chk_fail', 'refcount_warn_saturate',
]);

const GENERIC_PREFIXES = [
  'dump_stack', '__warn', 'warn_slowpath', 'printk_', 'vprintk_', 'console_', '__x64_sys_', '__ia32_sys_',
  '__se_sys_', '__arm64_sys_', 'entry_SYSCALL', 'entry_INT80', '_raw_spin_', '_raw_read_', '_raw_write_',
  'raw_spin_', 'do_raw_spin_', 'do_raw_read_', 'do_raw_write_', 'queued_spin_lock', 'native_queued_spin_lock',
  '__pv_queued_spin_lock', 'queued_read_lock', 'queued_write_lock', '__mutex_lock', 'mutex_lock_', '__rt_mutex',
  'rt_mutex_', 'rt_spin_lock', 'rwsem_down_', '__rwsem_', 'down_read_', 'down_write_', 'kasan_', '__kasan_',
  '__asan_', 'kmsan_', '__ubsan_handle_', 'ubsan_', 'lockdep_', '__lockdep_', '__lock_acquire', 'lock_is_held',
  'debug_check_no_locks', 'wait_for_completion_', 'schedule_timeout_', '__wait_on_', 'out_of_line_wait_on_',
  'asm_exc_', 'exc_', 'asm_sysvec_', 'sysvec_', '__sysvec_', '__alloc_pages', 'alloc_pages_', 'el0t_',
  'el1_', 'el1h_', 'el0_', 'fortify_', 'kfence_', 'kmalloc', '__kmalloc', 'kmem_cache_alloc', '__kmem_cache_alloc',
  'slab_alloc', '__slab_alloc', '___slab_alloc', 'new_slab', 'allocate_slab', 'alloc_slab_page', 'kvmalloc',
  '__vmalloc', 'vmalloc', '__get_vm_area',
];

/** Drops compiler suffixes: "direct_entry.cold" -> "direct_entry". */
export function baseName(fn: string): string {
  const dot = fn.indexOf('.');
  return dot > 0 ? fn.slice(0, dot) : fn;
}

/** True for functions that report, lock, schedule, enter or allocate rather than cause. */
export function isGeneric(fn: string): boolean {
  const b = baseName(fn);
  if (GENERIC.has(b)) return true;
  for (const p of GENERIC_PREFIXES) if (b.startsWith(p)) return true;
  return false;
}

export interface TraceEntry {
  function: string;
  module?: string;
  reliable: boolean;
}

const FRAME = /^(?:\[<[0-9a-f]+>\] )?(\? )?([\w.$]+)\+0x[0-9a-f]+\/0x[0-9a-f]+(?: \[([\w-]+)\])?/;

/** Reads one Call Trace entry; undefined when t is not one. */
export function readTraceEntry(t: string): TraceEntry | undefined {
  const m = FRAME.exec(t.trim());
  if (!m) return undefined;
  const e: TraceEntry = { function: m[2] as string, reliable: m[1] === undefined };
  if (m[3] !== undefined) e.module = m[3];
  return e;
}

/** Reads a RIP/pc text ("0010:lkdtm_BUG+0x0/0x10 [lkdtm]") into function and module. */
export function readRip(text: string): TraceEntry | undefined {
  let t = text.trim();
  const old = t.lastIndexOf('] ');
  if (t.includes('[<') && old !== -1) t = t.slice(old + 2);
  else if (/^[0-9a-f]{4}:/.test(t)) t = t.slice(5);
  return readTraceEntry(t);
}

/**
 * The culprit: the headline's function (WARNING ... at, KASAN ... in), then the
 * RIP, then the first reliable Call Trace entry, each only when not generic.
 */
export function pickCulprit(headline: string | undefined, rip: TraceEntry | undefined, trace: TraceEntry[]): TraceEntry | undefined {
  if (headline !== undefined && !isGeneric(headline)) {
    const inTrace = trace.find((e) => e.function === headline);
    return { function: headline, reliable: true, ...(inTrace?.module ? { module: inTrace.module } : rip?.function === headline && rip.module ? { module: rip.module } : {}) };
  }
  if (rip && !isGeneric(rip.function)) return rip;
  for (const e of trace) if (e.reliable && !isGeneric(e.function)) return e;
  // Everything is machinery: the faulting location is still worth naming, a reporting frame is not.
  return rip;
}
