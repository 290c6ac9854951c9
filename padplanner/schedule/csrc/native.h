/* padplanner's scheduler hot loops in C (the module padplanner.schedule._native).
 *
 * An optional accelerator: every function computes exactly what its Python twin computes
 * (same steps, same ties, the same random numbers), so a schedule never depends on whether
 * this module was built; tests/schedule/test_native.py compares each pair. Plain arrays
 * replace the Python passes' big-int profiles. Built at install time by hatch_build.py from
 * every .c file in this folder; padplanner falls back to Python without it.
 *
 *   module.c     the Engine type, reading Python lists, the method tables
 *   passes.c     schedule passes, justification, local search, lists, sampling
 *   propagate.c  proofs by propagation and shaving
 *   bounds.c     lower bounds, priority rules, heads, tails, latest starts
 *   compile.c    compiling problems and parts, splitting cohorts (module functions)
 */
#ifndef PADPLANNER_NATIVE_H
#define PADPLANNER_NATIVE_H

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

/* The first week of task i's calendar (rel + k * every) at or after t. */
static inline long up(const Engine *self, long i, long t) {
    long rel = self->rel[i], e = self->every[i];
    if (t < rel) return rel;
    if (e == 1) return t;
    long m = (t - rel) % e;
    return m ? t + e - m : t;
}

/* The last week of task i's calendar at or before t (below rel when t is). */
static inline long down(const Engine *self, long i, long t) {
    long e = self->every[i];
    return e == 1 ? t : t - floor_mod(t - self->rel[i], e);
}

/* 1 if tasks i and j can never run in the same week: on some resource they both use, their
 * demands together exceed its capacity. */
static inline int clash(const Engine *self, long i, long j) {
    for (Py_ssize_t a = self->dm_off[i]; a < self->dm_off[i + 1]; a++)
        for (Py_ssize_t b = self->dm_off[j]; b < self->dm_off[j + 1]; b++)
            if (self->dm_r[a] == self->dm_r[b] &&
                self->dm_q[a] + self->dm_q[b] > self->cap[self->dm_r[a]])
                return 1;
    return 0;
}


#define BIT(set, j) ((set)[(j) >> 6] >> ((j) & 63) & 1)
#define SETBIT(set, j) ((set)[(j) >> 6] |= (uint64_t)1 << ((j) & 63))

/* module.c */
int read_longs(PyObject *seq, long *dst, Py_ssize_t len, const char *what);
int read_pairs(PyObject *seq, Py_ssize_t n, Py_ssize_t *off, long **a, long **b, const char *what);
Py_ssize_t read_order(Engine *self, PyObject *order);
PyObject *list_of(const long *values, Py_ssize_t n);
/* passes.c */
PyObject *Engine_forward(Engine *self, PyObject *order);
PyObject *Engine_backward(Engine *self, PyObject *args);
PyObject *Engine_run(Engine *self, PyObject *args);
PyObject *Engine_local(Engine *self, PyObject *args);
PyObject *Engine_priority(Engine *self, PyObject *args);
PyObject *Engine_reverse(Engine *self, PyObject *prio);
PyObject *Engine_sample(Engine *self, PyObject *args);
PyObject *Engine_samples(Engine *self, PyObject *args);
/* propagate.c */
PyObject *Engine_set_refuter(Engine *self, PyObject *args);
PyObject *Engine_propagate(Engine *self, PyObject *args);
PyObject *Engine_refute(Engine *self, PyObject *args);
PyObject *Engine_set_refuter_here(Engine *self, PyObject *unused);
/* bounds.c */
PyObject *Engine_resource_bound(Engine *self, PyObject *args);
PyObject *Engine_rules(Engine *self, PyObject *args);
PyObject *Engine_heads(Engine *self, PyObject *unused);
PyObject *Engine_latest_starts(Engine *self, PyObject *arg);
PyObject *Engine_tails(Engine *self, PyObject *unused);
PyObject *Engine_free_succ(Engine *self, PyObject *unused);
/* compile.c */
PyObject *native_split(PyObject *module, PyObject *args);
PyObject *native_part(PyObject *module, PyObject *args);
PyObject *native_compile(PyObject *module, PyObject *args);
int native_intern_names(void);

#endif
