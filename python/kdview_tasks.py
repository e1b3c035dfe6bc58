# kdview's drgn helper, the kdview:tasks and kdview:log requests.
from kdview_kernel import PF_KTHREAD
from kdview_util import describe, put, text

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


