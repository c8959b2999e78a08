/*
 * glasstls/iana.h — the IANA TLS code points a peer may send, by name:
 * cipher suites, extensions, named groups, signature schemes, versions,
 * and the small registries inside extensions (lib/common/iana.c, the one
 * file that holds the tables, with its source named at its top).
 *
 * Each registered value has its IANA name, the document that defines it
 * and one sentence on what glasstls does with it: most of what a browser
 * offers is TLS 1.3, post-quantum or an option glasstls does not
 * implement, and the sentence says why it is ignored.  GREASE values
 * (RFC 8701) are recognised by their pattern, not listed one by one.
 *
 * Used by the web page of a handshake (glass_html_*, glasstls/trace.h)
 * and by the level-2 trace; it depends on nothing, so any layer may call
 * it (docs/api.md, "Name a code point").
 */
#ifndef GLASSTLS_IANA_H
#define GLASSTLS_IANA_H

#include "glasstls/export.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

/* The registries of the IANA "Transport Layer Security (TLS) Parameters"
 * and "TLS ExtensionType Values" groups that a hello carries. */
typedef enum glass_iana_registry {
    GLASS_IANA_CIPHER_SUITE = 1,  /* TLS Cipher Suites (u16) */
    GLASS_IANA_EXTENSION,         /* TLS ExtensionType Values (u16) */
    GLASS_IANA_GROUP,             /* TLS Supported Groups (u16) */
    GLASS_IANA_SIGALG,            /* TLS SignatureScheme (u16) */
    GLASS_IANA_VERSION,           /* ProtocolVersion (u16: 0x0303 TLS 1.2) */
    GLASS_IANA_COMPRESSION,       /* TLS Compression Method Identifiers (u8) */
    GLASS_IANA_POINT_FORMAT,      /* TLS EC Point Formats (u8) */
    GLASS_IANA_PSK_MODE,          /* TLS PskKeyExchangeMode (u8) */
    GLASS_IANA_CERT_COMPRESSION,  /* TLS Certificate Compression Algorithm IDs (u16) */
    GLASS_IANA_CERT_STATUS        /* TLS Certificate Status Types (u8) */
} glass_iana_registry;

typedef struct glass_iana_entry {
    uint16_t    value;
    const char *name;     /* the IANA description: "key_share", "X25519MLKEM768" */
    const char *ref;      /* the defining document: "RFC 8446" */
    const char *glass;    /* what glasstls does with it, one sentence */
} glass_iana_entry;

/* 1 when value is a GREASE value of reg (RFC 8701 section 2): for the
 * u16 registries (suites, extensions, groups, sigalgs, versions) 0x0A0A,
 * 0x1A1A, ... 0xFAFA; for PSK modes 0x0B, 0x2A, 0x49, ... 0xE4 (0x0B +
 * 0x1F * n).  0 otherwise. */
int glass_iana_is_grease(glass_iana_registry reg, uint16_t value);

/* The entry of value in reg: a registered value, or a GREASE value (one
 * shared entry named "GREASE" per registry); NULL when the value is
 * neither (unassigned, private use, or a registry glasstls does not
 * hold).  The entries are static and never change. */
const glass_iana_entry *glass_iana_lookup(glass_iana_registry reg, uint16_t value);

/* The name of value in reg, never NULL: the IANA name, "GREASE", or
 * "unknown". */
const char *glass_iana_name(glass_iana_registry reg, uint16_t value);

/* The registry's IANA title: "TLS Cipher Suites", ... ("?" for none). */
const char *glass_iana_registry_name(glass_iana_registry reg);

/* Application-Layer Protocol Negotiation (ALPN) Protocol IDs (RFC 7301
 * section 6): the entry of a protocol name ("h2", "http/1.1"; its bytes,
 * not NUL-terminated), a GREASE one (two bytes 0x?A 0x?A, RFC 8701), or
 * NULL. */
const glass_iana_entry *glass_iana_alpn(const uint8_t *id, size_t len);

/* The date the tables were written from the registry ("2026-12-02"). */
extern const char glass_iana_source_date[];

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_IANA_H */
