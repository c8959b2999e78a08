/*
 * signals.c — SIGINT and SIGTERM ask glass-server to stop: the handler
 * only sets server_stopping, which the accept loop checks (its poll() is
 * interrupted, since SA_RESTART is not set).  The connection threads keep
 * these signals blocked (pool.c), so they always reach the accept loop.
 * SIGPIPE is ignored: a client that vanishes is an error on its
 * connection, never the end of the server.
 */
#include <signal.h>
#include <string.h>

#include "server.h"

volatile sig_atomic_t server_stopping;

static void on_signal(int sig)
{
    (void)sig;
    server_stopping = 1;
}

void catch_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;         /* no SA_RESTART: poll() returns EINTR */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);          /* a vanished client is an error, not a kill */
}
