"""Rewrite a student's Python source without running it: statement spans, blanking, names.

Used to make a single-file submission (or a notebook's code) importable as the
curriculum's modules. Every edit keeps the line count of the file (a statement is
commented out, or replaced by ``pass`` or by a string spanning its lines), so the
line numbers of tracebacks stay the student's. The source is only parsed (``ast``),
never compiled to bytecode or executed here.
"""

import ast
import builtins
import collections
import codecs
import io
import tokenize

__all__ = ["Source", "rewrite_single", "statement_lists", "bound_names", "eager_refs", "runnable",
           "shallow_walk", "target_names", "DUNDERS"]

_MARK = b"# (grader) "
DUNDERS = frozenset({"__name__", "__doc__", "__file__", "__builtins__", "__spec__", "__loader__",
                     "__package__", "__annotations__", "__cached__", "__dict__"})
_KNOWN = frozenset(dir(builtins)) | DUNDERS


class Source:
    """UTF-8 Python source (bytes), parsed, with byte-exact statement spans.

    Raises ValueError if it is not UTF-8 (a coding cookie naming another encoding) and
    SyntaxError (or RecursionError, MemoryError) if it does not parse. ``text``: data is a
    str (a notebook cell), parsed as such.
    """

    def __init__(self, data, *, text=False):
        if text:   # a notebook cell: text already, a coding comment means nothing
            data = data.encode("utf-8")
        else:
            try:
                encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
            except SyntaxError as exc:
                raise ValueError(str(exc)) from None
            if codecs.lookup(encoding).name not in ("utf-8", "utf-8-sig"):
                raise ValueError(f"encoded as {encoding}")
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")   # what import does (universal newlines)
        self.data = data
        self.tree = ast.parse(data.decode("utf-8") if text else data)
        self._starts = [0]
        at = data.find(b"\n")
        while at >= 0:
            self._starts.append(at + 1)
            at = data.find(b"\n", at + 1)

    def span(self, node):
        """(start, end) byte offsets of a statement (decorators included)."""
        start = self._starts[node.lineno - 1] + node.col_offset
        decorators = getattr(node, "decorator_list", ())
        if decorators:   # the "@" of the first decorator, which starts its line (after the indentation)
            line = self._starts[min(d.lineno for d in decorators) - 1]
            start = min(start, self.data.index(b"@", line))
        return start, self._starts[node.end_lineno - 1] + node.end_col_offset

    def blank(self, node, *, text=None):
        """An edit (start, end, bytes) removing a statement, keeping the line count.

        A top-level statement owning its lines is commented out; any other becomes
        ``pass`` (one line) or a string literal spanning its lines. ``text`` (one line,
        a statement) replaces it instead, padded the same way.
        """
        start, end = self.span(node)
        removed = self.data[start:end]
        newlines = removed.count(b"\n")
        line_end = self.data.find(b"\n", end)
        rest = self.data[end:] if line_end < 0 else self.data[end:line_end]
        at_line_start = start == 0 or self.data[start - 1:start] == b"\n"
        if text is None and at_line_start and (not rest.strip() or rest.strip().startswith(b"#")):
            return start, end, b"\n".join(_MARK + line for line in removed.split(b"\n"))
        head = text if text is not None else b"pass"
        if newlines:
            return start, end, head + b'; """' + b"\n" * newlines + b'"""'
        return start, end, head

    def apply(self, edits):
        """The source with the edits applied; an edit inside another one's span is dropped."""
        pieces, done = [], 0
        for start, end, text in sorted(edits, key=lambda e: (e[0], -e[1])):
            if start < done:
                continue
            pieces += [self.data[done:start], text]
            done = end
        pieces.append(self.data[done:])
        return b"".join(pieces)


def statement_lists(tree):
    """Every statement run at import time: the module's, and those inside its if/try/with/for
    blocks, never those inside function or class bodies."""
    todo = collections.deque([tree.body])
    while todo:
        body = todo.popleft()
        for node in body:
            yield node
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                continue
            for name in ("body", "orelse", "finalbody"):
                inner = getattr(node, name, None)
                if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                    todo.append(inner)
            for handler in getattr(node, "handlers", ()):
                todo.append(handler.body)
            for case in getattr(node, "cases", ()):
                todo.append(case.body)


def target_names(target):
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from target_names(element)
    elif isinstance(target, ast.Starred):
        yield from target_names(target.value)
    elif isinstance(target, (ast.Subscript, ast.Attribute)):   # x[...] = ..., x.a = ...: changes x
        base = target.value
        while isinstance(base, (ast.Subscript, ast.Attribute)):
            base = base.value
        if isinstance(base, ast.Name):
            yield base.id


def bound_names(node):
    """Names a statement binds (or changes) in the module's namespace; "*" for a star import."""
    names = set()
    for inner in shallow_walk(node):
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(inner.name)
        elif isinstance(inner, ast.Import):
            names.update((a.asname or a.name.split(".")[0]) for a in inner.names)
        elif isinstance(inner, ast.ImportFrom):
            names.update((a.asname or a.name) for a in inner.names)
        elif isinstance(inner, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.For, ast.AsyncFor)):
            for target in getattr(inner, "targets", None) or [inner.target]:
                names.update(target_names(target))
        elif isinstance(inner, ast.withitem) and inner.optional_vars is not None:
            names.update(target_names(inner.optional_vars))
        elif isinstance(inner, ast.NamedExpr):
            names.update(target_names(inner.target))
        elif isinstance(inner, ast.ExceptHandler) and inner.name:
            names.add(inner.name)
    return names


def shallow_walk(node):
    """ast.walk, not descending into function, lambda or class bodies (a def binds only its name)."""
    todo = [node]
    while todo:
        current = todo.pop()
        yield current
        if current is not node and isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef,
                                                         ast.ClassDef, ast.Lambda)):
            continue
        todo.extend(ast.iter_child_nodes(current))


def eager_refs(node):
    """Names a statement reads when it runs (function bodies run later: only their
    decorators, defaults and annotations count; class bodies run at once)."""
    names, todo = set(), [node]
    while todo:
        current = todo.pop()
        if isinstance(current, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            arguments = current.args
            todo.extend(arguments.defaults)
            todo.extend(d for d in arguments.kw_defaults if d is not None)
            if not isinstance(current, ast.Lambda):
                todo.extend(current.decorator_list)
                if current.returns is not None:
                    todo.append(current.returns)
                for arg in arguments.posonlyargs + arguments.args + arguments.kwonlyargs + \
                        [a for a in (arguments.vararg, arguments.kwarg) if a is not None]:
                    if arg.annotation is not None:
                        todo.append(arg.annotation)
            continue
        if isinstance(current, ast.Name) and isinstance(current.ctx, ast.Load):
            names.add(current.id)
        todo.extend(ast.iter_child_nodes(current))
    return names


def runnable(statements, *, binds=bound_names, reads=eager_refs):
    """For statements run in order, each without those before it found unrunnable: does it
    read, when it runs, only names bound before it (or by itself, or builtins)?
    binds, reads: bound_names and eager_refs, or lookups of their results."""
    bound, verdicts = set(_KNOWN), []
    for node in statements:
        local = binds(node)
        verdicts.append(not (reads(node) - bound - local))
        if verdicts[-1]:
            bound |= local
    return verdicts


def _calls_get_ipython(node):
    """The statement itself (not the blocks it holds) calls get_ipython()."""
    own = [value for field, value in ast.iter_fields(node)
           if field not in ("body", "orelse", "finalbody", "handlers", "cases")]
    for value in own:
        for part in value if isinstance(value, list) else [value]:
            if isinstance(part, ast.AST) and any(
                    isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "get_ipython"
                    for n in shallow_walk(part)):
                return True
    return False


def rewrite_single(data, modules):
    """Make one file holding every module's functions importable as those modules.

    - ``from <module> import a, b`` of a curriculum module (any of ``modules``), run at
      import time, is removed: in one file the names are already in its namespace, and the
      line would fail if it comes before the definitions (``from lstm import GATES`` before
      ``GATES = ...``). Aliased names (``import a as b``) are kept in the statement.
    - statements calling ``get_ipython()`` (IPython's, left by notebook exports) are removed.
    - ``from __future__`` imports not at the start (legal only there) are moved to a first
      line; only then does the file gain a line.

    Returns (source bytes, names bound at top level or None when unknown: the file does not
    parse, is not UTF-8, or star-imports something).
    """
    try:
        source = Source(data)
    except (ValueError, SyntaxError, RecursionError, MemoryError):
        return data, None
    edits, star = [], False
    futures = [n for n in statement_lists(source.tree)
               if isinstance(n, ast.ImportFrom) and n.module == "__future__"]
    misplaced = any(_future_misplaced(source.tree.body)) or any(n not in source.tree.body for n in futures)
    for node in statement_lists(source.tree):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in modules:
            if any(a.name == "*" for a in node.names):
                edits.append(source.blank(node))
                continue
            aliased = [a for a in node.names if a.asname and a.asname != a.name]
            if not aliased:
                edits.append(source.blank(node))
            elif len(aliased) < len(node.names):
                kept = ", ".join(f"{a.name} as {a.asname}" for a in aliased)
                edits.append(source.blank(node, text=f"from {node.module} import {kept}".encode()))
        elif isinstance(node, ast.ImportFrom) and node.module == "__future__" and misplaced:
            edits.append(source.blank(node))
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) \
                and _calls_get_ipython(node):
            edits.append(source.blank(node))
        elif isinstance(node, ast.ImportFrom) and any(a.name == "*" for a in node.names) \
                and node.module != "__future__":
            star = True
    if not edits:
        return source.data, None if star else set().union(*map(bound_names, source.tree.body))
    rewritten = source.apply(edits)
    if misplaced:
        features = sorted({a.name for n in futures for a in n.names})
        rewritten = b"from __future__ import " + ", ".join(features).encode() + b"\n" + rewritten
    try:
        tree = ast.parse(rewritten)
    except (SyntaxError, RecursionError, MemoryError, ValueError):   # never make it worse
        return data, None
    if star:
        return rewritten, None
    names = set()
    for node in tree.body:
        names |= bound_names(node)
    return rewritten, names


def _is_docstring(node):
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _future_misplaced(body):
    """Yield True for each ``from __future__`` import that is not in the leading block."""
    leading = True
    for i, node in enumerate(body):
        if isinstance(node, ast.ImportFrom) and node.module == "__future__":
            if not leading:
                yield True
        elif not (i == 0 and _is_docstring(node)):
            leading = False
