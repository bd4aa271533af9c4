"""Returned values that lie, are not arrays, or are arrays of the wrong kind.

Only plain finite numbers of exactly the expected shape cross to the grader; a lie
told by a method (__eq__, __sub__, __array_ufunc__) stays behind in the child.
"""

from . import EXERCISE, rnn

HOSTILE = [
    dict(name="lying_ndarray_subclass", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        class Liar(np.ndarray):
            def __eq__(self, other):
                return np.ones(self.shape, bool)

            __le__ = __ge__ = __eq__

            def __ne__(self, other):
                return np.zeros(self.shape, bool)

            __lt__ = __gt__ = __ne__

            def __sub__(self, other):
                return np.zeros(self.shape)

            __rsub__ = __sub__

            def __abs__(self):
                return np.zeros(self.shape)

            def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
                shape = np.broadcast_shapes(*(np.shape(i) for i in inputs))
                return np.ones(shape, bool) if ufunc.nout == 1 and ufunc.types[0][-1] == "?" \\
                    else np.zeros(shape)

            def __array_function__(self, func, types, args, kwargs):
                return True

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            return ys.view(Liar), hs.view(Liar)
        """), description="An ndarray subclass whose comparisons, subtraction and ufuncs all say 'equal': "
                          "it is converted to a plain array of its (wrong) data."),

    dict(name="lying_object", exercise=EXERCISE, overrides=rnn("""
        class Anything:
            shape = property(lambda self: self._shape)
            dtype = "float64"

            def __init__(self, shape):
                self._shape = shape

            def __eq__(self, other):
                return True

            def __sub__(self, other):
                return 0.0

            __rsub__ = __sub__
            __abs__ = lambda self: 0.0
            __float__ = lambda self: 0.0
            __len__ = lambda self: self._shape[0]
            __getitem__ = lambda self, i: self
            __lt__ = __le__ = __gt__ = __ge__ = __eq__

            def __array__(self, *args, **kwargs):
                raise TypeError("I am whatever you compare me with")

        def elman_forward(xs, params, *args, **kwargs):
            T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
            return Anything((T, K)), Anything((T, H))
        """), description="An object equal to everything, with a shape and a length, that refuses to become "
                          "an array: not a numeric array."),

    dict(name="object_array_always_equal", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        class Equal:
            __eq__ = lambda self, other: True
            __ne__ = lambda self, other: False
            __sub__ = __rsub__ = lambda self, other: 0.0
            __abs__ = lambda self: 0.0
            __float__ = lambda self: float("nan")

        def elman_forward(xs, params, *args, **kwargs):
            T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
            ys, hs = np.empty((T, K), object), np.empty((T, H), object)
            ys[...] = Equal()
            hs[...] = Equal()
            return ys, hs
        """), description="Object-dtype arrays of always-equal objects: refused (dtype object)."),

    dict(name="fully_masked_array", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            return (np.ma.array(np.full(ys.shape, np.nan), mask=True),
                    np.ma.array(np.full(hs.shape, np.nan), mask=True))
        """), description="Fully masked arrays (masked comparisons are vacuously true) over NaN data: the mask "
                          "is dropped, the NaNs are refused."),

    dict(name="lying_float64_list", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        class Liar(np.float64):
            __eq__ = lambda self, other: True
            __ne__ = lambda self, other: False
            __sub__ = __rsub__ = lambda self, other: Liar(0.0)
            __abs__ = lambda self: Liar(0.0)
            __le__ = __lt__ = lambda self, other: True

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _wrong(xs, params)
            return ([[Liar(v) for v in row] for row in ys], [[Liar(v) for v in row] for row in hs])
        """), description="Nested lists of np.float64 subclasses that equal everything: numpy converts "
                          "them to their (wrong) float values."),

    dict(name="nan_output", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            return np.full(ys.shape, np.nan), np.full(hs.shape, np.nan)
        """), description="NaN everywhere (NaN != NaN makes some comparisons vacuous): refused as not finite."),

    dict(name="inf_output", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            ys, hs = ys.copy(), hs.copy()
            ys[0, 0] = np.inf
            hs[-1, -1] = -np.inf
            return ys, hs
        """), description="Correct values with one inf in each: refused as not finite."),

    dict(name="ragged_lists", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            return [list(r) + [0.0] * t for t, r in enumerate(ys)], [list(r)[:t + 1] for t, r in enumerate(hs)]
        """), description="Ragged nested lists built from correct values: not an array."),

    dict(name="random_output", exercise=EXERCISE, may_pass=("contract", "order_matters"), overrides=rnn("""
        import numpy as np

        def elman_forward(xs, params, *args, **kwargs):
            T, H, K = len(xs), params["W_hh"].shape[0], params["W_hy"].shape[0]
            return np.random.standard_normal((T, K)), np.random.standard_normal((T, H))
        """), description="Fresh random values of the right shapes. May pass order_matters, which only asks "
                          "that two outputs differ (noise does), and the contract check."),

    dict(name="broadcastable_wrong_shape", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            return ys[-1], hs[-1:]
        """), description="The last step's correct values, shapes (K,) and (1, H), which broadcast against "
                          "(T, K) and (T, H) in a comparison: the shape must match exactly."),

    dict(name="wrong_dtypes", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        _kinds = [lambda a: a.astype(complex), lambda a: a != 0, lambda a: a.astype(str),
                  lambda a: a.astype("datetime64[s]"), lambda a: a.view(np.uint8)]
        _n = [0]

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            convert = _kinds[_n[0] % len(_kinds)]
            _n[0] += 1
            return convert(ys), convert(hs)
        """), description="Correct values as complex, bool, str, datetime64 and raw bytes, in turn: not "
                          "plain numbers of the expected shape."),

    dict(name="huge_return", exercise=EXERCISE, overrides=rnn("""
        import numpy as np

        def elman_forward(*args, **kwargs):
            big = np.ones((2100, 2100))              # 2 x 35 MB: above the largest reply the grader reads
            return big, big
        """), description="A 70 MB reply: refused by its announced size before it is read."),

    dict(name="reduce_object", exercise=EXERCISE, overrides=rnn("""
        import os

        class Evil:
            def __reduce__(self):
                return (open, ("/tmp/pwned-@NAME@-unpickled", "w"))

        def elman_forward(*args, **kwargs):
            return Evil(), Evil()
        """), description="Returns objects whose unpickling would create a file: replies are never pickles."),

    dict(name="reduce_object_in_list", exercise=EXERCISE, overrides=rnn("""
        class Evil:
            def __reduce__(self):
                return (open, ("/tmp/pwned-@NAME@-unpickled", "w"))

        def elman_forward(xs, params, *args, **kwargs):
            ys, hs = _correct_elman_forward(xs, params, *args, **kwargs)
            return [list(r) + [Evil()] for r in ys], [Evil()] + list(hs)
        """), description="The same objects hidden inside lists of correct values."),

    dict(name="dict_instead_of_tuple", exercise=EXERCISE, overrides=rnn("""
        def elman_forward(*args, **kwargs):
            ys, hs = _correct_elman_forward(*args, **kwargs)
            return {"ys": ys, "hs": hs}
        """), description="Correct values in a dict instead of the (ys, hs) tuple: iterating it gives the keys."),
]
