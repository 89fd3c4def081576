/* Allocation that cannot fail: out of memory is a bug-class event, so these abort
 * through die() (which restores the terminal first) instead of returning NULL. */
#ifndef KITH_XALLOC_H
#define KITH_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* xreallocarray grows an array of count elements of size bytes, checking overflow. */
void *xreallocarray(void *p, size_t count, size_t size);
/* Room for element n of an array of *cap elements of size bytes: when n has reached *cap,
 * the array is reallocated to double that (from 8) and *cap updated; returns p, perhaps
 * moved. Every array filled row by row grows through it, so that n rows cost O(n) copying,
 * not O(n²). */
void *xgrow(void *p, size_t n, size_t *cap, size_t size);
/* The next capacity, for arrays kept side by side that grow together. */
size_t xgrow_cap(size_t cap);
char *xstrdup(const char *s); /* NULL gives NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* die() prints "kith: MESSAGE" and exits 70; the hook (set by the interface) runs first. */
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void die_set_hook(void (*hook)(void));

/* Wipes a buffer in a way the compiler cannot elide (passwords, keys). */
void xwipe(void *p, size_t n);

#endif
