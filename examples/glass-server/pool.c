/*
 * pool.c — glass-server's connection threads and the count of connections
 * in flight.
 *
 * One thread per connection in flight.  A thread whose connection has
 * ended does not exit at once: up to IDLE_THREADS of them wait for the
 * next connection.  Starting and ending a thread for every connection
 * costs more server CPU than everything in a handshake but the RSA
 * operation: clone(), a fresh stack faulted in page by page, and at exit
 * glibc's madvise() of the stack, whose TLB shootdown interrupts every
 * other CPU running the process (docs/programs.md).  The idle threads are
 * few and bounded, so the memory they keep is bounded too.
 */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

#define IDLE_THREADS 8

/* Everything below is under lock. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;  /* active or threads fell */
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;     /* queued, or retire */
static long active;            /* connections in flight */
static session *queued;        /* handed to an idle thread, not yet taken */
static long idle;              /* threads waiting for a connection, minus queued ones */
static long threads;           /* connection threads alive */
static int retire;             /* main asks the idle threads to exit */

void server_conn_done(void)
{
    pthread_mutex_lock(&lock);
    active--;
    pthread_cond_broadcast(&changed);
    pthread_mutex_unlock(&lock);
}

long pool_wait_below(long limit, volatile sig_atomic_t *stop)
{
    pthread_mutex_lock(&lock);
    while (active >= limit && (stop == NULL || !*stop)) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_sec += 1;
        pthread_cond_timedwait(&changed, &lock, &ts);
    }
    long n = active;
    pthread_mutex_unlock(&lock);
    return n;
}

long pool_in_flight(void)
{
    pthread_mutex_lock(&lock);
    long n = active;
    pthread_mutex_unlock(&lock);
    return n;
}

/* A connection thread: serves its first connection, then, while at most
 * IDLE_THREADS threads are idle, waits for another. */
static void *connection_thread(void *arg)
{
    session *s = arg;
    while (s != NULL) {
        serve_connection(s);           /* frees s, counts the connection done */
        pthread_mutex_lock(&lock);
        s = NULL;
        if (idle < IDLE_THREADS && !retire) {
            idle++;
            while (queued == NULL && !retire)
                pthread_cond_wait(&work, &lock);
            if (queued != NULL) {      /* pool_start_connection() already took our idle++ back */
                s = queued;
                queued = s->next;
            } else {
                idle--;
            }
        }
        if (s == NULL) {
            threads--;
            pthread_cond_broadcast(&changed);
        }
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

void pool_start_connection(int fd, const struct sockaddr_storage *ss, socklen_t len,
                           const server_opts *opts)
{
    session *s = calloc(1, sizeof *s);
    if (s == NULL) {
        close(fd);
        return;
    }
    static unsigned long accepted;     /* only the accept loop calls this */
    s->id = ++accepted;
    s->fd = fd;
    s->opts = opts;
    peer_name(ss, len, s->peer, sizeof s->peer);
    pthread_mutex_lock(&lock);
    active++;
    if (idle > 0) {                    /* the oldest waiting connection is taken first */
        idle--;
        session **tail = &queued;
        while (*tail != NULL)
            tail = &(*tail)->next;
        *tail = s;
        pthread_cond_signal(&work);
        pthread_mutex_unlock(&lock);
        return;
    }
    threads++;
    pthread_mutex_unlock(&lock);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 1u << 20);
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);    /* inherited: signals go to main (signals.c) */
    pthread_t t;
    if (pthread_create(&t, &attr, connection_thread, s) != 0) {
        server_log("[c%lu] %s: cannot start a thread; dropped\n", s->id, s->peer);
        close(fd);
        free(s);
        pthread_mutex_lock(&lock);
        threads--;
        pthread_mutex_unlock(&lock);
        server_conn_done();
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&attr);
}

void pool_retire_threads(void)
{
    pthread_mutex_lock(&lock);
    retire = 1;
    pthread_cond_broadcast(&work);
    while (threads > 0)
        pthread_cond_wait(&changed, &lock);
    pthread_mutex_unlock(&lock);
}
