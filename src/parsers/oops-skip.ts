// Which stack frames are reporting or helper machinery rather than the bug:
// data, matched (unanchored unless marked) against the frame's base name.

/** Frames no bug title names: report printers, sanitizer runtimes, traps, locks, string and copy helpers. */
const GENERAL = [
  '__sanitizer', '__asan', '^kasan_', '^__kasan', 'kasan_report', '^hwasan', '^__hwasan', '__msan', '^kmsan_', '^__kmsan', 'kcsan_setup_watchpoint', 'check_memory_region',
  'check_heap_object', 'check_object', 'read_word_at_a_time', '(?:read|write)_once_.*nocheck', 'print_address_description',
  'panic', 'invalid_op', 'dump_backtrace', 'unwind_backtrace', '^dump_trace', '^show_trace', 'arch_stack_walk',
  'stack_trace_save', '^print_trace', '^walk_stackframe', '^unwind_frame', '^__dump_stack', 'report_bug', 'fixup_bug', 'fixup_exception', 'do_error', '_trap', 'dump_stack', '^show_stack',
  '^show_regs', 'show_trace_log_lvl', 'warn_slowpath', 'warn_alloc', 'warn_bogus', '__warn', '^handle_bug',
  '^exc_invalid_op', '^asm_exc_', '^exc_', 'alloc_page', '^k?v?[mzc]alloc(?:_node|_array|_trace|_large|_noprof|_track_caller|_slab|_nolock)*$', 'krealloc', 'kmem_cache', 'allocate_slab',
  'folio_(?:alloc|unlock)', 'filemap_alloc_folio', '__filemap_get_folio', '__kmalloc', '__alloc', 'tracepoint',
  '_cond_resched', 'debug_object', 'timer_is_static_object', 'work_is_static_object', '__might_fault', 'print_unlock',
  '^(?:__)?might_sleep', '^(?:__)?might_resched', '^___might_sleep', 'lockdep', '^lock_acquire', '^lock_release',
  'lock_class', 'mark_lock', '(?:reacquire|mark)_held_locks', 'raw_spin_rq', 'spin_lock', 'spin_trylock',
  'spin_unlock', 'read_lock', 'read_trylock', 'write_lock', 'write_trylock', 'read_unlock', 'write_unlock', '^down$',
  'down_read', 'down_write', 'down_trylock', 'down_interruptible', 'down_killable', 'up_read', 'up_write', '^mutex_',
  '^__mutex_', '^rt_mutex_', '^__rt_mutex', 'owner_on_cpu', 'osq_lock', 'osq_unlock', 'queued_spin_lock',
  'queued_read_lock', 'queued_write_lock', 'native_queued', '__pv_queued',
  'atomic(?:64|_long)?_(?:dec|inc|read|set|or|xor|and|add|sub|fetch|xchg|cmpxchg|try)', '(?:set|clear|change|test)_bit',
  '__wake_up', '^refcount_', '^__refcount_', '^kref_', 'ref_tracker', 'memcpy', 'memcmp', 'memset', 'memchr', 'memmove',
  'memdup', 'strcmp', 'strncmp', 'strcpy', 'strlcpy', 'strncpy', 'strscpy', 'strlen', 'strstr', 'strnstr', 'strnlen',
  'strchr', 'strdup', 'strndup', 'copy_to_user', 'copy_from_user', 'copy_to_iter', 'copy_from_iter', 'copy_page_to_iter',
  'copy_page_from_iter', 'copy_folio_to_iter', '^copyin$', '^copyout$', 'put_user', 'get_user', 'might_fault',
  'list_add', 'list_del', 'list_replace', 'list_move', 'list_splice', '_indirect_thunk_', 'string', 'pointer',
  'snprintf', 'scnprintf', 'kasprintf', 'kvasprintf', 'printk', 'va_format', 'dev_info', 'dev_notice', 'dev_warn',
  'dev_err', 'dev_alert', 'dev_crit', 'dev_emerg', 'program_check_exception', 'program_check_common', 'del_timer',
  'flush_work', '__cancel_work_timer', 'cancel_work_sync', 'try_to_grab_pending', 'flush_workqueue', 'drain_workqueue',
  'destroy_workqueue', 'queue_work', 'finish_wait', 'kthread_stop', 'kobject_', 'add_uevent_var', 'get_device_parent',
  'device_add', 'device_del', 'device_unregister', 'device_destroy', 'devres_release_all',
  'hwrng_unregister', 'i2c_del_adapter', '__unregister_client', 'device_for_each_child', 'rollback_registered',
  'unregister_netdev', 'sysfs_remove', 'device_remove_file', 'tty_unregister_device', 'dummy_urb_enqueue',
  'usb_kill_urb', 'usb_kill_anchored_urbs', 'usb_control_msg', 'usb_start_wait_urb', 'usb_hcd_submit_urb', 'usb_submit_urb', '^complete$',
  'wait_for_completion', '^kv?free$', 'kfree_skb', 'readb$', 'readw$', 'readl$', 'readq$', '__crc32c_le', 'crc32c',
  'crypto_shash_update', 'crypto_shash_finup', 'crypto_shash_digest', '^__bad_area', '^bad_area', '^page_fault_oops',
  '^no_context', 'kernelmode_fixup_or_oops', '^do_kern_addr_fault', '^do_user_addr_fault', '^handle_page_fault',
  '^__do_page_fault', '^do_page_fault', '^die$', '^__die', '^die_addr', '^oops_end', '^do_mem_abort', '^el1_abort',
  '^el1h_64_sync', '^el1_sync', '^el1_da', '^__do_kernel_fault', '^do_translation_fault', '^do_bad_area',
  '^die_kernel_fault', '^arm64_notify_die', '^bug_handler', '^brk_handler', '^do_debug_exception', '^call_break_hook',
  '^el1_dbg', '^el1_undef', '^do_undefinstr', '^el1_inv', '^crash_kexec', '^__crash_kexec', '^machine_kexec',
  '^nmi_panic', '^vpanic', '^check_panic_on_warn', '^__stack_chk_fail', 'fortify_panic', '^__fortify_report',
  '^__fortify_panic', 'usercopy_abort', 'usercopy_warn', '^bad_page$', '^dump_page', '^__dump_page', '^print_bad_pte',
  '^__list_add_valid', '^__list_del_entry_valid', '^__list_del_entry', '^list_del_entry_valid', '^__hlist_del',
  '^check_preemption_disabled', '^debug_smp_processor_id', '^__this_cpu_preempt_check', '^__schedule_bug',
  '^report_', '^kfence_', '^__kfence_', '^ubsan_', '^__ubsan_', '^kcsan_', '^__kcsan_', '^__tsan_',
  '^instrument_', '^check_copy_size', '^check_object_size', '^__check_object_size', '^__check_heap_object',
];

/** Extra skips per report type, as kernel developers title those reports. */
export const TYPE_SKIPS: Partial<Record<string, string[]>> = {
  'kasan-free': ['kmem_', 'slab_', 'kfree', 'vunmap', 'vfree'],
  'memory-leak': ['kmemleak', 'kmalloc', 'kcalloc', 'kzalloc', 'vmalloc', 'mmap', 'kmem', 'slab', 'alloc', 'create_object',
    'idr_get', 'list_lru_init', 'kasprintf', 'kvasprintf', 'pcpu_create', 'strdup', 'strndup', 'memdup', 'kvmemdup',
    'trace_', 'mempool_', 'kstrdup'],
  'odebug': ['debug_', 'rcu', 'hrtimer_', 'timer_', 'work_', 'percpu_', 'kmem_', 'slab_', 'kfree', 'vunmap', 'vfree',
    '__free_', 'debug_check', 'kobject_'],
  'usercopy': ['usercopy', '__check', 'check_'],
  'refcount': ['refcount', 'kobject_', 'kref_'],
  'locking-bug': ['lock_sock', 'release_sock', 'lock_acquire', 'lock_release', 'reacquire_held_locks', 'validate_chain', 'check_prev', 'lookup_chain_cache', 'register_lock_class', 'look_up_lock_class', 'hlock_class'],
  'kmalloc-bug': ['kmalloc', 'kcalloc', 'kzalloc', 'krealloc', 'vmalloc', 'slab', 'kmem'],
  'suspicious-rcu': ['rcu', 'kmem', 'slab', 'kmalloc', 'vmalloc', 'kcalloc', 'kzalloc'],
  'non-static-key': ['stack', 'lock', 'IRQ'],
  'ubsan': ['ubsan', 'overflow'],
  'preemptible-context': ['dump_stack', 'preemption', 'preempt', 'smp_processor_id', '__this_cpu'],
  'spinlock': ['spin_'],
  'stack-protector': ['stack_chk'],
  'lockdep': ['process_one_work', 'flush_workqueue', 'drain_workqueue', 'destroy_workqueue'],
  'scheduling-while-atomic': ['schedule', 'sleep', '^wait_', 'synchronize_'],
  'atomic-sleep': ['sleep', '^wait_', 'synchronize_', 'schedule'],
  'list-corruption': ['list_', '__list'],
  'rcu-stall': ['apic_timer_interrupt', 'rcu', 'sysvec_', '^irq_exit', '^__irq_exit', '^__sysvec', 'tick_', 'hrtimer_',
    'update_process_times', 'timer_interrupt', 'nmi', 'watchdog', 'handle_irq', 'arch_cpu_idle', '^cpu_startup_entry',
    '^do_idle', 'default_idle'],
  'soft-lockup': ['watchdog', 'hrtimer', 'tick_', 'sysvec_', '__sysvec', 'apic_timer_interrupt', 'irq_exit', 'nmi'],
  'hard-lockup': ['watchdog', 'perf_event', 'nmi', 'intel_pmu', 'x86_pmu', '__perf', 'handle_pmi', 'perf_ibs', 'amd_pmu'],
  'stack-overflow': ['bad_stack', 'bad_mode', 'overflow'],
  'kmsan-usb': ['usb_submit_urb', 'usb_start_wait_urb', 'usb_bulk_msg', 'usb_interrupt_msg', 'usb_control_msg'],
};

/**
 * Frames a report type names although the general list skips them: a sleeping-in-atomic report raised by the
 * page fault handler itself (it takes the mmap lock where faults must not sleep) is titled by that handler.
 */
export const TYPE_KEEPS: Partial<Record<string, string[]>> = {
  'atomic-sleep': ['^do_page_fault$'],
  'scheduling-while-atomic': ['^do_page_fault$'],
};

const cache = new Map<string, RegExp>();
const keeps = new Map<string, RegExp | null>();

function kept(key: string): RegExp | null {
  let re = keeps.get(key);
  if (re === undefined) {
    const list = key === '' ? [] : key.split(',').flatMap((k) => TYPE_KEEPS[k] ?? []);
    re = list.length === 0 ? null : new RegExp(list.join('|'));
    keeps.set(key, re);
  }
  return re;
}

function compiled(key: string): RegExp {
  let re = cache.get(key);
  if (!re) {
    const extra = key === '' ? [] : key.split(',').flatMap((k) => TYPE_SKIPS[k] ?? []);
    re = new RegExp([...GENERAL, ...extra].join('|'));
    cache.set(key, re);
  }
  return re;
}

/** True for reporting/helper frames under the skip groups given (general ones always apply). */
export function isSkipped(base: string, groups: readonly string[] = []): boolean {
  const key = groups.join(',');
  if (kept(key)?.test(base)) return false;
  return compiled(key).test(base);
}
