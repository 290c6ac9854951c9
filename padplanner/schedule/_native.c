/* The scheduler's hot loops in C: serial schedule generation, forward and backward.
 *
 * An optional accelerator for padplanner.schedule.sgs. It computes exactly what the Python
 * passes compute (the earliest, or latest, start on a task's calendar where its demand fits
 * every week), so a schedule never depends on whether this module was built: the test suite
 * runs both and compares them. Plain arrays replace the Python version's big-int profiles.
 *
 * Built at install time by hatch_build.py; padplanner falls back to Python without it.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t n;      /* tasks */
    Py_ssize_t R;      /* resources */
    long H;            /* horizon: weeks from H on are never checked nor recorded */
    long pin_end;
    long *dur, *rel, *every, *start0;
    Py_ssize_t *pw_off, *sw_off, *dm_off;
    long *pw_p, *pw_w, *sw_s, *sw_w, *dm_r, *dm_q;
    long *cap;
    long *used0; /* H * R, week-major: the pinned tasks' use, clipped at the capacity */
    long *used;  /* scratch profile */
    long hi;     /* weeks of used that may be non-zero beyond the pinned use */
    long *start; /* scratch starts */
    long *order; /* scratch list */
    long *lo;    /* scratch earliest starts */
    long *missing, *elig; /* scratch for sample */
    long *best, *key, *list; /* scratch for run */
    long *prios, *missing0;  /* sampling: three priority lists, missing predecessors */
    long *e2, *l2;           /* shaving: windows on trial */
    long *cur, *held, *isfree; /* local search: its best, held-back tasks; free or pinned */
    /* propagation (set_refuter): free tasks, pairs that cannot overlap, resources that bind */
    Py_ssize_t nfree, npairs, nusers;
    long *free_, *pair_i, *pair_j;
    long *user_cap;
    Py_ssize_t *user_off; /* tasks of user resource u: user_task/user_q[user_off[u]..] */
    long *user_task, *user_q;
    long *es, *ls;     /* windows being narrowed */
    long *level;       /* a resource's compulsory profile per week */
    Py_ssize_t nlevel; /* weeks allocated in level */
} Engine;

static inline long floor_mod(long a, long b) {
    long m = a % b;
    return m < 0 ? m + b : m;
}

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
static int read_longs(PyObject *seq, long *dst, Py_ssize_t len, const char *what) {
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
static int read_pairs(PyObject *seq, Py_ssize_t n, Py_ssize_t *off, long **a, long **b,
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
static Py_ssize_t read_order(Engine *self, PyObject *order) {
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

static PyObject *list_of(const long *values, Py_ssize_t n) {
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

/* Start a pass: the profile back to the pinned use, clearing only the weeks the last pass
 * touched (a cohort's horizon can be far longer than its schedules). */
static void reset(Engine *self) {
    const Py_ssize_t R = self->R;
    long pinned = self->pin_end < self->H ? self->pin_end : self->H;
    memcpy(self->used, self->used0, (size_t)pinned * R * sizeof(long));
    if (self->hi > pinned)
        memset(self->used + (size_t)pinned * R, 0, (size_t)(self->hi - pinned) * R * sizeof(long));
    self->hi = pinned;
    memcpy(self->start, self->start0, self->n * sizeof(long));
}

static inline void place(Engine *self, long i, long t) {
    long end = t + self->dur[i];
    if (end > self->H) end = self->H;
    if (end > self->hi) self->hi = end;
    const Py_ssize_t R = self->R;
    for (Py_ssize_t k = self->dm_off[i]; k < self->dm_off[i + 1]; k++) {
        long r = self->dm_r[k], q = self->dm_q[k];
        for (long w = t < 0 ? 0 : t; w < end; w++) self->used[w * R + r] += q;
    }
}

/* The forward pass over order[0..m) into self->start; returns the makespan. */
static long forward_pass(Engine *self, const long *order, Py_ssize_t m) {
    const Py_ssize_t R = self->R;
    const long H = self->H;
    reset(self);
    long ms = self->pin_end;
    long *start = self->start, *used = self->used, *cap = self->cap;
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = order[k];
        long rel = self->rel[i], e = self->every[i], d = self->dur[i];
        long t = rel;
        for (Py_ssize_t a = self->pw_off[i]; a < self->pw_off[i + 1]; a++) {
            long v = start[self->pw_p[a]] + self->pw_w[a];
            if (v > t) t = v;
        }
        if (e != 1) {
            long r = (t - rel) % e;
            if (r) t += e - r;
        }
        Py_ssize_t d0 = self->dm_off[i], d1 = self->dm_off[i + 1];
        if (d0 < d1) {
            for (;;) { /* jump past the last week that does not fit, until all fit */
                long lim = t + d < H ? t + d : H;
                long bad = -1;
                for (long w = lim - 1; w >= t && bad < 0; w--) {
                    const long *row = used + w * R;
                    for (Py_ssize_t a = d0; a < d1; a++) {
                        if (row[self->dm_r[a]] + self->dm_q[a] > cap[self->dm_r[a]]) {
                            bad = w;
                            break;
                        }
                    }
                }
                if (bad < 0) break;
                t = bad + 1;
                if (e != 1) {
                    long r = (t - rel) % e;
                    if (r) t += e - r;
                }
            }
            place(self, i, t);
        }
        start[i] = t;
        if (t + d > ms) ms = t + d;
    }
    return ms;
}

/* The backward pass over order[0..m) into self->start, no task before self->lo (its
 * earliest start); 0, or -1 when a task does not fit by then. */
static int backward_pass(Engine *self, const long *order, Py_ssize_t m, long deadline) {
    const Py_ssize_t R = self->R;
    const long H = self->H;
    reset(self);
    long *start = self->start, *used = self->used, *cap = self->cap;
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = order[k];
        long rel = self->rel[i], e = self->every[i], d = self->dur[i];
        long t = deadline - d;
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long v = start[self->sw_s[a]] - self->sw_w[a];
            if (v < t) t = v;
        }
        if (e != 1) t -= floor_mod(t - rel, e);
        long lo = self->lo[i];
        if (t < lo) return -1;
        Py_ssize_t d0 = self->dm_off[i], d1 = self->dm_off[i + 1];
        if (d0 < d1) {
            for (;;) { /* end before the first week that does not fit, until all fit */
                long lim = t + d < H ? t + d : H;
                long bad = -1;
                for (long w = t < 0 ? 0 : t; w < lim && bad < 0; w++) {
                    const long *row = used + w * R;
                    for (Py_ssize_t a = d0; a < d1; a++) {
                        if (row[self->dm_r[a]] + self->dm_q[a] > cap[self->dm_r[a]]) {
                            bad = w;
                            break;
                        }
                    }
                }
                if (bad < 0) break;
                t = bad - d;
                if (e != 1) t -= floor_mod(t - rel, e);
                if (t < lo) return -1;
            }
            place(self, i, t);
        }
        start[i] = t;
    }
    return 0;
}

/* forward(order) -> (starts, makespan) */
static PyObject *Engine_forward(Engine *self, PyObject *order) {
    Py_ssize_t m = read_order(self, order);
    if (m < 0) return NULL;
    long ms = forward_pass(self, self->order, m);
    PyObject *starts = list_of(self->start, self->n);
    if (!starts) return NULL;
    return Py_BuildValue("(Nl)", starts, ms);
}

/* backward(order, deadline, es) -> starts, or None when a task cannot be placed by its es */
static PyObject *Engine_backward(Engine *self, PyObject *args) {
    PyObject *order, *es;
    long deadline;
    if (!PyArg_ParseTuple(args, "OlO", &order, &deadline, &es)) return NULL;
    Py_ssize_t m = read_order(self, order);
    if (m < 0) return NULL;
    if (read_longs(es, self->lo, self->n, "es") < 0) return NULL;
    if (backward_pass(self, self->order, m, deadline) < 0) Py_RETURN_NONE;
    return list_of(self->start, self->n);
}

/* The free tasks into out, stably sorted by key (descending if desc), from the list from. */
static void sort_by(const long *from, Py_ssize_t m, const long *key, int desc, long *out) {
    for (Py_ssize_t k = 0; k < m; k++) {
        long x = from[k], v = key[x];
        Py_ssize_t p = k;
        while (p > 0 && (desc ? key[out[p - 1]] < v : key[out[p - 1]] > v)) {
            out[p] = out[p - 1];
            p--;
        }
        out[p] = x;
    }
}

/* heuristic._Search.run for problems without negative lags: a forward pass over
 * order[0..m), then forward-backward improvement while it shortens the schedule, the makespan
 * is above stop and two more passes fit the budget. The last (best) schedule is left in
 * self->best; *at is the pass that made it. Needs self->lo = the earliest starts. */
static long run_core(Engine *self, const long *order, Py_ssize_t m, long stop, long *passes,
                     long budget, long *at) {
    const Py_ssize_t n = self->n, nf = self->nfree;
    long *best = self->best, *key = self->key, *list = self->list;
    long ms = forward_pass(self, order, m);
    *passes += 1;
    *at = *passes;
    memcpy(best, self->start, n * sizeof(long));
    while (ms > stop && *passes + 2 <= budget) {
        for (Py_ssize_t i = 0; i < n; i++) key[i] = best[i] + self->dur[i];
        for (Py_ssize_t k = 0; k < nf; k++) self->elig[k] = self->free_[nf - 1 - k];
        sort_by(self->elig, nf, key, 1, list); /* latest end first */
        int failed = backward_pass(self, list, nf, ms);
        *passes += 1;
        if (failed) break;
        memcpy(key, self->start, n * sizeof(long));
        sort_by(self->free_, nf, key, 0, list); /* earliest start first */
        long ms2 = forward_pass(self, list, nf);
        *passes += 1;
        if (ms2 >= ms) break;
        ms = ms2;
        *at = *passes;
        memcpy(best, self->start, n * sizeof(long));
    }
    return ms;
}

/* run(order, stop, passes, budget, es) -> (starts, makespan, passes at it, passes) */
static PyObject *Engine_run(Engine *self, PyObject *args) {
    PyObject *order, *es;
    long stop, passes, budget, at;
    if (!PyArg_ParseTuple(args, "OlllO", &order, &stop, &passes, &budget, &es)) return NULL;
    Py_ssize_t m = read_order(self, order);
    if (m < 0) return NULL;
    if (read_longs(es, self->lo, self->n, "es") < 0) return NULL;
    long ms = run_core(self, self->order, m, stop, &passes, budget, &at);
    PyObject *starts = list_of(self->best, self->n);
    if (!starts) return NULL;
    return Py_BuildValue("(Nlll)", starts, ms, at, passes);
}

/* ---- propagation: see propagate.py, whose rules these are, step for step ---------------- */

/* set_refuter(users, pairs): users is [(cap, [(task, demand), ...]), ...] */
static PyObject *Engine_set_refuter(Engine *self, PyObject *args) {
    PyObject *users, *pairs;
    if (!PyArg_ParseTuple(args, "OO", &users, &pairs)) return NULL;
    if (self->pair_i) Py_RETURN_NONE; /* set before: it depends on the problem alone */
    Py_ssize_t np = PyObject_Length(pairs), nu = PyObject_Length(users);
    if (np < 0 || nu < 0) return NULL;
    /* pair_i, pair_j, user_cap in one block */
    long *block = PyMem_Calloc(2 * np + nu + 1, sizeof(long));
    Py_ssize_t *uoff = PyMem_Calloc(nu + 1, sizeof(Py_ssize_t));
    if (!block || !uoff) {
        PyMem_Free(block);
        PyMem_Free(uoff);
        PyErr_NoMemory();
        return NULL;
    }
    self->pair_i = block;
    self->pair_j = block + np;
    self->user_cap = block + 2 * np;
    self->user_off = uoff;
    self->npairs = np;
    self->nusers = nu;
    PyObject *fast = PySequence_Fast(pairs, "pairs");
    if (!fast) return NULL;
    for (Py_ssize_t k = 0; k < np; k++) {
        long pair[2];
        if (read_longs(PySequence_Fast_GET_ITEM(fast, k), pair, 2, "pairs") < 0) {
            Py_DECREF(fast);
            return NULL;
        }
        self->pair_i[k] = pair[0];
        self->pair_j[k] = pair[1];
    }
    Py_DECREF(fast);
    /* users: caps here, task lists flattened as the pair lists are */
    PyObject *ufast = PySequence_Fast(users, "users");
    if (!ufast) return NULL;
    PyObject *lists = PyList_New(nu);
    if (!lists) {
        Py_DECREF(ufast);
        return NULL;
    }
    for (Py_ssize_t u = 0; u < nu; u++) {
        PyObject *item = PySequence_Fast_GET_ITEM(ufast, u);
        PyObject *capo = NULL, *tasks = NULL;
        if (!PyArg_ParseTuple(item, "OO", &capo, &tasks)) {
            Py_DECREF(lists);
            Py_DECREF(ufast);
            return NULL;
        }
        self->user_cap[u] = PyLong_AsLong(capo);
        Py_INCREF(tasks);
        PyList_SET_ITEM(lists, u, tasks);
    }
    Py_DECREF(ufast);
    int bad = read_pairs(lists, nu, self->user_off, &self->user_task, &self->user_q, "users");
    Py_DECREF(lists);
    if (bad < 0 || PyErr_Occurred()) return NULL;
    for (Py_ssize_t k = 0; k < np; k++) {
        if (self->pair_i[k] < 0 || self->pair_i[k] >= self->n || self->pair_j[k] < 0 ||
            self->pair_j[k] >= self->n) {
            PyErr_SetString(PyExc_ValueError, "pairs: task out of range");
            return NULL;
        }
    }
    for (Py_ssize_t k = 0; k < self->user_off[nu]; k++) {
        if (self->user_task[k] < 0 || self->user_task[k] >= self->n) {
            PyErr_SetString(PyExc_ValueError, "users: task out of range");
            return NULL;
        }
    }
    Py_RETURN_NONE;
}

static inline long up(const Engine *self, long i, long t) {
    long rel = self->rel[i];
    if (t < rel) return rel;
    long e = self->every[i], m = (t - rel) % e;
    return m ? t + e - m : t;
}

static inline long down(const Engine *self, long i, long t) {
    return t - floor_mod(t - self->rel[i], self->every[i]);
}

/* Time-tabling on every constraining resource: 1 if a window narrowed, 0 if not, -1 if one
 * emptied, -2 on a memory error. */
static int timetable(Engine *self, long *es, long *ls) {
    long *dur = self->dur;
    int changed = 0;
    for (Py_ssize_t u = 0; u < self->nusers; u++) {
        long cap = self->user_cap[u];
        Py_ssize_t a0 = self->user_off[u], a1 = self->user_off[u + 1];
        long weeks = 0, any = 0;
        for (Py_ssize_t a = a0; a < a1; a++) {
            long i = self->user_task[a];
            if (es[i] + dur[i] > weeks) weeks = es[i] + dur[i];
            if (ls[i] < es[i] + dur[i]) any = 1;
        }
        if (!any) continue;
        if (weeks + 1 > self->nlevel) {
            PyMem_Free(self->level);
            self->nlevel = 2 * (weeks + 1);
            self->level = PyMem_Calloc(self->nlevel, sizeof(long));
            if (!self->level) {
                self->nlevel = 0;
                return -2;
            }
        }
        long *level = self->level;
        memset(level, 0, (weeks + 1) * sizeof(long));
        for (Py_ssize_t a = a0; a < a1; a++) {
            long i = self->user_task[a], q = self->user_q[a];
            long lo = ls[i], hi = es[i] + dur[i];
            if (lo < 0) lo = 0;
            for (long w = lo; w < hi; w++) level[w] += q;
        }
        long peak = 0;
        for (long w = 0; w < weeks; w++)
            if (level[w] > peak) peak = level[w];
        if (peak > cap) return -1;
        for (Py_ssize_t a = a0; a < a1; a++) {
            long i = self->user_task[a], q = self->user_q[a], d = dur[i];
            if (peak + q <= cap) continue;
            long own0 = ls[i], own1 = es[i] + d; /* the task's own compulsory part */
#define BAD(w) ((w) >= 0 && (w) < weeks && level[w] > 0 && level[w] + q > cap && \
                !((w) >= own0 && (w) < own1))
            long t = es[i];
            for (;;) {
                long hit = -1;
                for (long w = t + d - 1; w >= t; w--)
                    if (BAD(w)) {
                        hit = w;
                        break;
                    }
                if (hit < 0) break;
                t = up(self, i, hit + 1);
                if (t > ls[i]) return -1;
            }
            if (t != es[i]) {
                es[i] = t;
                changed = 1;
            }
            t = ls[i];
            for (;;) {
                long hit = -1;
                for (long w = t; w < t + d; w++)
                    if (BAD(w)) {
                        hit = w;
                        break;
                    }
                if (hit < 0) break;
                t = down(self, i, hit - d);
                if (t < es[i]) return -1;
            }
#undef BAD
            if (t != ls[i]) {
                ls[i] = t;
                changed = 1;
            }
        }
    }
    return changed;
}

/* Narrow the windows es/ls to a fixpoint: the rounds spent (> 0), or -rounds when a window
 * emptied, or 0 with an exception set. */
static long propagate_windows(Engine *self, long *es, long *ls) {
    long *dur = self->dur;
    long rounds = 0;
    for (;;) {
        rounds++;
        int changed = 0;
        for (Py_ssize_t k = 0; k < self->nfree; k++) {
            long i = self->free_[k], t = es[i];
            for (Py_ssize_t a = self->pw_off[i]; a < self->pw_off[i + 1]; a++) {
                long v = es[self->pw_p[a]] + self->pw_w[a];
                if (v > t) t = v;
            }
            if (t > es[i]) es[i] = up(self, i, t);
        }
        for (Py_ssize_t k = self->nfree - 1; k >= 0; k--) {
            long i = self->free_[k], t = ls[i];
            for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
                long v = ls[self->sw_s[a]] - self->sw_w[a];
                if (v < t) t = v;
            }
            if (t < ls[i]) ls[i] = down(self, i, t);
            if (ls[i] < es[i]) return -rounds;
        }
        for (Py_ssize_t k = 0; k < self->npairs; k++) {
            long i = self->pair_i[k], j = self->pair_j[k], first, then;
            if (es[i] + dur[i] > ls[j]) {
                if (es[j] + dur[j] > ls[i]) return -rounds;
                first = j;
                then = i;
            } else if (es[j] + dur[j] > ls[i]) {
                first = i;
                then = j;
            } else {
                continue;
            }
            long t = es[first] + dur[first];
            if (t > es[then]) {
                es[then] = up(self, then, t);
                changed = 1;
            }
            t = ls[then] - dur[first];
            if (t < ls[first]) {
                ls[first] = down(self, first, t);
                changed = 1;
            }
            if (es[then] > ls[then] || es[first] > ls[first]) return -rounds;
        }
        if (!changed) {
            int tt = timetable(self, es, ls);
            if (tt == -2) {
                PyErr_NoMemory();
                return 0;
            }
            if (tt == -1) return -rounds;
            if (tt == 0) return rounds;
        }
    }
}

/* propagate(es, ls) -> rounds, or -rounds when a window emptied; on success the narrowed
 * windows are written back into the two lists. */
static PyObject *Engine_propagate(Engine *self, PyObject *args) {
    PyObject *es, *ls;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &es, &PyList_Type, &ls)) return NULL;
    if (!self->pair_i) {
        PyErr_SetString(PyExc_RuntimeError, "set_refuter first");
        return NULL;
    }
    if (read_longs(es, self->es, self->n, "es") < 0 || read_longs(ls, self->ls, self->n, "ls") < 0)
        return NULL;
    long rounds = propagate_windows(self, self->es, self->ls);
    if (rounds == 0) return NULL;
    if (rounds > 0) {
        for (Py_ssize_t k = 0; k < self->nfree; k++) {
            long i = self->free_[k];
            PyObject *a = PyLong_FromLong(self->es[i]), *b = PyLong_FromLong(self->ls[i]);
            if (!a || !b) {
                Py_XDECREF(a);
                Py_XDECREF(b);
                return NULL;
            }
            PyList_SetItem(es, i, a);
            PyList_SetItem(ls, i, b);
        }
    }
    return PyLong_FromLong(rounds);
}

/* refute(es, ls, budget) -> (refuted, rounds): propagate.Refuter.refutes on the initial
 * windows es/ls (to end by a deadline): True if a window empties, by propagation or by
 * shaving (a first or last week of a window that alone empties another window is removed),
 * within budget propagation rounds; the rounds spent. */
static PyObject *Engine_refute(Engine *self, PyObject *args) {
    PyObject *eso, *lso;
    long budget;
    if (!PyArg_ParseTuple(args, "OOl", &eso, &lso, &budget)) return NULL;
    if (!self->pair_i) {
        PyErr_SetString(PyExc_RuntimeError, "set_refuter first");
        return NULL;
    }
    long *es = self->es, *ls = self->ls, *e2 = self->e2, *l2 = self->l2;
    const size_t bytes = self->n * sizeof(long);
    if (read_longs(eso, es, self->n, "es") < 0 || read_longs(lso, ls, self->n, "ls") < 0)
        return NULL;
    for (Py_ssize_t k = 0; k < self->nfree; k++)
        if (es[self->free_[k]] > ls[self->free_[k]]) return Py_BuildValue("(Ol)", Py_True, 0L);
    long used = 0, r = propagate_windows(self, es, ls);
    if (r == 0) return NULL;
    used += labs(r);
    if (r < 0) return Py_BuildValue("(Ol)", Py_True, used);
    int again = 1;
    while (again && used < budget) {
        again = 0;
        for (Py_ssize_t k = 0; k < self->nfree; k++) {
            long i = self->free_[k];
            if (self->dur[i] <= 0) continue;
            for (int side = 0; side < 2; side++) {
                while (es[i] < ls[i] && used < budget) {
                    memcpy(e2, es, bytes);
                    memcpy(l2, ls, bytes);
                    if (side == 0)
                        l2[i] = es[i];
                    else
                        e2[i] = ls[i];
                    r = propagate_windows(self, e2, l2);
                    if (r == 0) return NULL;
                    used += labs(r);
                    if (r > 0) break;
                    if (side == 0)
                        es[i] = up(self, i, es[i] + 1);
                    else
                        ls[i] = down(self, i, ls[i] - 1);
                    again = 1;
                    r = propagate_windows(self, es, ls);
                    if (r == 0) return NULL;
                    used += labs(r);
                    if (r < 0) return Py_BuildValue("(Ol)", Py_True, used);
                }
            }
        }
    }
    return Py_BuildValue("(Ol)", Py_False, used);
}

/* 1 if tasks a and b use a resource in common. */
static int share(const Engine *self, long a, long b) {
    for (Py_ssize_t x = self->dm_off[a]; x < self->dm_off[a + 1]; x++)
        for (Py_ssize_t y = self->dm_off[b]; y < self->dm_off[b + 1]; y++)
            if (self->dm_r[x] == self->dm_r[y]) return 1;
    return 0;
}

/* heuristic._Search.delayed: the critical tasks of schedule start that resources (not
 * predecessors) hold back, latest start first, into out; returns how many. */
static Py_ssize_t delayed(Engine *self, const long *start, long *out) {
    const Py_ssize_t n = self->n, nf = self->nfree;
    long *stack = self->key, *seen = self->e2; /* free scratch while local runs */
    long end = 0;
    Py_ssize_t top = 0, found = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (start[i] + self->dur[i] > end) end = start[i] + self->dur[i];
    memset(seen, 0, n * sizeof(long));
    for (Py_ssize_t k = 0; k < nf; k++) {
        long i = self->free_[k];
        if (start[i] + self->dur[i] == end) {
            stack[top++] = i;
            seen[i] = 1;
        }
    }
    while (top) {
        long j = stack[--top];
        long rel = self->rel[j], e = self->every[j], t = rel;
        for (Py_ssize_t a = self->pw_off[j]; a < self->pw_off[j + 1]; a++) {
            long v = start[self->pw_p[a]] + self->pw_w[a];
            if (v > t) t = v;
        }
        long raw = t;
        if (e != 1 && (t - rel) % e) t += e - (t - rel) % e;
        if (start[j] > t) {
            long first = start[j] - e;
            out[found++] = j;
            for (Py_ssize_t k = 0; k < nf; k++) {
                long b = self->free_[k];
                if (start[b] < start[j] && start[b] + self->dur[b] > first && share(self, b, j) &&
                    !seen[b]) {
                    seen[b] = 1;
                    stack[top++] = b;
                }
            }
        } else if (raw > rel) {
            for (Py_ssize_t a = self->pw_off[j]; a < self->pw_off[j + 1]; a++) {
                long p = self->pw_p[a];
                if (start[p] + self->pw_w[a] == raw && self->isfree[p] && !seen[p]) {
                    seen[p] = 1;
                    stack[top++] = p;
                }
            }
        }
    }
    /* latest start first, stable */
    for (Py_ssize_t k = 1; k < found; k++) {
        long x = out[k];
        Py_ssize_t p = k;
        while (p > 0 && start[out[p - 1]] < start[x]) {
            out[p] = out[p - 1];
            p--;
        }
        out[p] = x;
    }
    return found;
}

/* heuristic._Search.promoted: the free tasks by start (stable) with j moved up to just after
 * its last free predecessor in that list, into out. */
static void promoted(Engine *self, const long *start, long j, long *out) {
    const Py_ssize_t nf = self->nfree;
    long *sorted = self->l2;
    sort_by(self->free_, nf, start, 0, sorted);
    Py_ssize_t m = 0, pos = 0;
    for (Py_ssize_t k = 0; k < nf; k++) {
        long i = sorted[k];
        if (i == j) continue;
        out[m++] = i;
        for (Py_ssize_t a = self->pw_off[j]; a < self->pw_off[j + 1]; a++) {
            if (self->pw_p[a] == i) {
                pos = m;
                break;
            }
        }
    }
    for (Py_ssize_t k = m; k > pos; k--) out[k] = out[k - 1];
    out[pos] = j;
}

/* local(best, best_ms, stop, passes, budget, es, improved_at)
 *   -> (starts or None, makespan, improved at, passes)
 * heuristic._Search.local for problems without negative lags: move held-back critical tasks
 * of the best schedule up its list while that helps; starts is None if nothing helped. */
static PyObject *Engine_local(Engine *self, PyObject *args) {
    PyObject *besto, *es;
    long best_ms, stop, passes, budget, improved_at;
    if (!PyArg_ParseTuple(args, "OllllOl", &besto, &best_ms, &stop, &passes, &budget, &es,
                          &improved_at))
        return NULL;
    const Py_ssize_t n = self->n;
    long *cur = self->cur, *held = self->held, *order = self->order;
    if (read_longs(besto, cur, n, "best") < 0 || read_longs(es, self->lo, n, "es") < 0)
        return NULL;
    int changed = 0, improved = 1;
    while (improved && best_ms > stop && passes < budget) {
        improved = 0;
        Py_ssize_t count = delayed(self, cur, held);
        for (Py_ssize_t k = 0; k < count; k++) {
            if (best_ms <= stop || passes >= budget) break;
            promoted(self, cur, held[k], order);
            long at, ms = run_core(self, order, self->nfree, stop, &passes, budget, &at);
            if (ms < best_ms) {
                best_ms = ms;
                improved_at = at;
                memcpy(cur, self->best, n * sizeof(long));
                changed = improved = 1;
                break;
            }
        }
    }
    if (!changed) return Py_BuildValue("(Olll)", Py_None, best_ms, improved_at, passes);
    PyObject *starts = list_of(cur, n);
    if (!starts) return NULL;
    return Py_BuildValue("(Nlll)", starts, best_ms, improved_at, passes);
}

/* priority(prio, missing0) -> order: heuristic.priority_list, the free tasks in precedence
 * order, among the eligible the lowest (prio, task) first. */
static PyObject *Engine_priority(Engine *self, PyObject *args) {
    PyObject *prio, *missing0;
    if (!PyArg_ParseTuple(args, "OO", &prio, &missing0)) return NULL;
    long *pr = self->prios, *missing = self->missing, *elig = self->elig, *out = self->order;
    if (read_longs(prio, pr, self->n, "prio") < 0 ||
        read_longs(missing0, missing, self->n, "missing") < 0)
        return NULL;
    Py_ssize_t m = 0, count = 0;
    for (Py_ssize_t k = 0; k < self->nfree; k++)
        if (!missing[self->free_[k]]) elig[m++] = self->free_[k];
    while (m && count < self->nfree) {
        Py_ssize_t pick = 0;
        for (Py_ssize_t k = 1; k < m; k++) {
            long a = elig[k], b = elig[pick];
            if (pr[a] < pr[b] || (pr[a] == pr[b] && a < b)) pick = k;
        }
        long j = elig[pick];
        elig[pick] = elig[--m];
        out[count++] = j;
        for (Py_ssize_t a = self->sw_off[j]; a < self->sw_off[j + 1]; a++)
            if (!--missing[self->sw_s[a]]) elig[m++] = self->sw_s[a];
    }
    if (count != self->nfree || m) {
        PyErr_SetString(PyExc_ValueError, "missing0 does not match the precedences");
        return NULL;
    }
    return list_of(out, count);
}

/* reverse(prio) -> order: heuristic.reverse_list, the free tasks in reverse precedence
 * order, among those whose free successors are all listed the lowest prio first, ties to the
 * highest task number. */
static PyObject *Engine_reverse(Engine *self, PyObject *prio) {
    long *pr = self->prios, *waiting = self->missing, *elig = self->elig, *out = self->order;
    if (read_longs(prio, pr, self->n, "prio") < 0) return NULL;
    for (Py_ssize_t i = 0; i < self->n; i++) waiting[i] = self->sw_off[i + 1] - self->sw_off[i];
    Py_ssize_t m = 0, count = 0;
    for (Py_ssize_t k = 0; k < self->nfree; k++)
        if (!waiting[self->free_[k]]) elig[m++] = self->free_[k];
    while (m && count < self->nfree) {
        Py_ssize_t pick = 0;
        for (Py_ssize_t k = 1; k < m; k++) {
            long a = elig[k], b = elig[pick];
            if (pr[a] < pr[b] || (pr[a] == pr[b] && a > b)) pick = k;
        }
        long j = elig[pick];
        elig[pick] = elig[--m];
        out[count++] = j;
        for (Py_ssize_t a = self->pw_off[j]; a < self->pw_off[j + 1]; a++) {
            long p = self->pw_p[a];
            if (self->isfree[p] && !--waiting[p]) elig[m++] = p;
        }
    }
    if (count != self->nfree) {
        PyErr_SetString(PyExc_ValueError, "the precedences have a cycle");
        return NULL;
    }
    return list_of(out, count);
}

/* ---- lower bounds: see bounds.py, whose rules these are --------------------------------- */

typedef struct {
    long head, tail, weight;
} Item;

/* bounds._threshold: max over h of h + ceil(weight of items with head >= h / div) + least
 * tail among them, and the same with heads and tails swapped. Each side sorts a copy of the
 * items (scratch: room for m more), as Python sorts the list it was given. */
static long threshold(Item *given, Py_ssize_t m, long div) {
    long best = 0;
    Item *items = given + m;
    for (int side = 0; side < 2; side++) {
        memcpy(items, given, m * sizeof(Item));
        for (Py_ssize_t k = 1; k < m; k++) { /* stable, largest key first */
            Item x = items[k];
            long kx = side ? x.tail : x.head;
            Py_ssize_t p = k;
            while (p > 0 && (side ? items[p - 1].tail : items[p - 1].head) < kx) {
                items[p] = items[p - 1];
                p--;
            }
            items[p] = x;
        }
        long total = 0, low = 0;
        for (Py_ssize_t k = 0; k < m; k++) {
            long a = side ? items[k].tail : items[k].head, b = side ? items[k].head : items[k].tail;
            total += items[k].weight;
            if (k == 0 || b < low) low = b;
            long ceil = total / div + (total % div != 0);
            if (a + ceil + low > best) best = a + ceil + low;
        }
    }
    return best;
}

#define BIT(set, j) ((set)[(j) >> 6] >> ((j) & 63) & 1)
#define SETBIT(set, j) ((set)[(j) >> 6] |= (uint64_t)1 << ((j) & 63))

/* resource_bound(es, q) -> bound: bounds.resource_bound, the energy bound of every resource
 * and the one-machine bounds over greedy cliques of tasks that can never overlap. */
static PyObject *Engine_resource_bound(Engine *self, PyObject *args) {
    PyObject *eso, *qo;
    if (!PyArg_ParseTuple(args, "OO", &eso, &qo)) return NULL;
    const Py_ssize_t n = self->n, R = self->R, W = (n + 63) / 64;
    long *es = self->e2, *q = self->l2, *dur = self->dur;
    if (read_longs(eso, es, n, "es") < 0 || read_longs(qo, q, n, "q") < 0) return NULL;
    Item *items = PyMem_Malloc(2 * (self->dm_off[n] + n + 1) * sizeof(Item));
    uint64_t *sets = PyMem_Calloc((size_t)(4 * n + 2) * W + 1, sizeof(uint64_t));
    if (!items || !sets) {
        PyMem_Free(items);
        PyMem_Free(sets);
        return PyErr_NoMemory();
    }
    uint64_t *desc = sets, *reach = sets + n * W, *inc = sets + 2 * n * W,
             *cand = sets + 3 * n * W, *clique = cand + W;
    long lb = 0;
    /* energy, per resource */
    for (Py_ssize_t r = 0; r < R; r++) {
        Py_ssize_t m = 0;
        for (Py_ssize_t k = 0; k < self->nfree; k++) {
            long i = self->free_[k];
            for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1]; a++)
                if (self->dm_r[a] == r) items[m++] = (Item){es[i], q[i], self->dm_q[a] * dur[i]};
        }
        if (m && self->cap[r] > 0) {
            long v = threshold(items, m, self->cap[r]);
            if (v > lb) lb = v;
        }
    }
    /* incompatible pairs: one must end before the other starts, or too much of a resource */
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        uint64_t *below = desc + i * W, *after = reach + i * W;
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long sx = self->sw_s[a], w = self->sw_w[a];
            if (w >= dur[i]) {
                for (Py_ssize_t x = 0; x < W; x++) after[x] |= desc[sx * W + x];
                SETBIT(after, sx);
            } else if (w + dur[sx] >= dur[i]) {
                for (Py_ssize_t x = 0; x < W; x++) after[x] |= reach[sx * W + x];
            }
            for (Py_ssize_t x = 0; x < W; x++) below[x] |= desc[sx * W + x];
            SETBIT(below, sx);
        }
    }
    for (Py_ssize_t k = 0; k < self->nfree; k++) {
        long i = self->free_[k];
        if (dur[i] <= 0) continue;
        for (Py_ssize_t x = 0; x < self->nfree; x++) {
            long j = self->free_[x];
            if (dur[j] > 0 && BIT(reach + i * W, j)) {
                SETBIT(inc + i * W, j);
                SETBIT(inc + j * W, i);
            }
        }
        for (Py_ssize_t x = 0; x < self->nfree; x++) {
            long j = self->free_[x];
            if (j == i || dur[j] <= 0) continue;
            for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1]; a++)
                for (Py_ssize_t b = self->dm_off[j]; b < self->dm_off[j + 1]; b++)
                    if (self->dm_r[a] == self->dm_r[b] &&
                        self->dm_q[a] + self->dm_q[b] > self->cap[self->dm_r[a]])
                        SETBIT(inc + i * W, j);
        }
    }
    /* a greedy clique from every task: add the longest candidate while any is left */
    for (Py_ssize_t k = 0; k < self->nfree; k++) {
        long seed = self->free_[k];
        int any = 0;
        for (Py_ssize_t x = 0; x < W; x++) any |= inc[seed * W + x] != 0;
        if (!any) continue;
        memset(clique, 0, W * sizeof(uint64_t));
        SETBIT(clique, seed);
        memcpy(cand, inc + seed * W, W * sizeof(uint64_t));
        for (;;) {
            long pick = -1, top = -1;
            for (Py_ssize_t j = 0; j < n; j++)
                if (BIT(cand, j) && dur[j] > top) {
                    pick = j;
                    top = dur[j];
                }
            if (pick < 0) break;
            SETBIT(clique, pick);
            for (Py_ssize_t x = 0; x < W; x++) cand[x] &= inc[pick * W + x];
        }
        Py_ssize_t m = 0;
        for (Py_ssize_t j = 0; j < n; j++)
            if (BIT(clique, j)) items[m++] = (Item){es[j], q[j], dur[j]};
        long v = threshold(items, m, 1);
        if (v > lb) lb = v;
    }
    PyMem_Free(items);
    PyMem_Free(sets);
    return PyLong_FromLong(lb);
}

/* rules(es, q) -> [lft, lst, mts, grpw, mslk]: heuristic._rules, the classic priority
 * values (lower goes first) from the earliest starts es and the tails q. */
static PyObject *Engine_rules(Engine *self, PyObject *args) {
    PyObject *eso, *qo;
    if (!PyArg_ParseTuple(args, "OO", &eso, &qo)) return NULL;
    const Py_ssize_t n = self->n, W = (n + 63) / 64;
    long *es = self->e2, *q = self->l2, *dur = self->dur;
    if (read_longs(eso, es, n, "es") < 0 || read_longs(qo, q, n, "q") < 0) return NULL;
    uint64_t *reach = PyMem_Calloc((size_t)n * W + 1, sizeof(uint64_t));
    long *vals = PyMem_Calloc(5 * (size_t)n + 1, sizeof(long));
    PyObject *out = NULL;
    if (!reach || !vals) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        long grpw = dur[i];
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long x = self->sw_s[a];
            for (Py_ssize_t w = 0; w < W; w++) reach[i * W + w] |= reach[x * W + w];
            SETBIT(reach + i * W, x);
            grpw += dur[x];
        }
        long count = 0;
        for (Py_ssize_t w = 0; w < W; w++) count += __builtin_popcountll(reach[i * W + w]);
        vals[i] = -q[i];
        vals[n + i] = -q[i] - dur[i];
        vals[2 * n + i] = -count;
        vals[3 * n + i] = -grpw;
        vals[4 * n + i] = -q[i] - dur[i] - es[i];
    }
    out = PyList_New(5);
    if (!out) goto done;
    for (int k = 0; k < 5; k++) {
        PyObject *row = list_of(vals + k * n, n);
        if (!row) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, k, row);
    }
done:
    PyMem_Free(reach);
    PyMem_Free(vals);
    return out;
}

/* set_refuter_here(): set_refuter with what propagate.Refuter derives: the resources whose
 * users (free tasks that take time) can together exceed the capacity, in the order the tasks
 * first use them, and the pairs of such tasks (i < j, sorted) that can never share a week. */
static PyObject *Engine_set_refuter_here(Engine *self, PyObject *unused) {
    (void)unused;
    if (self->pair_i) Py_RETURN_NONE;
    const Py_ssize_t n = self->n, R = self->R;
    long *total = PyMem_Calloc(2 * (size_t)R + 1, sizeof(long)), *rank = total + R;
    PyObject *users = NULL, *pairs = NULL, *res = NULL;
    if (!total) return PyErr_NoMemory();
    long nr = 0;
    for (Py_ssize_t r = 0; r < R; r++) rank[r] = -1;
    for (Py_ssize_t k = 0; k < self->nfree; k++) {
        long i = self->free_[k];
        if (self->dur[i] <= 0) continue;
        for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1]; a++) {
            total[self->dm_r[a]] += self->dm_q[a];
            if (rank[self->dm_r[a]] < 0) rank[self->dm_r[a]] = nr++;
        }
    }
    users = PyList_New(0);
    pairs = PyList_New(0);
    if (!users || !pairs) goto done;
    for (long k = 0; k < nr; k++) {
        Py_ssize_t r = 0;
        while (rank[r] != k) r++;
        if (total[r] <= self->cap[r]) continue;
        PyObject *tasks = PyList_New(0);
        if (!tasks) goto done;
        for (Py_ssize_t x = 0; x < self->nfree; x++) {
            long i = self->free_[x];
            if (self->dur[i] <= 0) continue;
            for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1]; a++) {
                if (self->dm_r[a] != r) continue;
                PyObject *pair = Py_BuildValue("(ll)", i, self->dm_q[a]);
                if (!pair || PyList_Append(tasks, pair) < 0) {
                    Py_XDECREF(pair);
                    Py_DECREF(tasks);
                    goto done;
                }
                Py_DECREF(pair);
            }
        }
        PyObject *entry = Py_BuildValue("(lN)", self->cap[r], tasks);
        if (!entry || PyList_Append(users, entry) < 0) {
            Py_XDECREF(entry);
            goto done;
        }
        Py_DECREF(entry);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (!self->isfree[i] || self->dur[i] <= 0) continue;
        for (Py_ssize_t j = i + 1; j < n; j++) {
            if (!self->isfree[j] || self->dur[j] <= 0) continue;
            int clash = 0;
            for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1] && !clash; a++)
                for (Py_ssize_t b = self->dm_off[j]; b < self->dm_off[j + 1]; b++)
                    if (self->dm_r[a] == self->dm_r[b] &&
                        self->dm_q[a] + self->dm_q[b] > self->cap[self->dm_r[a]]) {
                        clash = 1;
                        break;
                    }
            if (!clash) continue;
            PyObject *pair = Py_BuildValue("(nn)", i, j);
            if (!pair || PyList_Append(pairs, pair) < 0) {
                Py_XDECREF(pair);
                goto done;
            }
            Py_DECREF(pair);
        }
    }
    PyObject *call = Py_BuildValue("(OO)", users, pairs);
    if (!call) goto done;
    res = Engine_set_refuter(self, call);
    Py_DECREF(call);
done:
    Py_XDECREF(users);
    Py_XDECREF(pairs);
    PyMem_Free(total);
    return res;
}

/* heads() -> es: bounds.heads, the earliest start of every task ignoring resources (pinned
 * tasks: their pin). */
static PyObject *Engine_heads(Engine *self, PyObject *unused) {
    (void)unused;
    long *es = self->e2;
    for (Py_ssize_t i = 0; i < self->n; i++) {
        if (!self->isfree[i]) {
            es[i] = self->start0[i];
            continue;
        }
        long rel = self->rel[i], e = self->every[i], t = rel;
        for (Py_ssize_t a = self->pw_off[i]; a < self->pw_off[i + 1]; a++) {
            long v = es[self->pw_p[a]] + self->pw_w[a];
            if (v > t) t = v;
        }
        if (e > 1 && (t - rel) % e) t += e - (t - rel) % e;
        es[i] = t;
    }
    return list_of(es, self->n);
}

/* latest_starts(deadline) -> ls: bounds.latest_starts, the latest start of every task to end
 * by deadline, with calendars (no resources). */
static PyObject *Engine_latest_starts(Engine *self, PyObject *arg) {
    long deadline = PyLong_AsLong(arg);
    if (deadline == -1 && PyErr_Occurred()) return NULL;
    long *ls = self->e2;
    for (Py_ssize_t i = self->n - 1; i >= 0; i--) {
        long t = deadline - self->dur[i];
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long v = ls[self->sw_s[a]] - self->sw_w[a];
            if (v < t) t = v;
        }
        if (self->every[i] != 1) t -= floor_mod(t - self->rel[i], self->every[i]);
        ls[i] = t;
    }
    return list_of(ls, self->n);
}

/* tails() -> q: bounds.tails, the weeks that must pass after a task ends before its last free
 * successor can end. */
static PyObject *Engine_tails(Engine *self, PyObject *unused) {
    (void)unused;
    long *q = self->e2, *dur = self->dur;
    for (Py_ssize_t i = self->n - 1; i >= 0; i--) {
        long best = 0;
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long s = self->sw_s[a], v = self->sw_w[a] - dur[i] + dur[s] + q[s];
            if (v > best) best = v;
        }
        q[i] = best;
    }
    return list_of(q, self->n);
}

/* free_succ() -> (succ, missing): heuristic._free_succ, the free successors of every task
 * and how many free predecessors each free task waits for. */
static PyObject *Engine_free_succ(Engine *self, PyObject *unused) {
    (void)unused;
    const Py_ssize_t n = self->n;
    PyObject *succ = PyList_New(n);
    long *missing = self->e2;
    if (!succ) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_ssize_t m = self->sw_off[i + 1] - self->sw_off[i];
        PyObject *row = PyList_New(m);
        if (!row) {
            Py_DECREF(succ);
            return NULL;
        }
        for (Py_ssize_t a = 0; a < m; a++) {
            PyObject *v = PyLong_FromLong(self->sw_s[self->sw_off[i] + a]);
            if (!v) {
                Py_DECREF(row);
                Py_DECREF(succ);
                return NULL;
            }
            PyList_SET_ITEM(row, a, v);
        }
        PyList_SET_ITEM(succ, i, row);
        missing[i] = 0;
        if (self->isfree[i])
            for (Py_ssize_t a = self->pw_off[i]; a < self->pw_off[i + 1]; a++)
                missing[i] += self->isfree[self->pw_p[a]] != 0;
    }
    PyObject *miss = list_of(missing, n);
    if (!miss) {
        Py_DECREF(succ);
        return NULL;
    }
    return Py_BuildValue("(NN)", succ, miss);
}

/* Regret-biased random sampling into out (nfree tasks), as heuristic.sample_list does it,
 * drawing from rand() (a random.Random's bound random) in the same sequence, so both give the
 * same list. Successors come from sw, in its order. 0, or -1 with an exception set. */
static int sample_core(Engine *self, const long *pr, PyObject *rand, const long *missing0,
                       long *out) {
    long *missing = self->missing, *elig = self->elig;
    memcpy(missing, missing0, self->n * sizeof(long));
    Py_ssize_t m = 0, count = 0;
    for (Py_ssize_t k = 0; k < self->nfree; k++)
        if (!missing[self->free_[k]]) elig[m++] = self->free_[k];
    while (m) {
        long j;
        if (m == 1) {
            j = elig[--m];
        } else {
            long top = pr[elig[0]], sum = 0;
            for (Py_ssize_t k = 0; k < m; k++) {
                if (pr[elig[k]] > top) top = pr[elig[k]];
                sum += pr[elig[k]];
            }
            top += 1;
            PyObject *r = PyObject_CallNoArgs(rand);
            if (!r) return -1;
            double x = PyFloat_AsDouble(r);
            Py_DECREF(r);
            if (x == -1.0 && PyErr_Occurred()) return -1;
            x = x * (double)(top * (long)m - sum);
            Py_ssize_t pick = m - 1;
            for (Py_ssize_t k = 0; k < m; k++) {
                x -= (double)(top - pr[elig[k]]);
                if (x < 0) {
                    pick = k;
                    break;
                }
            }
            j = elig[pick];
            elig[pick] = elig[m - 1];
            m--;
        }
        if (count >= self->nfree) break;
        out[count++] = j;
        for (Py_ssize_t a = self->sw_off[j]; a < self->sw_off[j + 1]; a++) {
            long s = self->sw_s[a];
            if (!--missing[s]) elig[m++] = s;
        }
    }
    if (count != self->nfree || m) {
        PyErr_SetString(PyExc_ValueError, "missing0 does not match the precedences");
        return -1;
    }
    return 0;
}

/* sample(prio, rand, missing0) -> order */
static PyObject *Engine_sample(Engine *self, PyObject *args) {
    PyObject *prio, *rand, *missing0;
    if (!PyArg_ParseTuple(args, "OOO", &prio, &rand, &missing0)) return NULL;
    long *pr = self->prios, *miss0 = self->missing0;
    if (read_longs(prio, pr, self->n, "prio") < 0 ||
        read_longs(missing0, miss0, self->n, "missing") < 0)
        return NULL;
    if (sample_core(self, pr, rand, miss0, self->order) < 0) return NULL;
    return list_of(self->order, self->nfree);
}

/* samples(prios, rand, missing0, k, stop, passes, budget, es, best_ms, improved_at, stale)
 *   -> (starts or None, makespan, passes at it, passes, k)
 * The sampling loop of heuristic.search: list k samples with prios[k % len(prios)], then
 * run; until the budget is spent, the makespan reaches stop, a run beats best_ms (its
 * schedule is returned), or, if stale > 0, the best has not improved for stale passes. */
static PyObject *Engine_samples(Engine *self, PyObject *args) {
    PyObject *prios, *rand, *missing0, *es;
    long k, stop, passes, budget, best_ms, improved_at, stale;
    if (!PyArg_ParseTuple(args, "OOOllllOlll", &prios, &rand, &missing0, &k, &stop, &passes,
                          &budget, &es, &best_ms, &improved_at, &stale))
        return NULL;
    PyObject *rows = PySequence_Fast(prios, "prios");
    if (!rows) return NULL;
    Py_ssize_t nr = PySequence_Fast_GET_SIZE(rows);
    if (nr < 1 || nr > 3) {
        Py_DECREF(rows);
        PyErr_SetString(PyExc_ValueError, "prios: one to three lists");
        return NULL;
    }
    for (Py_ssize_t r = 0; r < nr; r++) {
        if (read_longs(PySequence_Fast_GET_ITEM(rows, r), self->prios + r * (self->n + 1),
                       self->n, "prios") < 0) {
            Py_DECREF(rows);
            return NULL;
        }
    }
    Py_DECREF(rows);
    if (read_longs(missing0, self->missing0, self->n, "missing") < 0 ||
        read_longs(es, self->lo, self->n, "es") < 0)
        return NULL;
    while (best_ms > stop && passes < budget) {
        if (sample_core(self, self->prios + (k % nr) * (self->n + 1), rand, self->missing0,
                        self->order) < 0)
            return NULL;
        k++;
        long at;
        long ms = run_core(self, self->order, self->nfree, stop, &passes, budget, &at);
        if (ms < best_ms) {
            PyObject *starts = list_of(self->best, self->n);
            if (!starts) return NULL;
            return Py_BuildValue("(Nllll)", starts, ms, at, passes, k);
        }
        if (stale > 0 && passes - improved_at >= stale) break;
    }
    return Py_BuildValue("(Ollll)", Py_None, best_ms, improved_at, passes, k);
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

static long find_root(long *parent, long i) {
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* split(dur, dem, cap, free, pw) -> groups: parts.split, the free tasks linked by a
 * precedence or by their busiest resource (of those a task uses, the one with the most work
 * per unit of capacity; ties to the lowest number), each group in the order of free, the
 * groups in the order of their first task. A module function: it runs before any Engine. */
static PyObject *native_split(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *duro, *demo, *capo, *freeo, *pwo;
    if (!PyArg_ParseTuple(args, "OOOOO", &duro, &demo, &capo, &freeo, &pwo)) return NULL;
    Py_ssize_t n = PyObject_Length(duro), R = PyObject_Length(capo), nf = PyObject_Length(freeo);
    if (n < 0 || R < 0 || nf < 0) return NULL;
    PyObject *out = NULL;
    long *dur = PyMem_Calloc(3 * (n + 1) + nf + 2 * R + 2, sizeof(long));
    Py_ssize_t *dm_off = PyMem_Calloc(2 * (n + 1), sizeof(Py_ssize_t));
    long *dm_r = NULL, *dm_q = NULL, *pw_p = NULL, *pw_w = NULL;
    if (!dur || !dm_off) {
        PyErr_NoMemory();
        goto done;
    }
    long *parent = dur + (n + 1), *label = dur + 2 * (n + 1), *free_ = dur + 3 * (n + 1);
    long *cap = free_ + nf, *work = cap + R + 1, *owner = work; /* owner reuses work */
    Py_ssize_t *pw_off = dm_off + (n + 1);
    if (read_longs(duro, dur, n, "dur") < 0 || read_longs(capo, cap, R, "cap") < 0 ||
        read_longs(freeo, free_, nf, "free") < 0 ||
        read_pairs(demo, n, dm_off, &dm_r, &dm_q, "dem") < 0 ||
        read_pairs(pwo, n, pw_off, &pw_p, &pw_w, "pw") < 0)
        goto done;
    for (Py_ssize_t k = 0; k < nf; k++)
        if (free_[k] < 0 || free_[k] >= n) {
            PyErr_SetString(PyExc_ValueError, "free: task out of range");
            goto done;
        }
    for (Py_ssize_t k = 0; k < dm_off[n]; k++)
        if (dm_r[k] < 0 || dm_r[k] >= R) {
            PyErr_SetString(PyExc_ValueError, "dem: resource out of range of cap");
            goto done;
        }
    for (Py_ssize_t k = 0; k < pw_off[n]; k++)
        if (pw_p[k] < 0 || pw_p[k] >= n) {
            PyErr_SetString(PyExc_ValueError, "pw: task out of range");
            goto done;
        }
    for (Py_ssize_t r = 0; r < R; r++) work[r] = 0;
    for (Py_ssize_t k = 0; k < nf; k++) {
        long i = free_[k];
        for (Py_ssize_t a = dm_off[i]; a < dm_off[i + 1]; a++) work[dm_r[a]] += dm_q[a] * dur[i];
    }
    long *busiest = label; /* per task, before labels are needed */
    for (Py_ssize_t i = 0; i < n; i++) {
        parent[i] = i;
        long best = -1;
        for (Py_ssize_t a = dm_off[i]; a < dm_off[i + 1]; a++) {
            long r = dm_r[a];
            if (best < 0) {
                best = r;
                continue;
            }
            /* work[r] / cap[r] against work[best] / cap[best], exactly; no capacity: busiest */
            int more, same;
            if (cap[r] <= 0 || cap[best] <= 0) {
                more = cap[r] <= 0 && cap[best] > 0;
                same = (cap[r] <= 0) == (cap[best] <= 0);
            } else {
                long x = work[r] * cap[best], y = work[best] * cap[r];
                more = x > y;
                same = x == y;
            }
            if (more || (same && r < best)) best = r;
        }
        busiest[i] = best;
    }
    for (Py_ssize_t r = 0; r < R; r++) owner[r] = -1;
    for (Py_ssize_t k = 0; k < nf; k++) {
        long i = free_[k];
        for (Py_ssize_t a = pw_off[i]; a <= pw_off[i + 1]; a++) {
            long j;
            if (a < pw_off[i + 1]) {
                j = pw_p[a];
            } else {
                if (busiest[i] < 0) break;
                if (owner[busiest[i]] < 0) owner[busiest[i]] = i;
                j = owner[busiest[i]];
            }
            long x = find_root(parent, i), y = find_root(parent, j);
            if (x != y) {
                if (x < y)
                    parent[y] = x;
                else
                    parent[x] = y;
            }
        }
    }
    for (Py_ssize_t i = 0; i < n; i++) label[i] = -1;
    out = PyList_New(0);
    if (!out) goto done;
    for (Py_ssize_t k = 0; k < nf; k++) {
        long i = free_[k], r = i;
        while (parent[r] != r) r = parent[r];
        if (label[r] < 0) {
            PyObject *group = PyList_New(0);
            if (!group || PyList_Append(out, group) < 0) {
                Py_XDECREF(group);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(group);
            label[r] = PyList_GET_SIZE(out) - 1;
        }
        PyObject *v = PyLong_FromLong(i);
        if (!v || PyList_Append(PyList_GET_ITEM(out, label[r]), v) < 0) {
            Py_XDECREF(v);
            Py_CLEAR(out);
            goto done;
        }
        Py_DECREF(v);
    }
done:
    PyMem_Free(dur);
    PyMem_Free(dm_off);
    PyMem_Free(dm_r);
    PyMem_Free(dm_q);
    PyMem_Free(pw_p);
    PyMem_Free(pw_w);
    return out;
}

/* Remap one task's pairs (p, x) to (pos[p], x) as a tuple, or a list when as_list. */
static PyObject *remap_pairs(PyObject *pairs, const long *pos, Py_ssize_t n, int as_list) {
    PyObject *fast = PySequence_Fast(pairs, "pairs");
    if (!fast) return NULL;
    Py_ssize_t m = PySequence_Fast_GET_SIZE(fast);
    PyObject *out = as_list ? PyList_New(m) : PyTuple_New(m);
    if (!out) {
        Py_DECREF(fast);
        return NULL;
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        PyObject *pair = PySequence_Fast_GET_ITEM(fast, k);
        PyObject *first = PySequence_GetItem(pair, 0), *second = PySequence_GetItem(pair, 1);
        long p = first ? PyLong_AsLong(first) : -1;
        Py_XDECREF(first);
        if (!second || p < 0 || p >= n || pos[p] < 0) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "a part must hold every task it is linked to");
            Py_XDECREF(second);
            Py_DECREF(out);
            Py_DECREF(fast);
            return NULL;
        }
        PyObject *at = PyLong_FromLong(pos[p]);
        PyObject *item = at ? PyTuple_Pack(2, at, second) : NULL;
        Py_XDECREF(at);
        Py_DECREF(second);
        if (!item) {
            Py_DECREF(out);
            Py_DECREF(fast);
            return NULL;
        }
        if (as_list)
            PyList_SET_ITEM(out, k, item);
        else
            PyTuple_SET_ITEM(out, k, item);
    }
    Py_DECREF(fast);
    return out;
}

/* part(group, ids, dur, rel, every, preds, pw, sw, dem, cap, resources)
 *   -> (ids, dur, rel, every, preds, pw, sw, dem, resources, cap, horizon, overlap)
 * compiled.compile_part's lists for the free tasks group (closed under precedences) of a
 * problem without pins: tasks renumbered in group order, only the resources the part can
 * overload by itself, the horizon as compiled._assemble works it out. */
static PyObject *native_part(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *group, *ids, *dur, *rel, *every, *preds, *pw, *sw, *dem, *capo, *resources;
    if (!PyArg_ParseTuple(args, "O!O!O!O!O!O!O!O!O!O!O!", &PyList_Type, &group, &PyList_Type,
                          &ids, &PyList_Type, &dur, &PyList_Type, &rel, &PyList_Type, &every,
                          &PyList_Type, &preds, &PyList_Type, &pw, &PyList_Type, &sw,
                          &PyList_Type, &dem, &PyList_Type, &capo, &PyList_Type, &resources))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(dur), m = PyList_GET_SIZE(group), R = PyList_GET_SIZE(capo);
    if (PyList_GET_SIZE(ids) != n || PyList_GET_SIZE(rel) != n || PyList_GET_SIZE(every) != n ||
        PyList_GET_SIZE(preds) != n || PyList_GET_SIZE(pw) != n || PyList_GET_SIZE(sw) != n ||
        PyList_GET_SIZE(dem) != n || PyList_GET_SIZE(resources) != R) {
        PyErr_SetString(PyExc_ValueError, "part: lists of different lengths");
        return NULL;
    }
    long *pos = PyMem_Malloc((n + 1) * sizeof(long)), *cap = PyMem_Calloc(3 * (R + 1), sizeof(long));
    long *need = cap + R + 1, *rmap = need + R + 1;
    PyObject *lists[9] = {NULL}, *out = NULL;
    if (!pos || !cap) {
        PyErr_NoMemory();
        goto done;
    }
    if (read_longs(capo, cap, R, "cap") < 0) goto done;
    for (Py_ssize_t i = 0; i < n; i++) pos[i] = -1;
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = PyLong_AsLong(PyList_GET_ITEM(group, k));
        if (i < 0 || i >= n || pos[i] >= 0) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "group: task out of range");
            goto done;
        }
        pos[i] = k;
    }
    /* resources the part can overload by itself */
    long slack = 0, maxrel = 0;
    int overlap = 0;
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = PyLong_AsLong(PyList_GET_ITEM(group, k));
        PyObject *row = PyList_GET_ITEM(dem, i), *pl = PyList_GET_ITEM(preds, i);
        if (!PyTuple_Check(row) || !PyList_Check(pl)) {
            PyErr_SetString(PyExc_TypeError, "part: dem rows are tuples, preds rows lists");
            goto done;
        }
        for (Py_ssize_t a = 0; a < PyTuple_GET_SIZE(row); a++) {
            if (!PyTuple_Check(PyTuple_GET_ITEM(row, a)) ||
                PyTuple_GET_SIZE(PyTuple_GET_ITEM(row, a)) != 2) {
                PyErr_SetString(PyExc_TypeError, "part: dem holds (resource, amount) pairs");
                goto done;
            }
            long r = PyLong_AsLong(PyTuple_GET_ITEM(PyTuple_GET_ITEM(row, a), 0));
            long q = PyLong_AsLong(PyTuple_GET_ITEM(PyTuple_GET_ITEM(row, a), 1));
            if (r < 0 || r >= R) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "dem: bad resource");
                goto done;
            }
            need[r] += q;
        }
        for (Py_ssize_t a = 0; a < PyList_GET_SIZE(pl); a++) {
            PyObject *pair = PyList_GET_ITEM(pl, a);
            if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
                PyErr_SetString(PyExc_TypeError, "part: preds hold (task, lag) pairs");
                goto done;
            }
            long lag = PyLong_AsLong(PyTuple_GET_ITEM(pair, 1));
            if (lag > 0) slack += lag;
            if (lag < 0) overlap = 1;
        }
        long d = PyLong_AsLong(PyList_GET_ITEM(dur, i)), e = PyLong_AsLong(PyList_GET_ITEM(every, i));
        long r0 = PyLong_AsLong(PyList_GET_ITEM(rel, i));
        slack += d + e - 1;
        if (r0 > maxrel) maxrel = r0;
    }
    if (PyErr_Occurred()) goto done;
    long kept = 0;
    for (Py_ssize_t r = 0; r < R; r++) rmap[r] = need[r] > cap[r] ? kept++ : -1;
    for (int k = 0; k < 9; k++)
        if (!(lists[k] = PyList_New(k < 8 ? m : 0))) goto done;
    PyObject *pres = lists[8]; /* resources, cap: appended below */
    PyObject *pcap = PyList_New(0);
    if (!pcap) goto done;
    for (Py_ssize_t r = 0; r < R; r++) {
        if (rmap[r] < 0) continue;
        if (PyList_Append(pres, PyList_GET_ITEM(resources, r)) < 0 ||
            PyList_Append(pcap, PyList_GET_ITEM(capo, r)) < 0) {
            Py_DECREF(pcap);
            goto done;
        }
    }
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = PyLong_AsLong(PyList_GET_ITEM(group, k));
        PyObject *plain[4] = {ids, dur, rel, every};
        for (int x = 0; x < 4; x++) {
            PyObject *v = PyList_GET_ITEM(plain[x], i);
            Py_INCREF(v);
            PyList_SET_ITEM(lists[x], k, v);
        }
        PyObject *a = remap_pairs(PyList_GET_ITEM(preds, i), pos, n, 1);
        PyObject *b = a ? remap_pairs(PyList_GET_ITEM(pw, i), pos, n, 0) : NULL;
        PyObject *c = b ? remap_pairs(PyList_GET_ITEM(sw, i), pos, n, 0) : NULL;
        if (!c) {
            Py_XDECREF(a);
            Py_XDECREF(b);
            Py_DECREF(pcap);
            goto done;
        }
        PyList_SET_ITEM(lists[4], k, a);
        PyList_SET_ITEM(lists[5], k, b);
        PyList_SET_ITEM(lists[6], k, c);
        PyObject *row = PyList_GET_ITEM(dem, i);
        Py_ssize_t count = 0;
        for (Py_ssize_t y = 0; y < PyTuple_GET_SIZE(row); y++)
            if (rmap[PyLong_AsLong(PyTuple_GET_ITEM(PyTuple_GET_ITEM(row, y), 0))] >= 0) count++;
        PyObject *drow = PyTuple_New(count);
        if (!drow) {
            Py_DECREF(pcap);
            goto done;
        }
        count = 0;
        for (Py_ssize_t y = 0; y < PyTuple_GET_SIZE(row); y++) {
            PyObject *pair = PyTuple_GET_ITEM(row, y);
            long r = PyLong_AsLong(PyTuple_GET_ITEM(pair, 0));
            if (rmap[r] < 0) continue;
            PyObject *at = PyLong_FromLong(rmap[r]);
            PyObject *item = at ? PyTuple_Pack(2, at, PyTuple_GET_ITEM(pair, 1)) : NULL;
            Py_XDECREF(at);
            if (!item) {
                Py_DECREF(drow);
                Py_DECREF(pcap);
                goto done;
            }
            PyTuple_SET_ITEM(drow, count++, item);
        }
        PyList_SET_ITEM(lists[7], k, drow);
    }
    out = Py_BuildValue("(OOOOOOOOONlO)", lists[0], lists[1], lists[2], lists[3], lists[4],
                        lists[5], lists[6], lists[7], lists[8], pcap, maxrel + slack + 1,
                        overlap ? Py_True : Py_False);
done:
    for (int k = 0; k < 9; k++) Py_XDECREF(lists[k]);
    PyMem_Free(pos);
    PyMem_Free(cap);
    return out;
}

/* attribute names of the model's Task, interned at import */
static PyObject *s_id, *s_duration, *s_release, *s_every, *s_pin, *s_demand, *s_preds;

/* (a, b) from two C longs. */
static PyObject *pair_of(long a, long b) {
    PyObject *x = PyLong_FromLong(a), *y = PyLong_FromLong(b), *t = NULL;
    if (x && y) t = PyTuple_Pack(2, x, y);
    Py_XDECREF(x);
    Py_XDECREF(y);
    return t;
}

/* compile(tasks, order, capacity) -> (ids, dur, rel, every, pin, preds, dem, resources, cap,
 *   inpos, pw, sw, free, pinned, pin_end, horizon, start0, overlap)
 * compiled.compile_problem's lists: the model's tasks (attrs Task objects) renumbered in the
 * precedence order `order`, and what compiled._assemble derives from them. */
static PyObject *native_compile(PyObject *module, PyObject *args) {
    (void)module;
    PyObject *tasks, *order, *capacity;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyTuple_Type, &tasks, &PyList_Type, &order,
                          &PyDict_Type, &capacity))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(order);
    if (PyTuple_GET_SIZE(tasks) != n) {
        PyErr_SetString(PyExc_ValueError, "compile: order must list every task once");
        return NULL;
    }
    enum { IDS, DUR, REL, EVERY, PIN, PREDS, DEM, INPOS, PW, START0, NLISTS };
    PyObject *lists[NLISTS] = {NULL};
    PyObject *index = PyDict_New(), *rindex = PyDict_New(), *resources = PyList_New(0),
             *cap = PyList_New(0), *out = NULL, *succ = NULL, *free_ = NULL, *pinned = NULL;
    long *dur = PyMem_Calloc(3 * (size_t)n + 1, sizeof(long)), *every = dur + n, *pin = dur + 2 * n;
    if (!index || !rindex || !resources || !cap || !dur) {
        if (!PyErr_Occurred()) PyErr_NoMemory();
        goto done;
    }
    for (int k = 0; k < NLISTS; k++)
        if (!(lists[k] = PyList_New(n))) goto done;
    {
        Py_ssize_t at = 0;
        PyObject *key, *value;
        while (PyDict_Next(capacity, &at, &key, &value)) {
            PyObject *r = PyLong_FromSsize_t(PyList_GET_SIZE(resources));
            if (!r || PyDict_SetItem(rindex, key, r) < 0 || PyList_Append(resources, key) < 0 ||
                PyList_Append(cap, value) < 0) {
                Py_XDECREF(r);
                goto done;
            }
            Py_DECREF(r);
        }
    }
    /* plain attributes, and the index of every id */
    for (Py_ssize_t k = 0; k < n; k++) {
        Py_ssize_t at = PyLong_AsSsize_t(PyList_GET_ITEM(order, k));
        if (at < 0 || at >= n || PyList_GET_ITEM(lists[INPOS], at)) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "compile: bad order");
            goto done;
        }
        PyObject *t = PyTuple_GET_ITEM(tasks, at);
        PyObject *id = PyObject_GetAttr(t, s_id), *d = PyObject_GetAttr(t, s_duration),
                 *rl = PyObject_GetAttr(t, s_release), *ev = PyObject_GetAttr(t, s_every),
                 *pn = PyObject_GetAttr(t, s_pin), *ix = PyLong_FromSsize_t(k),
                 *pos = PyLong_FromSsize_t(k);
        if (!id || !d || !rl || !ev || !pn || !ix || !pos || PyDict_SetItem(index, id, ix) < 0) {
            Py_XDECREF(id);
            Py_XDECREF(d);
            Py_XDECREF(rl);
            Py_XDECREF(ev);
            Py_XDECREF(pn);
            Py_XDECREF(ix);
            Py_XDECREF(pos);
            goto done;
        }
        Py_DECREF(ix);
        dur[k] = PyLong_AsLong(d);
        every[k] = PyLong_AsLong(ev);
        pin[k] = pn == Py_None ? -1 : PyLong_AsLong(pn);
        Py_DECREF(pn);
        PyObject *pinv = PyLong_FromLong(pin[k]), *s0 = PyLong_FromLong(pin[k] > 0 ? pin[k] : 0);
        if (!pinv || !s0) {
            Py_XDECREF(pinv);
            Py_XDECREF(s0);
            Py_DECREF(id);
            Py_DECREF(d);
            Py_DECREF(rl);
            Py_DECREF(ev);
            Py_DECREF(pos);
            goto done;
        }
        PyList_SET_ITEM(lists[IDS], k, id);
        PyList_SET_ITEM(lists[DUR], k, d);
        PyList_SET_ITEM(lists[REL], k, rl);
        PyList_SET_ITEM(lists[EVERY], k, ev);
        PyList_SET_ITEM(lists[PIN], k, pinv);
        PyList_SET_ITEM(lists[START0], k, s0);
        PyList_SET_ITEM(lists[INPOS], at, pos);
    }
    if (PyErr_Occurred()) goto done;
    /* demands and predecessors */
    succ = PyList_New(n);
    if (!succ) goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *row = PyList_New(0);
        if (!row) goto done;
        PyList_SET_ITEM(succ, k, row);
    }
    long slack = 0, maxrel = 0, pin_end = 0;
    int overlap = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *t = PyTuple_GET_ITEM(tasks, PyLong_AsSsize_t(PyList_GET_ITEM(order, k)));
        long rel = PyLong_AsLong(PyList_GET_ITEM(lists[REL], k));
        if (rel > maxrel) maxrel = rel;
        PyObject *demand = PyObject_GetAttr(t, s_demand);
        if (!demand) goto done;
        PyObject *drow = PyList_New(0);
        if (!drow) {
            Py_DECREF(demand);
            goto done;
        }
        if (dur[k]) {
            PyObject *items = PyMapping_Items(demand);
            for (Py_ssize_t a = 0; items && a < PyList_GET_SIZE(items); a++) {
                PyObject *item = PyList_GET_ITEM(items, a);
                long q = PyLong_AsLong(PyTuple_GET_ITEM(item, 1));
                if (q == -1 && PyErr_Occurred()) break;
                if (q <= 0) continue;
                PyObject *r = PyDict_GetItemWithError(rindex, PyTuple_GET_ITEM(item, 0));
                if (!r) {
                    if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, PyTuple_GET_ITEM(item, 0));
                    break;
                }
                PyObject *pair = PyTuple_Pack(2, r, PyTuple_GET_ITEM(item, 1));
                if (!pair || PyList_Append(drow, pair) < 0) {
                    Py_XDECREF(pair);
                    break;
                }
                Py_DECREF(pair);
            }
            Py_XDECREF(items);
        }
        Py_DECREF(demand);
        PyObject *dtuple = PyErr_Occurred() ? NULL : PyList_AsTuple(drow);
        Py_DECREF(drow);
        if (!dtuple) goto done;
        PyList_SET_ITEM(lists[DEM], k, dtuple);
        PyObject *tp = PyObject_GetAttr(t, s_preds);
        if (!tp) goto done;
        Py_ssize_t m = PyTuple_GET_SIZE(tp);
        PyObject *prow = PyList_New(m), *wrow = PyTuple_New(pin[k] < 0 ? m : 0);
        if (!prow || !wrow) {
            Py_XDECREF(prow);
            Py_XDECREF(wrow);
            Py_DECREF(tp);
            goto done;
        }
        PyList_SET_ITEM(lists[PREDS], k, prow);
        PyList_SET_ITEM(lists[PW], k, wrow);
        for (Py_ssize_t a = 0; a < m; a++) {
            PyObject *entry = PyTuple_GET_ITEM(tp, a);
            PyObject *pi = PyDict_GetItemWithError(index, PyTuple_GET_ITEM(entry, 0));
            if (!pi) {
                if (!PyErr_Occurred()) PyErr_SetObject(PyExc_KeyError, PyTuple_GET_ITEM(entry, 0));
                Py_DECREF(tp);
                goto done;
            }
            long p = PyLong_AsLong(pi), lag = PyLong_AsLong(PyTuple_GET_ITEM(entry, 1));
            PyObject *pair = PyTuple_Pack(2, pi, PyTuple_GET_ITEM(entry, 1));
            if (!pair) {
                Py_DECREF(tp);
                goto done;
            }
            PyList_SET_ITEM(prow, a, pair);
            if (pin[k] < 0) {
                PyObject *w = pair_of(p, dur[p] + lag);
                PyObject *sv = pair_of((long)k, dur[p] + lag);
                if (!w || !sv || PyList_Append(PyList_GET_ITEM(succ, p), sv) < 0) {
                    Py_XDECREF(w);
                    Py_XDECREF(sv);
                    Py_DECREF(tp);
                    goto done;
                }
                Py_DECREF(sv);
                PyTuple_SET_ITEM(wrow, a, w);
                if (lag > 0) slack += lag;
                if (lag < 0) overlap = 1;
            }
        }
        Py_DECREF(tp);
        if (pin[k] < 0)
            slack += dur[k] + every[k] - 1;
        else if (pin[k] + dur[k] > pin_end)
            pin_end = pin[k] + dur[k];
    }
    free_ = PyList_New(0);
    pinned = PyList_New(0);
    if (!free_ || !pinned) goto done;
    for (Py_ssize_t k = 0; k < n; k++) {
        PyObject *row = PyList_GET_ITEM(succ, k), *v = PyLong_FromSsize_t(k);
        PyObject *tuple = PyList_AsTuple(row);
        if (!v || !tuple || PyList_Append(pin[k] < 0 ? free_ : pinned, v) < 0) {
            Py_XDECREF(v);
            Py_XDECREF(tuple);
            goto done;
        }
        Py_DECREF(v);
        PyList_SetItem(succ, k, tuple); /* sw: tuples */
    }
    long horizon = (maxrel > pin_end ? maxrel : pin_end) + slack + 1;
    out = Py_BuildValue("(OOOOOOOOOOOOOOllOO)", lists[IDS], lists[DUR], lists[REL], lists[EVERY],
                        lists[PIN], lists[PREDS], lists[DEM], resources, cap, lists[INPOS],
                        lists[PW], succ, free_, pinned, pin_end, horizon, lists[START0],
                        overlap ? Py_True : Py_False);
done:
    for (int k = 0; k < NLISTS; k++) Py_XDECREF(lists[k]);
    Py_XDECREF(index);
    Py_XDECREF(rindex);
    Py_XDECREF(resources);
    Py_XDECREF(cap);
    Py_XDECREF(succ);
    Py_XDECREF(free_);
    Py_XDECREF(pinned);
    PyMem_Free(dur);
    return out;
}

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
    if (!(s_id = PyUnicode_InternFromString("id")) ||
        !(s_duration = PyUnicode_InternFromString("duration")) ||
        !(s_release = PyUnicode_InternFromString("release")) ||
        !(s_every = PyUnicode_InternFromString("every")) ||
        !(s_pin = PyUnicode_InternFromString("pin")) ||
        !(s_demand = PyUnicode_InternFromString("demand")) ||
        !(s_preds = PyUnicode_InternFromString("_preds")))
        return NULL;
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
