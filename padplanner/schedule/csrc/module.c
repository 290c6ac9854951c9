/* The C engine's module: the Engine type (a compiled problem in plain arrays), reading
 * Python lists, and the method and function tables. See native.h for the whole engine. */
#include "native.h"

static void Engine_dealloc(Engine *self) {
    PyMem_Free(self->dur); /* one block for every per-task array and cap */
    PyMem_Free(self->pw_off); /* one block for the three offset arrays */
    PyMem_Free(self->pw_p);
    PyMem_Free(self->pw_w);
    PyMem_Free(self->sw_s);
    PyMem_Free(self->sw_w);
    PyMem_Free(self->dm_r);
    PyMem_Free(self->dm_q);
    PyMem_Free(self->used0); /* with used */
    PyMem_Free(self->pair_i); /* with pair_j and user_cap */
    PyMem_Free(self->user_off);
    PyMem_Free(self->user_task);
    PyMem_Free(self->user_q);
    PyMem_Free(self->level);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* Read a Python sequence of ints into dst[0..len). */
int read_longs(PyObject *seq, long *dst, Py_ssize_t len, const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast) return -1;
    if (PySequence_Fast_GET_SIZE(fast) != len) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd items", what, len);
        Py_DECREF(fast);
        return -1;
    }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t k = 0; k < len; k++) {
        long v = PyLong_AsLong(items[k]);
        if (v == -1 && PyErr_Occurred()) {
            Py_DECREF(fast);
            return -1;
        }
        dst[k] = v;
    }
    Py_DECREF(fast);
    return 0;
}

/* Flatten a list (one entry per task) of sequences of pairs into CSR arrays. */
int read_pairs(PyObject *seq, Py_ssize_t n, Py_ssize_t *off, long **a, long **b,
                      const char *what) {
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast) return -1;
    if (PySequence_Fast_GET_SIZE(fast) != n) {
        PyErr_Format(PyExc_ValueError, "%s: expected %zd items", what, n);
        Py_DECREF(fast);
        return -1;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t len = PyObject_Length(PySequence_Fast_GET_ITEM(fast, i));
        if (len < 0) {
            Py_DECREF(fast);
            return -1;
        }
        total += len;
    }
    *a = PyMem_Calloc(total + 1, sizeof(long));
    *b = PyMem_Calloc(total + 1, sizeof(long));
    if (!*a || !*b) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        off[i] = k;
        PyObject *row = PySequence_Fast(PySequence_Fast_GET_ITEM(fast, i), what);
        if (!row) {
            Py_DECREF(fast);
            return -1;
        }
        for (Py_ssize_t j = 0; j < PySequence_Fast_GET_SIZE(row); j++) {
            long pair[2];
            if (read_longs(PySequence_Fast_GET_ITEM(row, j), pair, 2, what) < 0) {
                Py_DECREF(row);
                Py_DECREF(fast);
                return -1;
            }
            (*a)[k] = pair[0];
            (*b)[k] = pair[1];
            k++;
        }
        Py_DECREF(row);
    }
    off[n] = k;
    Py_DECREF(fast);
    return 0;
}

/* Engine(dur, rel, every, start0, pin_end, horizon, pw, sw, dem, cap, used0, free) where
 * used0 lists, per resource, the pinned use per week from week 0 (already clipped), and free
 * the free tasks in precedence order. */
static int Engine_init(Engine *self, PyObject *args, PyObject *kwds) {
    PyObject *dur, *rel, *every, *start0, *pw, *sw, *dem, *cap, *used0, *free_;
    long pin_end, horizon;
    if (!PyArg_ParseTuple(args, "OOOOllOOOOOO", &dur, &rel, &every, &start0, &pin_end, &horizon,
                          &pw, &sw, &dem, &cap, &used0, &free_))
        return -1;
    if (self->dur) {
        PyErr_SetString(PyExc_RuntimeError, "Engine is already initialised");
        return -1;
    }
    Py_ssize_t n = PyObject_Length(dur), R = PyObject_Length(cap);
    if (n < 0 || R < 0) return -1;
    if (horizon < 0) horizon = 0;
    self->n = n;
    self->R = R;
    self->H = horizon;
    self->pin_end = pin_end;
    /* one block for the per-task longs: dur, rel, every, start0, start, order, lo, missing,
     * elig, free_, es, ls, best, key, list, prios (3), missing0, e2, l2, cur, held, isfree;
     * then cap */
    long *block = PyMem_Calloc(24 * (n + 1) + R + 1, sizeof(long));
    Py_ssize_t *offs = PyMem_Calloc(3 * (n + 1), sizeof(Py_ssize_t));
    long *profiles = PyMem_Calloc(2 * (size_t)horizon * R + 1, sizeof(long));
    if (!block || !offs || !profiles) {
        PyMem_Free(block);
        PyMem_Free(offs);
        PyMem_Free(profiles);
        PyErr_NoMemory();
        return -1;
    }
    self->dur = block;
    self->rel = block + (n + 1);
    self->every = block + 2 * (n + 1);
    self->start0 = block + 3 * (n + 1);
    self->start = block + 4 * (n + 1);
    self->order = block + 5 * (n + 1);
    self->lo = block + 6 * (n + 1);
    self->missing = block + 7 * (n + 1);
    self->elig = block + 8 * (n + 1);
    self->free_ = block + 9 * (n + 1);
    self->es = block + 10 * (n + 1);
    self->ls = block + 11 * (n + 1);
    self->best = block + 12 * (n + 1);
    self->key = block + 13 * (n + 1);
    self->list = block + 14 * (n + 1);
    self->prios = block + 15 * (n + 1);
    self->missing0 = block + 18 * (n + 1);
    self->e2 = block + 19 * (n + 1);
    self->l2 = block + 20 * (n + 1);
    self->cur = block + 21 * (n + 1);
    self->held = block + 22 * (n + 1);
    self->isfree = block + 23 * (n + 1);
    self->cap = block + 24 * (n + 1);
    self->pw_off = offs;
    self->sw_off = offs + (n + 1);
    self->dm_off = offs + 2 * (n + 1);
    self->used0 = profiles;
    self->used = profiles + (size_t)horizon * R;
    if (read_longs(dur, self->dur, n, "dur") < 0 || read_longs(rel, self->rel, n, "rel") < 0 ||
        read_longs(every, self->every, n, "every") < 0 ||
        read_longs(start0, self->start0, n, "start0") < 0 || read_longs(cap, self->cap, R, "cap") < 0)
        return -1;
    self->nfree = PyObject_Length(free_);
    if (self->nfree < 0 || self->nfree > n) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "free: too many tasks");
        return -1;
    }
    if (read_longs(free_, self->free_, self->nfree, "free") < 0) return -1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (self->every[i] < 1 || self->dur[i] < 0 || self->rel[i] < 0 || self->start0[i] < 0) {
            PyErr_SetString(PyExc_ValueError, "dur, rel, start0 must be >= 0 and every >= 1");
            return -1;
        }
    }
    if (read_pairs(pw, n, self->pw_off, &self->pw_p, &self->pw_w, "pw") < 0) return -1;
    if (read_pairs(sw, n, self->sw_off, &self->sw_s, &self->sw_w, "sw") < 0) return -1;
    if (read_pairs(dem, n, self->dm_off, &self->dm_r, &self->dm_q, "dem") < 0) return -1;
    for (Py_ssize_t k = 0; k < self->pw_off[n]; k++) {
        if (self->pw_p[k] < 0 || self->pw_p[k] >= n || self->pw_w[k] < 0) {
            PyErr_SetString(PyExc_ValueError, "pw: (predecessor, weeks >= 0) pairs");
            return -1;
        }
    }
    for (Py_ssize_t k = 0; k < self->sw_off[n]; k++) {
        if (self->sw_s[k] < 0 || self->sw_s[k] >= n) {
            PyErr_SetString(PyExc_ValueError, "sw: successor out of range");
            return -1;
        }
    }
    for (Py_ssize_t k = 0; k < self->dm_off[n]; k++) {
        if (self->dm_r[k] < 0 || self->dm_r[k] >= R) {
            PyErr_SetString(PyExc_ValueError, "dem: resource out of range of cap");
            return -1;
        }
    }
    for (Py_ssize_t k = 0; k < self->nfree; k++) {
        if (self->free_[k] < 0 || self->free_[k] >= n || self->isfree[self->free_[k]]) {
            PyErr_SetString(PyExc_ValueError, "free: task out of range or twice");
            return -1;
        }
        self->isfree[self->free_[k]] = 1;
    }
    PyObject *rows = PySequence_Fast(used0, "used0");
    if (!rows) return -1;
    if (PySequence_Fast_GET_SIZE(rows) != R && PySequence_Fast_GET_SIZE(rows) != 0) {
        Py_DECREF(rows);
        PyErr_SetString(PyExc_ValueError, "used0: one row per resource");
        return -1;
    }
    for (Py_ssize_t r = 0; r < PySequence_Fast_GET_SIZE(rows); r++) {
        PyObject *row = PySequence_Fast(PySequence_Fast_GET_ITEM(rows, r), "used0");
        if (!row) {
            Py_DECREF(rows);
            return -1;
        }
        for (Py_ssize_t w = 0; w < PySequence_Fast_GET_SIZE(row) && w < horizon; w++) {
            long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(row, w));
            if (v == -1 && PyErr_Occurred()) {
                Py_DECREF(row);
                Py_DECREF(rows);
                return -1;
            }
            self->used0[w * R + r] = v;
        }
        Py_DECREF(row);
    }
    Py_DECREF(rows);
    return 0;
}

/* Read a list of task numbers into self->order; returns its length or -1. */
Py_ssize_t read_order(Engine *self, PyObject *order) {
    PyObject *fast = PySequence_Fast(order, "order");
    if (!fast) return -1;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(fast);
    if (m > self->n) {
        Py_DECREF(fast);
        PyErr_SetString(PyExc_ValueError, "order is longer than the problem");
        return -1;
    }
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t k = 0; k < m; k++) {
        long v = PyLong_AsLong(items[k]);
        if (v < 0 || v >= self->n) {
            Py_DECREF(fast);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_IndexError, "task out of range");
            return -1;
        }
        self->order[k] = v;
    }
    Py_DECREF(fast);
    return m;
}

PyObject *list_of(const long *values, Py_ssize_t n) {
    PyObject *out = PyList_New(n);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyLong_FromLong(values[i]);
        if (!v) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, v);
    }
    return out;
}

static PyMethodDef Engine_methods[] = {
    {"forward", (PyCFunction)Engine_forward, METH_O,
     "forward(order) -> (starts, makespan): serial schedule generation, earliest starts."},
    {"backward", (PyCFunction)Engine_backward, METH_VARARGS,
     "backward(order, deadline, es) -> starts or None: latest starts ending by deadline."},
    {"run", (PyCFunction)Engine_run, METH_VARARGS,
     "run(order, stop, passes, budget, es) -> (starts, makespan, passes at it, passes)."},
    {"local", (PyCFunction)Engine_local, METH_VARARGS,
     "local(best, best_ms, stop, passes, budget, es, improved_at) -> (starts or None, "
     "makespan, improved at, passes): the critical-task local search."},
    {"priority", (PyCFunction)Engine_priority, METH_VARARGS,
     "priority(prio, missing0) -> order: the free tasks, best priority first."},
    {"reverse", (PyCFunction)Engine_reverse, METH_O,
     "reverse(prio) -> order: the free tasks in reverse precedence order."},
    {"resource_bound", (PyCFunction)Engine_resource_bound, METH_VARARGS,
     "resource_bound(es, q) -> the energy and clique lower bounds."},
    {"rules", (PyCFunction)Engine_rules, METH_VARARGS,
     "rules(es, q) -> [lft, lst, mts, grpw, mslk]: the classic priority values."},
    {"set_refuter_here", (PyCFunction)Engine_set_refuter_here, METH_NOARGS,
     "set_refuter_here(): set_refuter with the users and pairs worked out here."},
    {"heads", (PyCFunction)Engine_heads, METH_NOARGS, "heads() -> earliest starts."},
    {"latest_starts", (PyCFunction)Engine_latest_starts, METH_O,
     "latest_starts(deadline) -> latest starts to end by deadline."},
    {"tails", (PyCFunction)Engine_tails, METH_NOARGS, "tails() -> tails."},
    {"free_succ", (PyCFunction)Engine_free_succ, METH_NOARGS,
     "free_succ() -> (free successors, free predecessors waited for)."},
    {"samples", (PyCFunction)Engine_samples, METH_VARARGS,
     "samples(prios, rand, missing0, k, stop, passes, budget, es, best_ms, improved_at, "
     "stale) -> (starts or None, makespan, passes at it, passes, k): the sampling loop."},
    {"sample", (PyCFunction)Engine_sample, METH_VARARGS,
     "sample(prio, rand, missing0) -> order: regret-biased random sampling."},
    {"set_refuter", (PyCFunction)Engine_set_refuter, METH_VARARGS,
     "set_refuter(users, pairs): what propagate needs besides the tasks."},
    {"refute", (PyCFunction)Engine_refute, METH_VARARGS,
     "refute(es, ls, budget) -> (refuted, rounds): propagation, then shaving."},
    {"propagate", (PyCFunction)Engine_propagate, METH_VARARGS,
     "propagate(es, ls) -> rounds (negative: a window emptied); narrows the lists in place."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject EngineType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "padplanner.schedule._native.Engine",
    .tp_basicsize = sizeof(Engine),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A compiled problem's serial schedule generation in C.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Engine_init,
    .tp_dealloc = (destructor)Engine_dealloc,
    .tp_methods = Engine_methods,
};

static PyMethodDef native_functions[] = {
    {"compile", native_compile, METH_VARARGS,
     "compile(tasks, order, capacity) -> the lists of compile_problem."},
    {"part", native_part, METH_VARARGS,
     "part(group, ids, dur, rel, every, preds, pw, sw, dem, cap, resources) -> the lists of "
     "compile_part."},
    {"split", native_split, METH_VARARGS,
     "split(dur, dem, cap, free, pw) -> groups: the parts of a problem (parts.split)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef native_module = {
    PyModuleDef_HEAD_INIT, "_native", "padplanner's scheduler hot loops in C.", -1,
    native_functions,
};

PyMODINIT_FUNC PyInit__native(void) {
    if (PyType_Ready(&EngineType) < 0) return NULL;
    if (native_intern_names() < 0) return NULL;
    PyObject *m = PyModule_Create(&native_module);
    if (!m) return NULL;
    Py_INCREF(&EngineType);
    if (PyModule_AddObject(m, "Engine", (PyObject *)&EngineType) < 0) {
        Py_DECREF(&EngineType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
