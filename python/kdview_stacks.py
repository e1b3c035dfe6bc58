# kdview's drgn helper, stacks: the kdview:crashed, kdview:bt and
# kdview:bt-cpus requests, one item per frame.
from kdview_util import describe, put

def frame_name(f):
    """The function's name from debug info; drgn 0.0.31 gives "0x..." (the pc) where 0.0.22 gave None."""
    name = getattr(f, "name", None)
    if name is None or (name.startswith("0x") and all(c in "0123456789abcdefABCDEF" for c in name[2:])):
        return None
    return name


def frame_item(k, i, f):
    d = {"type": "frame", "index": i}
    pc = f.pc
    d["pc"] = "%x" % pc
    put(d, "sp", lambda: "%x" % (f.sp if hasattr(f, "sp") else f.register("rsp")))
    put(d, "name", frame_name, f)
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


