/* Proofs: windows of start weeks narrowed by precedences, pairs, time-tabling and shaving.
 * The Python twin is propagate.py. */
#include "native.h"

/* ---- propagation: see propagate.py, whose rules these are, step for step ---------------- */

/* set_refuter(users, pairs): users is [(cap, [(task, demand), ...]), ...] */
PyObject *Engine_set_refuter(Engine *self, PyObject *args) {
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
PyObject *Engine_propagate(Engine *self, PyObject *args) {
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
PyObject *Engine_refute(Engine *self, PyObject *args) {
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

/* set_refuter_here(): set_refuter with what propagate.Refuter derives: the resources whose
 * users (free tasks that take time) can together exceed the capacity, in the order the tasks
 * first use them, and the pairs of such tasks (i < j, sorted) that can never share a week. */
PyObject *Engine_set_refuter_here(Engine *self, PyObject *unused) {
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
            if (!clash(self, i, j)) continue;
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
