# kdview's drgn helper, reading the kernel across drgn releases: helpers that
# moved or appeared between drgn 0.0.22 and 0.0.31 are looked up by name, with
# a fallback to reading the structures directly.
from kdview_util import helper, put, text

LINUX = "drgn.helpers.linux."
NEEDED = (("pid", "for_each_task"), ("pid", "find_task"), ("sched", "task_state_to_char"),
          ("printk", "get_printk_records"), ("cpumask", "for_each_online_cpu"),
          ("cpumask", "for_each_present_cpu"), ("percpu", "per_cpu"), ("list", "list_for_each_entry"))
PF_KTHREAD = 0x00200000
OOPS_HEADS = ("kernel BUG at", "BUG: ", "Oops: ", "general protection fault", "Unable to handle kernel")


def missing_helpers():
    return ["%s.%s" % (m, n) for m, n in NEEDED if helper(LINUX + m, n) is None]


class Kernel:
    def __init__(self, prog):
        self.prog = prog
        extra = (("sched", "task_cpu"), ("sched", "cpu_curr"), ("percpu", "percpu_counter_sum"),
                 ("kconfig", "get_kconfig"), ("module", "for_each_module"))
        self.h = {n: helper(LINUX + m, n) for m, n in NEEDED + extra}
        self._modules = None
        self._symtabs = {}

    def need(self, name):
        fn = self.h.get(name)
        if fn is None:
            raise NotImplementedError("this drgn has no %s helper" % name)
        return fn

    def value(self, name):
        return self.prog[name].value_()

    def cpu_of(self, task):
        if self.h["task_cpu"] is not None:
            return self.h["task_cpu"](task)
        try:
            return task.cpu.value_()
        except AttributeError:
            return task.thread_info.cpu.value_()

    def cpu_curr(self, cpu):
        if self.h["cpu_curr"] is not None:
            return self.h["cpu_curr"](self.prog, cpu)
        return self.need("per_cpu")(self.prog["runqueues"], cpu).curr

    def crashed(self):
        try:
            thread = self.prog.crashed_thread()
        except AttributeError:  # drgn without Program.crashed_thread()
            task = self.cpu_curr(self.prog["panic_cpu"].counter.value_())
            return task, self.prog.stack_trace(task)
        return thread.object, thread.stack_trace()

    def page_size(self):
        try:
            return self.value("PAGE_SIZE")
        except (KeyError, LookupError):
            return 1 << self.value("PAGE_SHIFT")

    def hz(self):
        if self.h["get_kconfig"] is not None:
            try:
                return int(self.h["get_kconfig"](self.prog)["CONFIG_HZ"])
            except Exception:
                pass
        return round(1e9 / self.value("tick_nsec"))

    def task_head(self, task):
        d = {"pid": task.pid.value_(), "task": "%x" % task.value_(), "comm": text(task.comm.string_())}
        put(d, "cpu", self.cpu_of, task)
        put(d, "state", self.need("task_state_to_char"), task)
        return d

    def rss_indexes(self):
        idx = []
        for i, name in enumerate(("MM_FILEPAGES", "MM_ANONPAGES", "MM_SHMEMPAGES")):
            try:
                idx.append(self.prog.constant(name).value_())
            except LookupError:
                idx.append((0, 1, 3)[i])
        return idx

    def rss_pages(self, mm, pending):
        """[file, anon, shmem] pages as get_mm_rss() sums them, with the counts threads have not synced yet."""
        out = []
        for i, idx in enumerate(self.rss_indexes()):
            try:
                pages = mm.rss_stat.count[idx].counter.value_()  # up to 6.1: atomic counters
            except AttributeError:
                pages = self.need("percpu_counter_sum")(mm.rss_stat[idx])  # 6.2+: percpu counters
            out.append(max(0, pages + pending.get(mm.value_(), (0, 0, 0))[i]))
        return out

    def pending_rss(self, tasks):
        """Per-mm sums of the per-thread counters SPLIT_RSS_COUNTING kernels (up to 6.1) cache."""
        idx, out = self.rss_indexes(), {}
        for t in tasks:
            try:
                mm, counts = t.mm.value_(), t.rss_stat.count
            except AttributeError:
                return {}
            if mm:
                old = out.get(mm, (0, 0, 0))
                out[mm] = tuple(old[i] + counts[j].value_() for i, j in enumerate(idx))
        return out

    def modules(self):
        if self._modules is None:
            mods = []
            for m in self.each_module():
                name = text(m.name.string_())
                for base, size in module_ranges(m):
                    if size:
                        mods.append((base, base + size, name, m))
            self._modules = mods
        return self._modules

    def each_module(self):
        if self.h["for_each_module"] is not None:  # drgn 0.0.23+
            return self.h["for_each_module"](self.prog)
        lfe = self.need("list_for_each_entry")
        return lfe("struct module", self.prog["modules"].address_of_(), "list")

    def module_at(self, pc):
        for start, end, name, m in self.modules():
            if start <= pc < end:
                return name, m
        return None, None

    def module_symbol(self, m, pc):
        """Nearest symbol at or below pc in a module's own symbol table (what kallsyms shows)."""
        key = m.value_() if hasattr(m, "value_") else id(m)
        if key not in self._symtabs:
            self._symtabs[key] = read_symtab(self.prog, m.kallsyms)
        best = None
        for value, size, name in self._symtabs[key]:
            if value <= pc and (best is None or value > best[0]):
                best = (value, size, name)
        return best


def module_ranges(m):
    try:
        return [(m.mem[i].base.value_(), m.mem[i].size.value_()) for i in range(len(m.mem))]  # 6.4+
    except AttributeError:
        pass
    try:
        return [(m.core_layout.base.value_(), m.core_layout.size.value_())]  # 4.5 - 6.3
    except AttributeError:
        return [(m.module_core.value_(), m.core_size.value_())]


def read_symtab(prog, ks):
    import struct

    import drgn

    flags = prog.platform.flags
    if not (flags & drgn.PlatformFlags.IS_64_BIT and flags & drgn.PlatformFlags.IS_LITTLE_ENDIAN):
        return []  # only Elf64 little-endian symbol tables are read here
    n = ks.num_symtab.value_()
    raw = prog.read(ks.symtab.value_(), n * 24)
    strtab = ks.strtab.value_()
    syms = []
    for i in range(n):
        st_name, st_info, _, _, st_value, st_size = struct.unpack_from("<IBBHQQ", raw, i * 24)
        if st_value and (st_info & 0xF) in (0, 2):  # NOTYPE or FUNC
            try:
                name = prog.read(strtab + st_name, 128).split(b"\0", 1)[0]
            except drgn.FaultError:
                continue
            syms.append((st_value, st_size, text(name)))
    return syms


