/*
 * labnet.h — the sockets of the lab programs (glass-attack, glass-mitm),
 * loopback only: the labs attack nothing but this machine
 * (docs/labs/README.md).  One copy, linked into every lab program
 * (the Makefile's LAB_COMMON).
 */
#ifndef GLASS_LABS_LABNET_H
#define GLASS_LABS_LABNET_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* "127.0.0.1:4433" or "[::1]:4433" (any 127.0.0.0/8 address, or ::1; a
 * numeric port) -> the address, 0; anything else -1. */
int lab_loopback_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *sl);

/* A listening socket on the loopback spec (port 0: the kernel picks one,
 * lab_sockname tells which), or -1 after saying why on stderr, prefixed
 * with prog. */
int lab_listen(const char *prog, const char *spec);

/* The first client on lfd within timeout_s seconds, or -1 after saying
 * so. */
int lab_accept(const char *prog, int lfd, int timeout_s);

/* A socket connected to the loopback spec, or -1 after saying why. */
int lab_connect(const char *prog, const char *spec);

/* fd's own address as "127.0.0.1:PORT" or "[::1]:PORT"; 0, or -1. */
int lab_sockname(int fd, char *out, size_t cap);

/* Sends all n bytes (retrying short writes and EINTR, no SIGPIPE): 0, or -1. */
int lab_write_all(int fd, const uint8_t *p, size_t n);

/* Seconds on the monotonic clock. */
double lab_now(void);

#endif
