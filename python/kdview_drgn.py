# kdview's helper inside drgn. kdview runs it as drgn's script argument,
#   drgn --core=DUMP --symbols=VMLINUX .../kdview_drgn.py
# with KDVIEW_DRGN_NONCE in the environment, so `prog` is drgn's loaded program.
#
# Protocol (kdview writes one JSON line per request on the pty; this helper
# turns the tty's echo off, so nothing typed is ever printed back):
#   {"seq": N, "op": "py", "code": "..."}                 a Python snippet, run like
#                                                         drgn's console (expressions shown)
#   {"seq": N, "op": "kdview", "req": "tasks", "args": []} a request answered with JSON
#   {"op": "cancel", "seq": N}                            sent right after Ctrl-C
#   {"op": "quit"}
# Every answer is framed by lines that carry the per-session nonce:
#   @@KDV_B<N>_<nonce>@@
#   ...output...
#   @@KDV_E<N>_<nonce>@@ {"status": "ok"|"error"|"cancelled", "error": "..."}
# A kdview request's output is one JSON document with one item per line:
#   {"kdview":1,"request":"tasks","items":[
#   {"type":"task",...},
#   ...
#   ],"ok":true,"count":80}
# Ctrl-C (SIGINT) cancels the running request only; drgn stays usable.
import ast
import importlib
import json
import linecache
import os
import select
import signal
import sys
import time
import traceback

import kdview_hangs  # the hang analysis (kdview:hangs); drgn puts this script's folder on sys.path

NONCE = os.environ.get("KDVIEW_DRGN_NONCE", "")
PROTOCOL = 1


class State:
    interruptible = False  # a request's code is running: Ctrl-C raises KeyboardInterrupt in it
    sigint = False  # a Ctrl-C arrived while no request code was running
    buf = b""  # what has been read from the tty and not used yet


def marker(tag):
    return "@@KDV_%s_%s@@" % (tag, NONCE)


def describe(e):
    return "%s: %s" % (type(e).__name__, e)


def on_sigint(signum, frame):
    if State.interruptible:
        raise KeyboardInterrupt
    State.sigint = True


def setup_tty():
    try:
        import termios

        attrs = termios.tcgetattr(0)
        attrs[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN)
        attrs[3] |= termios.NOFLSH | termios.ISIG  # Ctrl-C must not flush typed-ahead requests
        attrs[6][termios.VMIN] = 1
        attrs[6][termios.VTIME] = 0
        termios.tcsetattr(0, termios.TCSANOW, attrs)
    except Exception:
        pass  # not a tty (tests, pipes): framing still works


def fill(timeout):
    """Appends what the tty has to State.buf, waiting at most timeout seconds (None: until data or EOF)."""
    if timeout is not None and not select.select([0], [], [], max(0, timeout))[0]:
        return True
    chunk = os.read(0, 65536)
    State.buf += chunk
    return bool(chunk)


def parse(line):
    try:
        req = json.loads(line.decode("utf-8", "replace"))
    except ValueError:
        return None
    return req if isinstance(req, dict) else None


def read_request():
    """The next request; cancel lines of requests already answered are dropped. None at EOF."""
    while True:
        if b"\n" not in State.buf:
            if not fill(None):
                return None
            continue
        line, _, State.buf = State.buf.partition(b"\n")
        req = parse(line)
        if req is not None and req.get("op") != "cancel":
            return req


def cancelled_before_start(seq):
    """
    kdview cancels with Ctrl-C followed by a {"op": "cancel", "seq": N} line. A
    Ctrl-C that came before this request's code started is for this request if
    its line names it, and stale (it crossed an earlier answer) otherwise.
    """
    deadline = time.monotonic() + 0.25
    while True:
        fill(0)
        lines = State.buf.split(b"\n")
        kept, seqs = [], set()
        for line in lines[:-1]:
            req = parse(line)
            if req is not None and req.get("op") == "cancel":
                seqs.add(req.get("seq"))
            else:
                kept.append(line + b"\n")
        State.buf = b"".join(kept) + lines[-1]
        if seq in seqs or not State.sigint or seqs or time.monotonic() > deadline:
            State.sigint = False
            return seq in seqs
        fill(deadline - time.monotonic())


def write_raw(text):
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    data = text.encode("utf-8", "backslashreplace")
    while data:
        data = data[os.write(1, data):]


def helper(module, name):
    """A drgn helper by name, or None when this drgn has none."""
    try:
        return getattr(importlib.import_module(module), name)
    except Exception:
        return None


# --- the console: user snippets run like lines typed at drgn's >>> prompt ---

def console_globals(prog):
    default_globals = helper("drgn.cli", "default_globals")  # newer drgn
    if default_globals is not None:
        try:
            return default_globals(prog)
        except Exception:
            pass
    import drgn

    g = {"prog": prog, "drgn": drgn, "__name__": "__main__", "__doc__": None}
    for name in ("FaultError", "NULL", "Object", "alignof", "cast", "container_of", "execscript",
                 "offsetof", "reinterpret", "sizeof", "stack_trace"):
        if hasattr(drgn, name):
            g[name] = getattr(drgn, name)
    for modname in ("drgn.helpers.common", "drgn.helpers.linux"):
        try:
            mod = importlib.import_module(modname)
            g.update((n, getattr(mod, n)) for n in mod.__all__ if hasattr(mod, n))
        except Exception:
            pass
    return g


def console_displayhook():
    for module, name in (("drgn.cli", "_displayhook"), ("drgn.internal.cli", "displayhook")):
        hook = helper(module, name)
        if hook is not None:
            return hook
    return sys.__displayhook__


def run_snippet(code, ns, seq):
    name = "<console-%d>" % seq
    linecache.cache[name] = (len(code), None, [l + "\n" for l in code.splitlines()], name)
    try:
        tree = ast.parse(code, name, "exec")
    except SyntaxError as e:
        traceback.print_exception(type(e), e, None)
        return {"status": "error", "error": traceback.format_exception_only(type(e), e)[-1].strip()}
    try:
        for node in tree.body:
            if isinstance(node, ast.Expr):
                compiled = compile(ast.Interactive([node]), name, "single")
            else:
                compiled = compile(ast.Module([node], []), name, "exec")
            exec(compiled, ns)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:
        traceback.print_exception(type(e), e, e.__traceback__.tb_next)
        return {"status": "error", "error": traceback.format_exception_only(type(e), e)[-1].strip()}
    return {"status": "ok"}


# --- kdview requests: one JSON document, one item per line ---

class Document:
    def __init__(self, request):
        self.count = 0
        self.pending = None
        write_raw('{"kdview":%d,"request":%s,"items":[\n' % (PROTOCOL, json.dumps(request)))

    def emit(self, item):
        if self.pending is not None:
            sys.stdout.write(self.pending + ",\n")
        self.pending = json.dumps(item, ensure_ascii=True, separators=(",", ":"))
        self.count += 1

    def close(self, error=None):
        if self.pending is not None:
            sys.stdout.write(self.pending + "\n")
            self.pending = None
        tail = {"ok": error is None, "count": self.count}
        if error is not None:
            tail["error"] = error
        sys.stdout.write("]," + json.dumps(tail, separators=(",", ":"))[1:] + "\n")


def respond(req, ctx):
    seq = int(req.get("seq", 0))
    write_raw(marker("B%d" % seq) + "\n")
    status = {"status": "ok"}
    doc = None
    try:
        State.interruptible = True
        if cancelled_before_start(seq):
            raise KeyboardInterrupt
        if req.get("op") == "py":
            status = run_snippet(str(req.get("code", "")), ctx.ns, seq)
        elif req.get("op") == "kdview":
            name = str(req.get("req", ""))
            doc = Document(name)
            handler = ctx.requests.get(name)
            if handler is None:
                raise LookupError("unknown kdview request %r (known: %s)" % (name, ", ".join(sorted(ctx.requests))))
            handler(doc, [str(a) for a in req.get("args", [])])
            State.interruptible = False
            doc.close()
        else:
            status = {"status": "error", "error": "unknown op %r" % req.get("op")}
        State.interruptible = False
    except KeyboardInterrupt:
        State.interruptible = False
        status = {"status": "cancelled", "error": "KeyboardInterrupt"}
        if doc is not None:
            doc.close("cancelled")
    except SystemExit:
        State.interruptible = False
        write_raw("\n" + marker("E%d" % seq) + ' {"status":"ok","exiting":true}\n')
        raise
    except BaseException as e:
        State.interruptible = False
        status = {"status": "error", "error": describe(e)}
        if doc is not None:
            doc.close(describe(e))
    write_raw("\n" + marker("E%d" % seq) + " " + json.dumps(status, ensure_ascii=True) + "\n")


# --- reading the kernel, across drgn releases (helpers move; never a traceback) ---

LINUX = "drgn.helpers.linux."
NEEDED = (("pid", "for_each_task"), ("pid", "find_task"), ("sched", "task_state_to_char"),
          ("printk", "get_printk_records"), ("cpumask", "for_each_online_cpu"),
          ("cpumask", "for_each_present_cpu"), ("percpu", "per_cpu"), ("list", "list_for_each_entry"))
PF_KTHREAD = 0x00200000
OOPS_HEADS = ("kernel BUG at", "BUG: ", "Oops: ", "general protection fault", "Unable to handle kernel")


def missing_helpers():
    return ["%s.%s" % (m, n) for m, n in NEEDED if helper(LINUX + m, n) is None]


def text(b):
    return b.decode("utf-8", "replace") if isinstance(b, bytes) else str(b)


def put(d, key, fn, *args):
    """d[key] = fn(*args); a failure is recorded in d["errors"] instead."""
    try:
        value = fn(*args)
        if value is not None:
            d[key] = value
    except Exception as e:
        d.setdefault("errors", {})[key] = describe(e)


class Kernel:
    def __init__(self, prog):
        self.prog = prog
        extra = (("sched", "task_cpu"), ("sched", "cpu_curr"), ("percpu", "percpu_counter_sum"),
                 ("kconfig", "get_kconfig"))
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
            lfe = self.need("list_for_each_entry")
            for m in lfe("struct module", self.prog["modules"].address_of_(), "list"):
                name = text(m.name.string_())
                for base, size in module_ranges(m):
                    if size:
                        mods.append((base, base + size, name, m))
            self._modules = mods
        return self._modules

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


# --- the kdview requests ---

def frame_item(k, i, f):
    d = {"type": "frame", "index": i}
    pc = f.pc
    d["pc"] = "%x" % pc
    put(d, "sp", lambda: "%x" % (f.sp if hasattr(f, "sp") else f.register("rsp")))
    put(d, "name", lambda: getattr(f, "name", None))
    put(d, "inline", lambda: bool(f.is_inline))
    put(d, "interrupted", lambda: bool(f.interrupted))
    try:
        src = f.source()
        d["file"], d["line"] = src[0], src[1]
        if len(src) > 2 and src[2]:
            d["column"] = src[2]
    except LookupError:
        pass
    except Exception as e:
        d.setdefault("errors", {})["source"] = describe(e)
    put(d, "module", lambda: k.module_at(pc)[0])
    try:
        sym = f.symbol()
        d["symbol"], d["offset"] = sym.name, pc - sym.address
    except LookupError:
        m = k.module_at(pc)[1] if "module" in d else None
        best = k.module_symbol(m, pc) if m is not None else None
        if best is not None:
            d["symbol"], d["offset"], d["symbolSource"] = best[2], pc - best[0], "module symtab"
    except Exception as e:
        d.setdefault("errors", {})["symbol"] = describe(e)
    return d


def emit_stack(k, doc, task, trace=None):
    head = {"type": "stack"}
    try:
        head.update(k.task_head(task))
        if trace is None:
            trace = k.prog.stack_trace(task)
    except Exception as e:
        head["error"] = describe(e)
        doc.emit(head)
        return
    doc.emit(head)
    for i, f in enumerate(trace):
        try:
            doc.emit(frame_item(k, i, f))
        except Exception as e:
            doc.emit({"type": "error", "what": "frame %d" % i, "error": describe(e)})


def req_crashed(k, doc, args):
    task, trace = k.crashed()
    emit_stack(k, doc, task, trace)


def req_bt(k, doc, args):
    if not args:
        raise ValueError("kdview:bt needs a PID or a task address (0x...)")
    import drgn

    missing = []
    for a in args:
        if a.lower().startswith("0x"):
            task = drgn.Object(k.prog, "struct task_struct *", value=int(a, 16))
        else:
            task = k.need("find_task")(k.prog, int(a))
            if not task:
                missing.append("no task with PID %s" % a)
                doc.emit({"type": "error", "what": "pid %s" % a, "error": missing[-1]})
                continue
        emit_stack(k, doc, task)
    if len(missing) == len(args):
        raise LookupError("; ".join(missing))


def req_bt_cpus(k, doc, args):
    for cpu in k.need("for_each_online_cpu")(k.prog):
        try:
            task = k.cpu_curr(cpu)
        except Exception as e:
            doc.emit({"type": "error", "what": "cpu %d" % cpu, "error": describe(e)})
            continue
        emit_stack(k, doc, task)


def req_tasks(k, doc, args):
    page = k.page_size()
    try:
        total = k.prog["_totalram_pages"].counter.value_()
    except (KeyError, LookupError, AttributeError):
        total = k.value("totalram_pages")
    curr = {}
    for cpu in k.need("for_each_online_cpu")(k.prog):
        put(curr, cpu, lambda: k.cpu_curr(cpu).value_())
    tasks = list(k.need("for_each_task")(k.prog))
    pending = {}
    put(pending, "rss", k.pending_rss, tasks)
    for task in tasks:
        try:
            d = {"type": "task"}
            d.update(k.task_head(task))
            put(d, "ppid", lambda: task.real_parent.pid.value_())
            put(d, "kthread", lambda: bool(task.flags.value_() & PF_KTHREAD))
            d["active"] = curr.get(d.get("cpu")) == task.value_()
            mm = task.mm
            if mm:
                put(d, "rssParts", lambda: k.rss_pages(mm, pending.get("rss", {})))
                put(d, "vsz", lambda: mm.total_vm.value_() * page // 1024)
                if "rssParts" in d:
                    d["rss"], d["rssShmem"] = sum(d["rssParts"]) * page // 1024, d.pop("rssParts")[2] * page // 1024
                    d["mem"] = round(d["rss"] * 1024 / page * 100 / total, 1)
            else:
                d["rss"] = d["vsz"] = d["mem"] = d["rssShmem"] = 0
            doc.emit(d)
        except Exception as e:
            doc.emit({"type": "error", "what": "task %x" % task.value_(), "error": describe(e)})


def log_item(r):
    d = {"type": "log", "ts": r.timestamp // 1000 / 1e6, "text": text(r.text), "level": r.level, "seq": r.seq}
    if r.facility:
        d["facility"] = r.facility
    if getattr(r, "caller_tid", None) is not None:
        d["caller"] = "T%d" % r.caller_tid
    elif getattr(r, "caller_cpu", None) is not None:
        d["caller"] = "C%d" % r.caller_cpu
    if getattr(r, "continuation", False):
        d["cont"] = True
    if getattr(r, "context", None):
        d["dict"] = {text(a): text(b) for a, b in r.context.items()}
    return d


def req_log(k, doc, args):
    for r in k.need("get_printk_records")(k.prog):
        doc.emit(log_item(r))


def panic_message(k):
    heads, panic = None, None
    for r in k.need("get_printk_records")(k.prog):
        t = text(r.text).split("\n", 1)[0].strip()
        if heads is None and any(t.startswith(h) for h in OOPS_HEADS):
            heads = t
        elif t.startswith("Kernel panic - not syncing"):
            panic = t
    return heads or panic


def format_uptime(s):
    d, s = divmod(int(s), 86400)
    t = "%02d:%02d:%02d" % (s // 3600, s // 60 % 60, s % 60)
    return "%d days, %s" % (d, t) if d else t


def format_memory(b):
    mb = b / 1048576
    t = ("%.1f GB" % (b / 1073741824)) if mb >= 1000 else ("%.1f MB" % mb)
    return t.replace(".0 ", " ")


def req_sys(k, doc, args):
    p, d = k.prog, {"type": "sys"}
    uts = p["init_uts_ns"].name
    for f in ("sysname", "nodename", "release", "version", "machine"):
        put(d, f, lambda: text(getattr(uts, f).string_()))
    put(d, "cpus", lambda: len(list(k.need("for_each_present_cpu")(p))))
    put(d, "cpusOnline", lambda: len(list(k.need("for_each_online_cpu")(p))))
    put(d, "hz", k.hz)
    if "hz" in d:  # jiffies start at INITIAL_JIFFIES = (u32)(-300 * HZ)
        put(d, "uptimeSeconds", lambda: (k.value("jiffies_64") - (2**32 - 300 * d["hz"])) // d["hz"])
    if "uptimeSeconds" in d:
        d["uptime"] = format_uptime(d["uptimeSeconds"])
    put(d, "dateSeconds", lambda: p["tk_core"].timekeeper.xtime_sec.value_())
    if "dateSeconds" in d:
        d["date"] = time.strftime("%a %b %e %H:%M:%S %Z %Y", time.localtime(d["dateSeconds"]))

    def load(x):
        x += 2048 // 200
        return float("%d.%02d" % (x >> 11, ((x & 2047) * 100) >> 11))

    put(d, "loadAverage", lambda: [load(x.value_()) for x in p["avenrun"]])
    put(d, "memoryBytes", lambda: present_pages(k) * k.page_size())
    if "memoryBytes" in d:
        d["memory"] = format_memory(d["memoryBytes"])
    put(d, "mhz", lambda: k.value("cpu_khz") // 1000)
    put(d, "tasks", lambda: sum(1 for _ in k.need("for_each_task")(p)))
    put(d, "panic", panic_message, k)
    try:
        task, _ = k.crashed()
        d["panicTask"] = k.task_head(task)
    except Exception as e:
        d.setdefault("errors", {})["panicTask"] = describe(e)
    import drgn

    d["drgn"] = getattr(drgn, "__version__", None)
    doc.emit(d)


def present_pages(k):
    try:
        nodes = [k.prog["contig_page_data"]]
    except KeyError:  # NUMA kernels: node_data[] of the possible nodes
        node_data = k.prog["node_data"]
        nodes = [node_data[i][0] for i in range(k.value("nr_node_ids")) if node_data[i]]
    return sum(n.node_present_pages.value_() for n in nodes)


def requests(k):
    table = {"sys": req_sys, "tasks": req_tasks, "log": req_log, "crashed": req_crashed,
             "bt": req_bt, "bt-cpus": req_bt_cpus, "hangs": kdview_hangs.req_hangs}
    return {name: (lambda fn: lambda doc, args: fn(k, doc, args))(fn) for name, fn in table.items()}


class Context:
    def __init__(self, prog):
        self.prog = prog
        self.ns = console_globals(prog)
        self.requests = requests(Kernel(prog))


def pair_mismatch(prog):
    """Why the vmlinux is not the kernel of the dump (drgn loads such pairs silently), or None."""
    try:
        dump = text(prog["UTS_RELEASE"].string_())  # from the dump's vmcoreinfo
    except Exception:
        return None
    try:
        mine = text(prog["init_uts_ns"].name.release.string_())  # read through the vmlinux's symbols
    except Exception as e:
        mine = "unreadable (%s)" % describe(e)
    if mine == dump:
        return None
    seen = repr(mine[:40]) if mine.isprintable() else "unreadable bytes"
    return "vmlinux and dump do not match: the dump is Linux %s, but its release read through this vmlinux is %s" % (dump, seen)


def serve(prog):
    mismatch = pair_mismatch(prog)
    if mismatch:
        sys.exit("error: " + mismatch)
    setup_tty()
    signal.signal(signal.SIGINT, on_sigint)
    sys.stdin = open(os.devnull)  # user code reading stdin gets EOF, never kdview's requests
    try:
        sys.stdout.reconfigure(errors="backslashreplace")
        sys.stderr.reconfigure(errors="backslashreplace")
    except Exception:
        pass
    try:
        import pydoc

        pydoc.pager = pydoc.plainpager  # help() must never start a pager
    except Exception:
        pass
    set_default_prog = helper("drgn", "set_default_prog")
    if set_default_prog is not None:
        set_default_prog(prog)
    sys.displayhook = console_displayhook()
    ctx = Context(prog)
    info = {"protocol": PROTOCOL, "drgn": helper("drgn", "__version__"), "python": sys.version.split()[0],
            "missing": missing_helpers()}
    write_raw(marker("READY") + " " + json.dumps(info) + "\n")
    while True:
        req = read_request()
        if req is None or req.get("op") == "quit":
            return
        respond(req, ctx)


if __name__ == "__main__":
    if "prog" not in globals():
        sys.exit("kdview_drgn.py runs inside drgn: drgn --core=DUMP --symbols=VMLINUX kdview_drgn.py")
    serve(prog)  # noqa: F821  (drgn passes prog to its scripts)
