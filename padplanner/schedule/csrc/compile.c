/* Module functions that run before any Engine exists: compiling a problem's tasks, splitting
 * a cohort into parts and compiling a part. The Python twins are in compiled.py and parts.py. */
#include "native.h"

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
PyObject *native_split(PyObject *module, PyObject *args) {
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
PyObject *native_part(PyObject *module, PyObject *args) {
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

/* Intern the names once, at import. */
int native_intern_names(void) {
    if (!(s_id = PyUnicode_InternFromString("id")) ||
        !(s_duration = PyUnicode_InternFromString("duration")) ||
        !(s_release = PyUnicode_InternFromString("release")) ||
        !(s_every = PyUnicode_InternFromString("every")) ||
        !(s_pin = PyUnicode_InternFromString("pin")) ||
        !(s_demand = PyUnicode_InternFromString("demand")) ||
        !(s_preds = PyUnicode_InternFromString("_preds")))
        return -1;
    return 0;
}

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
PyObject *native_compile(PyObject *module, PyObject *args) {
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
        /* every new object goes straight into its list, which owns it (and frees it on
         * error: a list may hold NULL slots) */
        PyObject *id = PyObject_GetAttr(t, s_id), *d = PyObject_GetAttr(t, s_duration),
                 *rl = PyObject_GetAttr(t, s_release), *ev = PyObject_GetAttr(t, s_every),
                 *pos = PyLong_FromSsize_t(k);
        PyList_SET_ITEM(lists[IDS], k, id);
        PyList_SET_ITEM(lists[DUR], k, d);
        PyList_SET_ITEM(lists[REL], k, rl);
        PyList_SET_ITEM(lists[EVERY], k, ev);
        PyList_SET_ITEM(lists[INPOS], at, pos);
        if (!id || !d || !rl || !ev || !pos || PyDict_SetItem(index, id, pos) < 0) goto done;
        PyObject *pn = PyObject_GetAttr(t, s_pin);
        if (!pn) goto done;
        dur[k] = PyLong_AsLong(d);
        every[k] = PyLong_AsLong(ev);
        pin[k] = pn == Py_None ? -1 : PyLong_AsLong(pn);
        Py_DECREF(pn);
        PyObject *pinv = PyLong_FromLong(pin[k]), *s0 = PyLong_FromLong(pin[k] > 0 ? pin[k] : 0);
        PyList_SET_ITEM(lists[PIN], k, pinv);
        PyList_SET_ITEM(lists[START0], k, s0);
        if (!pinv || !s0) goto done;
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
        PyList_SET_ITEM(lists[PREDS], k, prow);
        PyList_SET_ITEM(lists[PW], k, wrow);
        if (!prow || !wrow) {
            Py_DECREF(tp);
            goto done;
        }
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
