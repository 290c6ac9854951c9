/* Schedule passes and the search steps around them: serial schedule generation forward and
 * backward, forward-backward improvement (run), the critical-task local search, priority and
 * reverse lists, and regret-biased sampling. The Python twins are in sgs.py and heuristic.py. */
#include "native.h"

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

/* 1 if task i's demand does not fit in week w of the profile as it stands. */
static inline int overloads(const Engine *self, long i, long w) {
    const long *row = self->used + w * self->R;
    for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1]; a++)
        if (row[self->dm_r[a]] + self->dm_q[a] > self->cap[self->dm_r[a]]) return 1;
    return 0;
}

/* The forward pass over order[0..m) into self->start; returns the makespan. */
static long forward_pass(Engine *self, const long *order, Py_ssize_t m) {
    const long H = self->H;
    reset(self);
    long ms = self->pin_end;
    long *start = self->start;
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = order[k], d = self->dur[i];
        long t = self->rel[i];
        for (Py_ssize_t a = self->pw_off[i]; a < self->pw_off[i + 1]; a++) {
            long v = start[self->pw_p[a]] + self->pw_w[a];
            if (v > t) t = v;
        }
        t = up(self, i, t);
        if (self->dm_off[i] < self->dm_off[i + 1]) {
            for (;;) { /* jump past the last week that does not fit, until all fit */
                long lim = t + d < H ? t + d : H;
                long bad = -1;
                for (long w = lim - 1; w >= t; w--)
                    if (overloads(self, i, w)) {
                        bad = w;
                        break;
                    }
                if (bad < 0) break;
                t = up(self, i, bad + 1);
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
    const long H = self->H;
    reset(self);
    long *start = self->start;
    for (Py_ssize_t k = 0; k < m; k++) {
        long i = order[k], d = self->dur[i];
        long t = deadline - d;
        for (Py_ssize_t a = self->sw_off[i]; a < self->sw_off[i + 1]; a++) {
            long v = start[self->sw_s[a]] - self->sw_w[a];
            if (v < t) t = v;
        }
        t = down(self, i, t);
        long lo = self->lo[i];
        if (t < lo) return -1;
        if (self->dm_off[i] < self->dm_off[i + 1]) {
            for (;;) { /* end before the first week that does not fit, until all fit */
                long lim = t + d < H ? t + d : H;
                long bad = -1;
                for (long w = t < 0 ? 0 : t; w < lim; w++)
                    if (overloads(self, i, w)) {
                        bad = w;
                        break;
                    }
                if (bad < 0) break;
                t = down(self, i, bad - d);
                if (t < lo) return -1;
            }
            place(self, i, t);
        }
        start[i] = t;
    }
    return 0;
}

/* forward(order) -> (starts, makespan) */
PyObject *Engine_forward(Engine *self, PyObject *order) {
    Py_ssize_t m = read_order(self, order);
    if (m < 0) return NULL;
    long ms = forward_pass(self, self->order, m);
    PyObject *starts = list_of(self->start, self->n);
    if (!starts) return NULL;
    return Py_BuildValue("(Nl)", starts, ms);
}

/* backward(order, deadline, es) -> starts, or None when a task cannot be placed by its es */
PyObject *Engine_backward(Engine *self, PyObject *args) {
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
PyObject *Engine_run(Engine *self, PyObject *args) {
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
        t = up(self, j, t);
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
PyObject *Engine_local(Engine *self, PyObject *args) {
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
PyObject *Engine_priority(Engine *self, PyObject *args) {
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
PyObject *Engine_reverse(Engine *self, PyObject *prio) {
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
PyObject *Engine_sample(Engine *self, PyObject *args) {
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
PyObject *Engine_samples(Engine *self, PyObject *args) {
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
