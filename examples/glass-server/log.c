/*
 * log.c — glass-server's output from many threads: each log line, and
 * each trace event, is written whole under one mutex, so lines never mix.
 *
 * Each connection has a text tracer of its own (so the deferral and the
 * "which side is observed" of lib/render see one connection only), whose
 * lines start with the connection's id, "[c3] ", the id its log line
 * carries too; with --trace-dir the lines go to DIR/conn-0003.txt instead,
 * untagged.  --dump-dir and --recipes are the connection's too: its files
 * in DIR/conn-0003/, the commands beside its trace naming them.
 * The recorder of the connection's /handshake page gets every event too.
 * --mermaid and --keylog stay one tracer for every connection (one diagram
 * file, one key log); --pcap one capture.
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
    if (s->page != NULL)
        glass_html_observe(s->page, ev);           /* this connection's own: no lock */
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

/* --trace-dir and --dump-dir are bounded: at most TRACE_DIR_MAX_FILES
 * connections get a file or a folder in one run.  1 when s gets one. */
static int take_slot(const session *s)
{
    static unsigned long used;                     /* under log_lock */
    pthread_mutex_lock(&log_lock);
    int room = used < TRACE_DIR_MAX_FILES, say = used == TRACE_DIR_MAX_FILES;
    if (used <= TRACE_DIR_MAX_FILES)
        used++;
    pthread_mutex_unlock(&log_lock);
    if (say)                                       /* once */
        server_log("[c%lu] --trace-dir/--dump-dir: %d connections written, the most in one "
                   "run; the next ones are not\n", s->id, TRACE_DIR_MAX_FILES);
    return room;
}

/* DIR/conn-0003.txt, created (or truncated) for writing, not through a
 * symbolic link, readable by its owner only: level 3 holds the keys. */
static FILE *open_trace_file(const session *s)
{
    char path[PATH_MAX];
    int w = snprintf(path, sizeof path, "%s/conn-%04lu.txt", s->opts->trace_dir, s->id);
    if (w < 0 || (size_t)w >= sizeof path)
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

/* The connection's own tracer: its text (stderr, tagged, or its file),
 * its --dump-dir folder DIR/conn-0003/ and its recipes, which name the
 * files of that folder.  0, or -1 (logged; the connection goes untraced). */
static int own_tracer(session *s)
{
    const server_opts *o = s->opts;
    int files = o->trace_dir != NULL || o->dump_dir != NULL;
    if (files && !take_slot(s))
        return -1;
    FILE *out = stderr;
    if (o->trace_level > 0 && o->trace_dir != NULL &&
        (out = s->trace_file = open_trace_file(s)) == NULL)
        return -1;
    if (glass_tracer_new(&s->tracer) != 0)
        return -1;
    char tag[24];
    snprintf(tag, sizeof tag, "[c%lu] ", s->id);
    if (s->trace_file == NULL)
        glass_tracer_text_prefix(s->tracer, tag);
    if (o->dump_dir != NULL) {
        char dir[PATH_MAX];
        int w = snprintf(dir, sizeof dir, "%s/conn-%04lu", o->dump_dir, s->id);
        if (w < 0 || (size_t)w >= sizeof dir || glass_tracer_dump_dir(s->tracer, dir) != 0) {
            server_log("[c%lu] cannot make the folder %s/conn-%04lu\n", s->id, o->dump_dir,
                       s->id);
            return -1;
        }
    }
    if (o->recipes && glass_tracer_recipes(s->tracer, o->server_key) != 0)
        return -1;
    pthread_mutex_lock(&log_lock);                 /* level 3 writes a warning now */
    glass_tracer_text(s->tracer, o->trace_level > 0 ? out : NULL, o->trace_level,
                      s->trace_file != NULL ? 0 : -1);
    pthread_mutex_unlock(&log_lock);
    return 0;
}

void conn_trace_start(session *s)
{
    const server_opts *o = s->opts;
    s->cfg = *o->cfg;
    s->cfg.trace = NULL;
    s->cfg.trace_ctx = NULL;
    s->tracer = NULL;
    s->trace_file = NULL;
    if ((o->trace_level > 0 || o->dump_dir != NULL) && own_tracer(s) != 0) {
        glass_tracer_free(s->tracer);
        s->tracer = NULL;
        if (s->trace_file != NULL)
            fclose(s->trace_file);
        s->trace_file = NULL;
    }
    /* the /handshake page of the built-in pages; without its (bounded)
     * memory the connection goes on and the page says it is not there */
    s->page = NULL;
    if (o->root == NULL && glass_html_new(&s->page, 0, o->show_secrets) != 0)
        s->page = NULL;
    if (s->tracer != NULL || o->shared != NULL || s->page != NULL) {
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
