# kdview's drgn helper, the console: user snippets run like lines typed at
# drgn's >>> prompt, with drgn's own globals and display hook when it has them.
import ast
import importlib
import linecache
import sys
import traceback

from kdview_util import helper

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


