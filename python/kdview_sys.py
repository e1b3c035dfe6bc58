# kdview's drgn helper, the kdview:sys request: what crash's `sys` shows.
import time

from kdview_kernel import OOPS_HEADS
from kdview_util import describe, put, text

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
    put(d, "taintMask", lambda: k.value("tainted_mask"))
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


