/*
 * feed.h — a transport that reads a fixed buffer and throws away what is
 * sent: the peer of a record layer or connection that only has to be fed
 * (fuzz targets, the captured streams of tests/tools/record_tool.c).
 */
#ifndef GLASS_TESTS_FEED_H
#define GLASS_TESTS_FEED_H

#include <stddef.h>
#include <stdint.h>
#include "glasstls/record.h"

typedef struct test_feed {
    const uint8_t *p;          /* the bytes to read */
    size_t len, pos;
    int one_byte;              /* hand out one byte per read */
    int block;                 /* "would block" before every read */
    int toggle;                /* (state of block) */
} test_feed;

/* recv: GLASS_E_WANT_READ every other call when block is set; else up to
 * len bytes of what is left (one when one_byte), 0 (end of stream) once
 * everything was read.  send: accepts every byte and drops it. */
glass_transport test_feed_transport(test_feed *f);

#endif
