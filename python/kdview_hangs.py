# kdview's hang analysis inside drgn: for every task in D state (and, with the
# argument "all", every sleeping task), the object it waits on, read from the
# blocking frame's variables: its kind, address, a human name from the object
# that contains it, and the raw owner word. Owners are followed (queued for
# the same analysis) so chains of locks come out whole. kdview decodes the
# owner words and builds the graph (src/core/analysis/hangs-*.ts).
# Works on drgn 0.0.22 and later; every lookup that fails is skipped.
import drgn

STATE_CODES = {"R": "RU", "S": "IN", "D": "UN", "T": "ST", "t": "TR", "X": "DE", "Z": "ZO", "P": "PA", "I": "ID"}
MASK64 = (1 << 64) - 1
MAX_FRAMES = 24  # the blocking frame is near the top; no need to read whole stacks
MAX_OWNERS = 64  # owners followed beyond the waiting tasks
# Waiting tasks read at most (as crash's collection): a storage hang can leave thousands in D state,
# the first few hundred name the locks, and each costs an unwind.
MAX_WAITERS = 256

# Blocking functions: (kind, variable names holding the lock, wait mode)
WAITS = [
    (("rwsem_down_write_slowpath", "rwsem_down_write_failed", "__rwsem_down_write_failed_common",
      "rwsem_down_write_failed_killable"), "rwsem", ("sem",), "write"),
    (("rwsem_down_read_slowpath", "rwsem_down_read_failed", "__rwsem_down_read_failed_common",
      "rwsem_down_read_failed_killable"), "rwsem", ("sem",), "read"),
    (("__mutex_lock", "__mutex_lock_common", "__mutex_lock_slowpath", "__mutex_lock_killable_slowpath",
      "__mutex_lock_interruptible_slowpath", "mutex_lock", "mutex_lock_killable", "mutex_lock_interruptible",
      "__ww_mutex_lock", "mutex_lock_io"), "mutex", ("lock",), None),
    (("percpu_rwsem_wait", "__percpu_down_read", "percpu_down_write", "percpu_down_read"), "percpu-rwsem", ("sem",), None),
    (("__down_common", "__down", "__down_interruptible", "__down_killable", "__down_timeout", "down",
      "down_interruptible", "down_killable", "down_timeout"), "semaphore", ("sem",), None),
    (("do_wait_for_common", "__wait_for_common", "wait_for_common", "wait_for_common_io", "wait_for_completion",
      "wait_for_completion_io", "wait_for_completion_timeout", "wait_for_completion_killable",
      "wait_for_completion_interruptible", "wait_for_completion_io_timeout",
      "wait_for_completion_killable_timeout", "wait_for_completion_interruptible_timeout"), "completion", ("x",), None),
    (("folio_wait_bit_common", "folio_wait_bit", "folio_wait_bit_killable", "__folio_lock", "__folio_lock_killable",
      "folio_wait_writeback", "wait_on_page_bit_common", "__lock_page", "wait_on_page_writeback"), "folio",
     ("folio", "page"), None),
    (("__wait_on_buffer", "__lock_buffer", "wait_on_buffer"), "buffer", ("bh",), None),
]
WAIT_BY_NAME = {n: (kind, names, mode) for names_, kind, names, mode in WAITS for n in names_}
WAITQUEUE_VARS = ("wq_head", "wq", "q", "wait_queue", "waitq")


def base_name(name):
    return name.split(".", 1)[0] if name else name


def state_code(k, task):
    try:
        return STATE_CODES.get(k.need("task_state_to_char")(task), "??")
    except Exception:
        return "??"


def variable(frame, name):
    try:
        v = frame[name]
    except (KeyError, LookupError, ValueError):
        return None
    except Exception:
        return None
    try:
        if v.absent_ or not v.value_():
            return None
    except Exception:
        return None
    return v


def pointer_to(prog, obj, typename):
    """obj (a pointer or a struct) as a pointer to typename."""
    try:
        if obj.type_.kind == drgn.TypeKind.POINTER:
            addr = obj.value_()
        else:
            addr = obj.address_of_().value_()
        return drgn.Object(prog, typename + " *", value=addr)
    except Exception:
        return None


def find_wait(prog, frames):
    """(frame index, kind, lock pointer or None, mode, via) for the first blocking frame found."""
    for i, f in enumerate(frames):
        name = base_name(getattr(f, "name", None))
        hit = WAIT_BY_NAME.get(name)
        if hit is None:
            continue
        kind, names, mode = hit
        for j in range(i, min(i + 4, len(frames))):  # the variable may only survive in a caller
            for var in names:
                v = variable(frames[j], var)
                if v is None:
                    continue
                if kind == "mutex" and "ww_mutex" in str(v.type_):
                    v = v.base.address_of_()
                if kind == "percpu-rwsem" and j == i:
                    try:
                        r = frames[j]["reader"]
                        if not r.absent_:
                            mode = "read" if r.value_() else "write"
                    except Exception:
                        pass
                return i, kind, v, mode, "frame variable %s of %s" % (var, base_name(frames[j].name))
        return i, kind, None, mode, None
    for i, f in enumerate(frames):  # a wait queue in any frame: wait_event*() and friends
        for var in WAITQUEUE_VARS:
            v = variable(f, var)
            if v is not None and "wait_queue_head" in str(v.type_):
                return i, "waitqueue", v, None, "frame variable %s of %s" % (var, base_name(f.name))
    return None


# --- naming the object a lock lives in ---

def mount_of(prog, sb):
    try:
        from drgn.helpers.linux.fs import for_each_mount

        for mnt in for_each_mount(prog):
            if mnt.mnt.mnt_sb.value_() == sb.value_():
                return mnt
    except Exception:
        pass
    return None


def inode_name(prog, inode):
    """'/data/db.log on vdb' (or 'inode 12 on vdb')."""
    from drgn.helpers.linux.fs import d_path

    sb = inode.i_sb
    sid = sb.s_id.string_().decode("utf-8", "replace")
    where = "inode %d on %s" % (inode.i_ino.value_(), sid)
    try:
        first = inode.i_dentry.first
        if first:
            dentry = drgn.container_of(first, "struct dentry", "d_u.d_alias")
            mnt = mount_of(prog, sb)
            if mnt is not None:
                path = d_path(mnt.mnt.address_of_(), dentry).decode("utf-8", "replace")
            else:
                from drgn.helpers.linux.fs import dentry_path

                path = dentry_path(dentry).decode("utf-8", "replace")
            return "%s on %s" % (path, sid)
    except Exception:
        pass
    return where


def sb_writers_name(sb, sem_addr):
    sid = sb.s_id.string_().decode("utf-8", "replace")
    frozen = sb.s_writers.frozen.value_()
    levels = ["SB_UNFROZEN", "SB_FREEZE_WRITE", "SB_FREEZE_PAGEFAULT", "SB_FREEZE_FS", "SB_FREEZE_COMPLETE"]
    name = "s_writers of %s" % sid
    evidence = None
    if frozen:
        evidence = "%s is frozen (s_writers.frozen = %s): a freeze (FIFREEZE, fsfreeze, a snapshot) was never thawed" % (
            sid, levels[frozen] if frozen < len(levels) else frozen)
    return name, evidence


def name_in(prog, kind, ptr, container, member):
    """A name for the lock at ptr, inside container (a struct pointer) at member."""
    typ = container.type_.type if container.type_.kind == drgn.TypeKind.POINTER else container.type_
    t = typ.unqualified().type_name()
    try:
        if t == "struct inode":
            return "%s of %s" % (member, inode_name(prog, container)), None
        if t == "struct file":
            from drgn.helpers.linux.fs import d_path

            return "%s of the open file %s" % (member, d_path(container.f_path.address_of_()).decode("utf-8", "replace")), None
        if t == "struct super_block":
            if member.startswith("s_writers"):
                return sb_writers_name(container, ptr)
            return "%s of %s" % (member, container.s_id.string_().decode("utf-8", "replace")), None
        if t == "struct pipe_inode_info":
            return "pipe mutex", None
        if t == "struct mm_struct":
            owner = ""
            try:
                owner = " of %s (PID %d)" % (container.owner.comm.string_().decode(), container.owner.pid.value_())
            except Exception:
                pass
            return "%s of mm %x%s" % (member, container.value_(), owner), None
        if t == "struct address_space":
            return "%s of %s" % (member, inode_name(prog, container.host)), None
    except Exception:
        pass
    return "%s of %s %x" % (member, t, container.value_()), None


def member_at(typ, offset, size, prefix=""):
    """Dotted member name of typ at offset covering size bytes, or None."""
    try:
        members = typ.members
    except Exception:
        return None
    for m in members:
        if m.name is None:
            sub = member_at(m.type, offset - m.bit_offset // 8, size, prefix)
            if sub:
                return sub
            continue
        start = m.bit_offset // 8
        try:
            msize = drgn.sizeof(m.type)
        except Exception:
            continue
        if start == offset and msize >= size:
            return prefix + m.name
        if start <= offset < start + msize:
            inner = m.type.unqualified()
            while inner.kind == drgn.TypeKind.TYPEDEF:
                inner = inner.type
            if inner.kind == drgn.TypeKind.STRUCT:
                sub = member_at(inner, offset - start, size, prefix + m.name + ".")
                if sub:
                    return sub
            if inner.kind == drgn.TypeKind.ARRAY:
                return prefix + m.name
    return None


def struct_locals(frames, start):
    """Pointers to structs among the locals of the frames above the blocking one."""
    for f in frames[start:start + 8]:
        try:
            names = f.locals()
        except Exception:
            continue
        for n in names:
            v = variable(f, n)
            if v is None:
                continue
            try:
                if v.type_.kind == drgn.TypeKind.POINTER and v.type_.type.unqualified().kind == drgn.TypeKind.STRUCT:
                    yield v
            except Exception:
                continue


CONTAINERS = {
    "rwsem": (("struct inode", "i_rwsem"), ("struct mm_struct", "mmap_lock"), ("struct mm_struct", "mmap_sem"),
              ("struct super_block", "s_umount"), ("struct address_space", "i_mmap_rwsem")),
    "mutex": (("struct file", "f_pos_lock"), ("struct pipe_inode_info", "mutex"), ("struct inode", "i_mutex")),
    "percpu-rwsem": (),
}
SLAB_HINTS = {"inode": "struct inode", "mm_struct": "struct mm_struct", "filp": "struct file"}


def slab_of(prog, addr):
    try:
        from drgn.helpers.linux.slab import slab_object_info

        info = slab_object_info(prog, addr)
        if info is not None:
            return info.slab_cache.name.string_().decode(), info.address
    except Exception:
        pass
    return None, None


def name_lock(prog, kind, ptr, frames, start):
    """(name, evidence) of the lock at ptr."""
    addr = ptr.value_()
    size = drgn.sizeof(ptr.type_.type)
    for c in struct_locals(frames, start):  # 1. a struct in a caller's variables that contains it
        try:
            base, csize = c.value_(), drgn.sizeof(c.type_.type)
        except Exception:
            continue
        if base <= addr < base + csize and not (base == addr and csize == size):
            member = member_at(c.type_.type.unqualified(), addr - base, size)
            if member:
                return name_in(prog, kind, ptr, c, member)
    if kind == "percpu-rwsem":  # 2. the freeze locks of a superblock
        try:
            sbt = prog.type("struct super_block")
            for level in range(3):  # SB_FREEZE_LEVELS: write, page fault, fs
                off = drgn.offsetof(sbt, "s_writers.rw_sem[%d]" % level)
                sb = drgn.Object(prog, "struct super_block *", value=addr - off)
                if slab_of(prog, sb.value_())[0] is not None or sb.s_writers.rw_sem[level].address_of_().value_() == addr:
                    if sb.s_type and sb.s_id.string_():
                        name, ev = sb_writers_name(sb, addr)
                        return "%s (level %d)" % (name, level + 1), ev
        except Exception:
            pass
    cache, obj = slab_of(prog, addr)  # 3. known containers, checked against the slab cache
    for typename, member in CONTAINERS.get(kind, ()):
        try:
            c = drgn.container_of(ptr, typename, member)
        except Exception:
            continue
        hint = next((t for key, t in SLAB_HINTS.items() if cache and key in cache), None)
        if hint == typename or (cache is None and typename == "struct inode" and c.i_sb and c.i_sb.s_id.string_()):
            return name_in(prog, kind, ptr, c, member)
    return (None, None) if cache is None else ("a %s in a %s object" % ({"rwsem": "rw_semaphore"}.get(kind, kind), cache), None)


# --- one task ---

def frame_name(k, f):
    name = getattr(f, "name", None)
    if name:
        return name
    try:
        m = k.module_at(f.pc)[1]
        best = k.module_symbol(m, f.pc) if m is not None else None
        if best is not None:
            return best[2]
    except Exception:
        pass
    return "?"


def analyse(k, task, clock, curr):
    prog = k.prog
    d = {"type": "wait", "pid": task.pid.value_(), "comm": task.comm.string_().decode("utf-8", "replace"),
         "task": "%x" % task.value_(), "state": state_code(k, task)}
    d["active"] = task.value_() in curr
    try:
        d["sinceMs"] = max(0, clock - task.sched_info.last_arrival.value_()) // 1000000 if clock else None
    except Exception:
        pass
    if d.get("sinceMs") is None:
        d.pop("sinceMs", None)
    try:
        frames = []
        for f in prog.stack_trace(task):
            frames.append(f)
            if len(frames) >= MAX_FRAMES:
                break
    except Exception as e:
        d["stack"], d["note"] = [], "stack unreadable: %s" % e
        return d, []
    d["stack"] = [frame_name(k, f) for f in frames]
    found = find_wait(prog, frames)
    owners = []
    if found is None:
        return d, owners
    i, kind, ptr, mode, via = found
    d["waitFrame"] = i
    lock = {"kind": kind}
    if mode:
        lock["mode"] = mode
    if ptr is not None:
        lock["address"] = "%x" % ptr.value_()
        lock["via"] = via
        try:
            name, evidence = name_lock(prog, kind, ptr, frames, i)
            if name:
                lock["name"] = name
            if evidence:
                lock["evidence"] = evidence
        except Exception as e:
            lock["nameError"] = str(e)
        try:
            if kind in ("mutex", "rwsem"):
                try:
                    raw = ptr.owner.counter.value_()  # atomic_long_t (mutex 4.10+, rwsem 5.3+)
                except AttributeError:
                    raw = ptr.owner.value_()  # a task pointer (older kernels)
                lock["owner"] = "%x" % (raw & MASK64)
                owners.append(raw & MASK64 & ~7)
            if kind == "rwsem":
                try:
                    count = ptr.count.counter.value_()
                except AttributeError:
                    count = ptr.count.value_()
                lock["count"] = "%x" % (count & MASK64)
        except Exception as e:
            lock["ownerError"] = str(e)
    d["lock"] = lock
    return d, owners


def raw_state(t):
    try:
        return t.member_("__state").value_()  # 5.14+
    except LookupError:
        return t.state.value_()


def waiting(k, t, states):
    """Cheap first test on the raw state word (10,000 tasks), then the exact letter for the few that pass."""
    try:
        s = raw_state(t)
        if t.exit_state.value_():
            return False
        if not s & (0x2 | (0x1 if "IN" in states else 0)):
            return False
    except Exception:
        pass
    return state_code(k, t) in states


def rq_clock(k):
    best = 0
    try:
        for cpu in k.need("for_each_online_cpu")(k.prog):
            rq = k.need("per_cpu")(k.prog["runqueues"], cpu)
            best = max(best, rq.clock.value_())
    except Exception:
        pass
    return best


def req_hangs(k, doc, args):
    """kdview:hangs [all]: D-state tasks (or every sleeping task) and the owners they lead to."""
    prog = k.prog
    states = ("UN", "IN") if "all" in args else ("UN",)
    tasks = list(k.need("for_each_task")(prog))
    by_addr = {t.value_(): t for t in tasks}
    curr = set()
    for cpu in k.need("for_each_online_cpu")(prog):
        try:
            curr.add(k.cpu_curr(cpu).value_())
        except Exception:
            pass
    clock = rq_clock(k)
    queue = [t for t in tasks if t.value_() not in curr and waiting(k, t, states)]
    if len(queue) > MAX_WAITERS:
        doc.emit({"type": "limit", "waiting": len(queue), "read": MAX_WAITERS})
        queue = queue[:MAX_WAITERS]
    done = set(t.value_() for t in queue)
    followed = 0
    while queue:
        t = queue.pop(0)
        try:
            d, owners = analyse(k, t, clock, curr)
        except Exception as e:
            doc.emit({"type": "error", "what": "task %x" % t.value_(), "error": "%s: %s" % (type(e).__name__, e)})
            continue
        doc.emit(d)
        for o in owners:
            if o in by_addr and o not in done and followed < MAX_OWNERS:
                done.add(o)
                followed += 1
                queue.append(by_addr[o])
