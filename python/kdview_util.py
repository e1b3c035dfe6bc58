# Small shared pieces of kdview's drgn helper: looking helpers up across drgn
# releases, and recording a failure instead of raising it.
import importlib


def describe(e):
    return "%s: %s" % (type(e).__name__, e)


def helper(module, name):
    """A drgn helper by name, or None when this drgn has none."""
    try:
        return getattr(importlib.import_module(module), name)
    except Exception:
        return None


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
