/* Lower bounds and the plain per-task lists: energy and clique bounds, the priority rules,
 * heads, tails, latest starts and free successors. The Python twins are in bounds.py and
 * heuristic.py. */
#include "native.h"

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


/* resource_bound(es, q) -> bound: bounds.resource_bound, the energy bound of every resource
 * and the one-machine bounds over greedy cliques of tasks that can never overlap. */
PyObject *Engine_resource_bound(Engine *self, PyObject *args) {
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
            if (j != i && dur[j] > 0 && clash(self, i, j)) SETBIT(inc + i * W, j);
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
PyObject *Engine_rules(Engine *self, PyObject *args) {
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

/* heads() -> es: bounds.heads, the earliest start of every task ignoring resources (pinned
 * tasks: their pin). */
PyObject *Engine_heads(Engine *self, PyObject *unused) {
    (void)unused;
    long *es = self->e2;
    for (Py_ssize_t i = 0; i < self->n; i++) {
        if (!self->isfree[i]) {
            es[i] = self->start0[i];
            continue;
        }
        long t = self->rel[i];
        for (Py_ssize_t a = self->pw_off[i]; a < self->pw_off[i + 1]; a++) {
            long v = es[self->pw_p[a]] + self->pw_w[a];
            if (v > t) t = v;
        }
        es[i] = up(self, i, t);
    }
    return list_of(es, self->n);
}

/* latest_starts(deadline) -> ls: bounds.latest_starts, the latest start of every task to end
 * by deadline, with calendars (no resources). */
PyObject *Engine_latest_starts(Engine *self, PyObject *arg) {
    long deadline = PyLong_AsLong(arg);
    if (deadline == -1 && PyErr_Occurred()) return NULL;
    long *ls = self->e2;
    for (Py_ssize_t i = self->n - 1; i >= 0; i--) {
        long t = deadline - self->dur[i];
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long v = ls[self->sw_s[a]] - self->sw_w[a];
            if (v < t) t = v;
        }
        ls[i] = down(self, i, t);
    }
    return list_of(ls, self->n);
}

/* tails() -> q: bounds.tails, the weeks that must pass after a task ends before its last free
 * successor can end. */
PyObject *Engine_tails(Engine *self, PyObject *unused) {
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
PyObject *Engine_free_succ(Engine *self, PyObject *unused) {
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
