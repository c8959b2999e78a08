/*
 * log.c — glass-server's output from many threads: each log line, and
 * each trace event, is written whole under one mutex, so lines never mix.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

#include "server.h"

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;

/* The line is formatted first and written whole: one write() on the
 * unbuffered stderr, and the lock held only for that. */
void server_log(const char *fmt, ...)
{
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    int n = snprintf(line, sizeof line, "%s: ", PROG);
    int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
    va_end(ap);
    if (m < 0 || (size_t)m >= sizeof line - (size_t)n)
        snprintf(line + sizeof line - 5, 5, "...\n");     /* cut, but still a line */
    pthread_mutex_lock(&log_lock);
    fputs(line, stderr);
    pthread_mutex_unlock(&log_lock);
}

/* The tracer is shared by the connection threads: one event at a time. */
void server_observe_locked(void *ctx, const glass_trace_event *ev)
{
    pthread_mutex_lock(&log_lock);
    glass_tracer_observe(ctx, ev);
    pthread_mutex_unlock(&log_lock);
}
