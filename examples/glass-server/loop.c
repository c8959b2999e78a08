/*
 * loop.c — glass-server's workers: one thread per core (--workers N),
 * each running one epoll loop over the connections it accepted.
 *
 *   accept     every worker watches the one listening socket
 *              (EPOLLEXCLUSIVE: a new connection wakes one idle worker,
 *              not all of them), accepts a few at a time and keeps what
 *              it accepted for the connection's whole life, so no lock is
 *              ever taken around a connection;
 *   run        a ready socket runs its connection (serve.c) until the
 *              library says it would block; the connection says what it
 *              waits for (EPOLLIN or EPOLLOUT) and the loop waits;
 *   timeouts   every SCAN_MS the worker walks its list and ends (or moves
 *              on) each connection whose deadline passed: 10,000
 *              connections take well under a millisecond to walk, simpler
 *              than a timer wheel and bounded;
 *   limits     --max-conns counts the connections of all workers; at the
 *              limit a worker takes the listening socket out of its epoll
 *              set (new clients wait in the kernel's accept queue) until
 *              one ends; --count stops accepting after N;
 *   shutdown   once accepting is over (a signal, or --count), the
 *              listening socket leaves every epoll set and each worker
 *              exits when its last connection has ended.
 *
 * The memory of a connection is its glass_conn and its session; the
 * worker's one scratch record (16 KiB) serves every connection it runs,
 * one at a time.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "glasstls/record.h"
#include "server.h"

#define MAX_EVENTS 64
#define SCAN_MS 250
#define ACCEPT_BATCH 8         /* accepted per wake-up: the rest go to other workers */

static atomic_long in_flight;  /* connections of all workers */
static atomic_long accepted;   /* slots taken for --count */
static atomic_int over;        /* no more accepting */
static atomic_ulong next_id;

static pthread_t *threads;
static worker *workers;
static long n_workers;

/* The listening socket's mark in epoll_event.data (sessions are the
 * other values). */
static char listener_mark;

long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int accepting_over(void)
{
    return server_stopping || atomic_load(&over);
}

long conns_in_flight(void)
{
    return atomic_load(&in_flight);
}

static void set_listening(worker *w, int on)
{
    if (on == w->listening)
        return;
    if (on) {
        struct epoll_event ev = { .events = EPOLLIN | EPOLLEXCLUSIVE,
                                  .data.ptr = &listener_mark };
        if (epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->lfd, &ev) != 0)
            return;
    } else {
        epoll_ctl(w->epfd, EPOLL_CTL_DEL, w->lfd, NULL);
    }
    w->listening = on;
}

void worker_conn_add(worker *w, session *s)
{
    s->prev = NULL;
    s->next = w->conns;
    if (w->conns != NULL)
        w->conns->prev = s;
    w->conns = s;
    w->n_conns++;
}

void worker_conn_done(worker *w, session *s)
{
    if (s->prev != NULL)
        s->prev->next = s->next;
    else if (w->conns == s)
        w->conns = s->next;
    if (s->next != NULL)
        s->next->prev = s->prev;
    s->prev = s->next = NULL;
    w->n_conns--;
    w->ended = 1;
    atomic_fetch_sub(&in_flight, 1);
}

/* Accepts up to ACCEPT_BATCH connections, within --count and
 * --max-conns. */
static void accept_some(worker *w)
{
    const server_opts *o = w->opts;
    for (int i = 0; i < ACCEPT_BATCH && !accepting_over(); i++) {
        if (atomic_load(&in_flight) >= o->max_conns)
            return;
        /* --count: a slot first, given back if nothing was accepted */
        long slot = atomic_fetch_add(&accepted, 1);
        if (o->count >= 0 && slot >= o->count) {
            atomic_fetch_sub(&accepted, 1);
            atomic_store(&over, 1);
            return;
        }
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int fd = accept(w->lfd, (struct sockaddr *)&ss, &len);
        if (fd < 0) {
            atomic_fetch_sub(&accepted, 1);
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                /* out of descriptors: stop listening until connections end */
                set_listening(w, 0);
                w->next_scan = now_ms() + 100;
            }
            return;                        /* EAGAIN: another worker took it */
        }
        /* (accept4() would do these two in the same call; it is Linux's) */
        fcntl(fd, F_SETFD, FD_CLOEXEC);
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
        if (o->count >= 0 && slot + 1 >= o->count)
            atomic_store(&over, 1);        /* that was the last one */
        atomic_fetch_add(&in_flight, 1);
        char peer[48];
        peer_name(&ss, len, peer, sizeof peer);
        if (conn_open(w, fd, peer, o) != 0)
            atomic_fetch_sub(&in_flight, 1);
    }
}

/* Ends or advances every connection whose deadline passed; and once a
 * worker has no connection left, hands the memory its connections freed
 * back to the system (glibc keeps freed heap for reuse otherwise, and
 * after a burst of 10,000 connections that is 400 MB): at most once per
 * scan, and only after connections ended. */
static void scan_deadlines(worker *w, long long now)
{
    if (w->n_conns == 0 && w->ended) {
        malloc_trim(0);
        w->ended = 0;
    }
    session *s = w->conns;
    while (s != NULL) {
        session *next = s->next;           /* s may be freed */
        if (now >= s->io_deadline ||
            (s->phase <= PH_REQUEST && now >= s->deadline))
            conn_timeout(s);
        s = next;
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    struct epoll_event evs[MAX_EVENTS];
    w->next_scan = now_ms() + SCAN_MS;
    for (;;) {
        int stop = accepting_over();
        if (stop && w->n_conns == 0)
            break;
        /* listen while below --max-conns and accepting */
        set_listening(w, !stop && atomic_load(&in_flight) < w->opts->max_conns);
        long long now = now_ms();
        int wait = w->next_scan > now ? (int)(w->next_scan - now) : 0;
        if (!w->listening && !stop && wait > 50)
            wait = 50;                     /* at the limit: look again soon */
        int n = epoll_wait(w->epfd, evs, MAX_EVENTS, wait);
        for (int i = 0; i < n; i++) {
            if (evs[i].data.ptr == &listener_mark) {
                accept_some(w);
                continue;
            }
            session *s = evs[i].data.ptr;
            /* an event for a connection ended earlier in this batch
             * cannot come: a connection is ended only by its own event or
             * by the scan below, after the batch */
            conn_run(s);
        }
        now = now_ms();
        if (now >= w->next_scan) {
            scan_deadlines(w, now);
            w->next_scan = now + SCAN_MS;
        }
    }
    set_listening(w, 0);
    return NULL;
}

int workers_start(int lfd, const server_opts *opts, long n)
{
    threads = calloc((size_t)n, sizeof *threads);
    workers = calloc((size_t)n, sizeof *workers);
    if (threads == NULL || workers == NULL)
        return -1;
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, &old);    /* inherited: signals go to main */
    for (long i = 0; i < n; i++) {
        worker *w = &workers[i];
        w->lfd = lfd;
        w->opts = opts;
        w->epfd = epoll_create1(EPOLL_CLOEXEC);
        w->scratch = malloc(GLASS_MAX_PLAINTEXT);
        pthread_attr_t attr;               /* the default stack: one per worker */
        pthread_attr_init(&attr);
        if (w->epfd < 0 || w->scratch == NULL ||
            pthread_create(&threads[i], &attr, worker_main, w) != 0) {
            pthread_attr_destroy(&attr);
            server_log("cannot start worker %ld: %s\n", i + 1, strerror(errno));
            atomic_store(&over, 1);
            n_workers = i;
            pthread_sigmask(SIG_SETMASK, &old, NULL);
            return -1;
        }
        pthread_attr_destroy(&attr);
        n_workers = i + 1;
    }
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return 0;
}

void workers_drain(void)
{
    atomic_store(&over, 1);
    for (long i = 0; i < n_workers; i++) {
        pthread_join(threads[i], NULL);
        close(workers[i].epfd);
        free(workers[i].scratch);
    }
    free(threads);
    free(workers);
    threads = NULL;
    workers = NULL;
    n_workers = 0;
}

unsigned long next_conn_id(void)
{
    return atomic_fetch_add(&next_id, 1) + 1;
}
