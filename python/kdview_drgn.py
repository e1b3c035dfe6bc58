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
#
# The helper is split into modules beside this file: kdview_proto (framing),
# kdview_console (snippets), kdview_kernel (reading the kernel across drgn
# releases), kdview_sys, kdview_tasks and kdview_stacks (the requests).
import json
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import kdview_hangs  # noqa: E402  (the hang analysis, kdview:hangs)
from kdview_console import console_displayhook, console_globals  # noqa: E402
from kdview_kernel import Kernel, missing_helpers  # noqa: E402
from kdview_proto import PROTOCOL, marker, on_sigint, read_request, respond, setup_tty, write_raw  # noqa: E402
from kdview_stacks import req_bt, req_bt_cpus, req_crashed  # noqa: E402
from kdview_sys import req_sys  # noqa: E402
from kdview_tasks import req_log, req_tasks  # noqa: E402
from kdview_util import describe, helper, text  # noqa: E402


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
