/*
 * log.c — glass-server's output from many threads: each log line, and
 * each trace event, is written whole under one mutex, so lines never mix.
 *
 * Each connection has a text tracer of its own (so the deferral and the
 * "which side is observed" of lib/render see one connection only), whose
 * lines start with the connection's id, "[c3] ", the id its log line
 * carries too; with --trace-dir the lines go to DIR/conn-0003.txt instead,
 * untagged.  --mermaid and --keylog stay one tracer for every connection
 * (one diagram file, one key log).
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* The connection's trace hook: its tracer, then the shared one, one event
 * at a time across the threads.  A trace file that grew past
 * TRACE_FILE_MAX is closed to more lines (a last one says so). */
static void conn_observe(void *ctx, const glass_trace_event *ev)
{
    session *s = ctx;
    pthread_mutex_lock(&log_lock);
    if (s->tracer != NULL)
        glass_tracer_observe(s->tracer, ev);
    if (s->opts->shared != NULL)
        glass_tracer_observe(s->opts->shared, ev);
    if (s->trace_file != NULL && s->tracer != NULL && ftell(s->trace_file) > TRACE_FILE_MAX) {
        glass_tracer_free(s->tracer);              /* writes out what it held */
        s->tracer = NULL;
        fprintf(s->trace_file, "[trace stopped: this file passed %ld bytes]\n", TRACE_FILE_MAX);
        fflush(s->trace_file);
    }
    pthread_mutex_unlock(&log_lock);
}

/* DIR/conn-0003.txt, created (or truncated) for writing, not through a
 * symbolic link, readable by its owner only: level 3 holds the keys. */
static FILE *open_trace_file(const session *s)
{
    static unsigned long files;                    /* under log_lock */
    char path[PATH_MAX];
    int w = snprintf(path, sizeof path, "%s/conn-%04lu.txt", s->opts->trace_dir, s->id);
    if (w < 0 || (size_t)w >= sizeof path)
        return NULL;
    pthread_mutex_lock(&log_lock);
    int room = files < TRACE_DIR_MAX_FILES, say = files == TRACE_DIR_MAX_FILES;
    if (files <= TRACE_DIR_MAX_FILES)
        files++;
    pthread_mutex_unlock(&log_lock);
    if (say)                                       /* once */
        server_log("[c%lu] --trace-dir: %d files written, the most in one run; the next "
                   "connections are not traced\n", s->id, TRACE_DIR_MAX_FILES);
    if (!room)
        return NULL;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f == NULL) {
        server_log("[c%lu] cannot write its trace to %s: %s\n", s->id, path, strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    return f;
}

void conn_trace_start(session *s)
{
    const server_opts *o = s->opts;
    s->cfg = *o->cfg;
    s->cfg.trace = NULL;
    s->cfg.trace_ctx = NULL;
    s->tracer = NULL;
    s->trace_file = NULL;
    if (o->trace_level > 0) {
        FILE *out = stderr;
        if (o->trace_dir != NULL && (out = s->trace_file = open_trace_file(s)) == NULL)
            goto shared;
        if (glass_tracer_new(&s->tracer) != 0) {
            if (s->trace_file != NULL)
                fclose(s->trace_file);
            s->trace_file = NULL;
            goto shared;
        }
        char tag[24];
        snprintf(tag, sizeof tag, "[c%lu] ", s->id);
        if (s->trace_file == NULL)
            glass_tracer_text_prefix(s->tracer, tag);
        pthread_mutex_lock(&log_lock);             /* level 3 writes a warning now */
        glass_tracer_text(s->tracer, out, o->trace_level, s->trace_file != NULL ? 0 : -1);
        pthread_mutex_unlock(&log_lock);
    }
shared:
    if (s->tracer != NULL || o->shared != NULL) {
        s->cfg.trace = conn_observe;
        s->cfg.trace_ctx = s;
    }
}

void conn_trace_end(session *s)
{
    pthread_mutex_lock(&log_lock);
    glass_tracer_free(s->tracer);
    s->tracer = NULL;
    if (s->trace_file != NULL)
        fclose(s->trace_file);
    s->trace_file = NULL;
    pthread_mutex_unlock(&log_lock);
}
