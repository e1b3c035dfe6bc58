# kdview's drgn helper, the framed request loop: reading requests from the
# tty, cancelling with Ctrl-C, and writing answers framed by per-session
# markers (see kdview_drgn.py for the protocol).
import json
import os
import select
import sys
import time

from kdview_console import run_snippet
from kdview_util import describe

NONCE = os.environ.get("KDVIEW_DRGN_NONCE", "")
PROTOCOL = 1


class State:
    interruptible = False  # a request's code is running: Ctrl-C raises KeyboardInterrupt in it
    sigint = False  # a Ctrl-C arrived while no request code was running
    buf = b""  # what has been read from the tty and not used yet


def marker(tag):
    return "@@KDV_%s_%s@@" % (tag, NONCE)


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


