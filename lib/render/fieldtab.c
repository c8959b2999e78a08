/*
 * fieldtab.c — the one table of the byte map (glasstls/fields.h): for
 * every field the codecs report, its name and section (from
 * GLASS_FIELD_LIST) and one paragraph on why it exists (WHY_<id>).  The text trace
 * (text.c), the web page and docs/fields.md (glass-states --fields) all
 * read it here; glass_field_value() decodes a field's bytes for them.
 */
#include <stdio.h>
#include <string.h>
#include "glasstls/fields.h"
#include "glasstls/handshake.h"
#include "glasstls/record.h"
#include "glasstls/x509.h"

/* Why each field exists: WHY_<field id>, one paragraph each.  The table
 * below names WHY_##id for every row of GLASS_FIELD_LIST, so a field
 * without its paragraph does not compile. */

#define WHY_GLASS_F_REC_TYPE \
    "Says what the record carries (handshake 22, change_cipher_spec 20, alert 21, " \
    "application_data 23), so one TCP stream can interleave the protocols that sit " \
    "on top of the record layer. It is sent in the clear even when the content is " \
    "encrypted, and it is part of the AAD, so it cannot be changed unnoticed."

#define WHY_GLASS_F_REC_VERSION \
    "The protocol version of the record: 0x0303 for TLS 1.2. Kept for compatibility " \
    "with middleboxes and old peers; a ClientHello record may carry an older 03,xx " \
    "(RFC 5246 E.1). It is covered by the AAD of protected records."

#define WHY_GLASS_F_REC_LENGTH \
    "The number of bytes of the record's fragment that follow the 5-byte header, at " \
    "most 2^14 plaintext (plus nonce and tag when encrypted): the receiver knows " \
    "where the record ends without looking inside it."

#define WHY_GLASS_F_REC_FRAGMENT \
    "The content of a record sent before ChangeCipherSpec, in the clear: handshake " \
    "messages (possibly several, or a part of one), a ChangeCipherSpec or an alert."

#define WHY_GLASS_F_REC_EXPLICIT_NONCE \
    "The 8 bytes of the GCM nonce that travel with the record; the receiver " \
    "prepends the 4-byte write IV (salt) to make the 12-byte nonce. A nonce must " \
    "never repeat under one key: glasstls sends the record's sequence number."

#define WHY_GLASS_F_REC_CIPHERTEXT \
    "The plaintext encrypted with AES in counter mode under the sender's write key: " \
    "as long as the plaintext, so its length is visible to an observer."

#define WHY_GLASS_F_REC_TAG \
    "The 16-byte GCM authentication tag over the AAD (sequence number, type, " \
    "version, plaintext length) and the ciphertext: a record changed, reordered, " \
    "replayed or moved to another connection fails to open (bad_record_mac)."

#define WHY_GLASS_F_REC_SSLV2 \
    "An SSL 2.0 style record holding a CLIENT-HELLO, which some old clients send " \
    "first so that SSLv2-only servers understand them; a TLS server reads it as a " \
    "ClientHello and hashes these bytes into the transcript."

#define WHY_GLASS_F_HS_TYPE \
    "Which handshake message follows (1 ClientHello, 2 ServerHello, 11 Certificate, " \
    "12 ServerKeyExchange, 14 ServerHelloDone, 16 ClientKeyExchange, 20 Finished, " \
    "...): the receiver checks it is the one the state machine expects."

#define WHY_GLASS_F_HS_LENGTH \
    "The length of the message body (3 bytes): handshake messages may span several " \
    "records or share one, so the message carries its own length."

#define WHY_GLASS_F_CH_VERSION \
    "The highest protocol version the client supports (0x0303 = TLS 1.2). The server " \
    "answers with the version it picks; the same value is repeated in the RSA " \
    "premaster secret to detect version rollback."

#define WHY_GLASS_F_SH_VERSION \
    "The version the server chose, at most the client's: 0x0303, TLS 1.2."

#define WHY_GLASS_F_CLIENT_RANDOM \
    "32 bytes the client picks at random. Mixed into the master secret and the key " \
    "block, so every connection gets fresh keys even with the same premaster, and " \
    "signed by the server in ServerKeyExchange so an old signature cannot be " \
    "replayed. Its first 4 bytes were once a timestamp; glasstls makes all random."

#define WHY_GLASS_F_SERVER_RANDOM \
    "32 bytes the server picks at random, the server's contribution to the " \
    "freshness of the keys (master secret, key block) and to what it signs."

#define WHY_GLASS_F_SESSION_ID_LEN \
    "The length of session_id, 0 to 32 bytes."

#define WHY_GLASS_F_SESSION_ID \
    "Names a session to resume (client) or the session the server will remember " \
    "(server); empty when there is nothing to resume."

#define WHY_GLASS_F_CH_SUITES_LEN \
    "The length in bytes of the list of cipher suites that follows (two bytes each)."

#define WHY_GLASS_F_CH_SUITE \
    "One cipher suite the client can use, in its order of preference: a key " \
    "exchange, a bulk cipher and a PRF hash named by one 2-byte code. Values the " \
    "server does not know are ignored (GREASE exists to keep it so)."

#define WHY_GLASS_F_CH_COMPRESSIONS_LEN \
    "The length of the list of compression methods."

#define WHY_GLASS_F_CH_COMPRESSION \
    "A compression method the client accepts; 0 (null) must be offered. Compression " \
    "before encryption leaks secrets (CRIME), so glasstls only ever uses null."

#define WHY_GLASS_F_SH_SUITE \
    "The one cipher suite the server picked from the client's list: it fixes the key " \
    "exchange (RSA or ECDHE_RSA), the AES key size and the PRF hash."

#define WHY_GLASS_F_SH_COMPRESSION \
    "The compression method chosen: 0, null."

#define WHY_GLASS_F_EXTS_LEN \
    "The length of the extensions block. The block is optional: a hello may end " \
    "before it, which is how TLS stays compatible with peers older than extensions."

#define WHY_GLASS_F_EXT \
    "One extension: a type, a length and its data. Extensions add features without " \
    "a new protocol version; a server ignores types it does not know, a client " \
    "refuses any it did not offer."

#define WHY_GLASS_F_EXT_TYPE \
    "Which extension this is (IANA ExtensionType registry): 0 server_name, 10 " \
    "supported_groups, 11 ec_point_formats, 13 signature_algorithms, 23 " \
    "extended_master_secret, 65281 renegotiation_info, ..."

#define WHY_GLASS_F_EXT_LEN \
    "The length of the extension's data, so a peer can skip an extension it does " \
    "not understand."

#define WHY_GLASS_F_EXT_DATA \
    "The data of an extension glasstls does not implement: skipped as a whole, " \
    "without looking inside (RFC 5246 7.4.1.4: unknown extensions are ignored)."

#define WHY_GLASS_F_SNI_LIST_LEN \
    "The length of the server_name_list."

#define WHY_GLASS_F_SNI_NAME_TYPE \
    "The kind of name: 0 = host_name, the only one defined."

#define WHY_GLASS_F_SNI_NAME_LEN \
    "The length of the host name."

#define WHY_GLASS_F_SNI_NAME \
    "The DNS name the client wants to reach, in ASCII, without a trailing dot. One " \
    "IP address may serve many names: the server picks the certificate for this " \
    "one before it is encrypted (which is why it is visible on the wire)."

#define WHY_GLASS_F_GROUPS_LEN \
    "The length of the list of named groups."

#define WHY_GLASS_F_GROUP \
    "A group (elliptic curve or finite field) the client can do ECDHE with, in " \
    "preference order: 29 = x25519, 23 = secp256r1, 24 = secp384r1."

#define WHY_GLASS_F_POINT_FORMATS_LEN \
    "The length of the list of point formats."

#define WHY_GLASS_F_POINT_FORMAT \
    "An encoding of curve points the sender can parse; 0 (uncompressed) is the one " \
    "every implementation must support."

#define WHY_GLASS_F_SIGALGS_LEN \
    "The length of the list of signature algorithms."

#define WHY_GLASS_F_SIGALG \
    "A signature scheme (hash and signature algorithm) the sender accepts, in " \
    "preference order: the server signs its ServerKeyExchange with one of them."

#define WHY_GLASS_F_RENEG_LEN \
    "The length of renegotiated_connection: 0 on an initial handshake."

#define WHY_GLASS_F_RENEG_DATA \
    "The previous handshake's verify_data on a renegotiation, binding it to the " \
    "connection it renegotiates (the fix for the 2009 renegotiation attack)."

#define WHY_GLASS_F_TICKET_EXT_DATA \
    "A session ticket the client presents to resume a session without server-side " \
    "state (empty: the client can take a new ticket)."

#define WHY_GLASS_F_CERT_LIST_LEN \
    "The length of the certificate chain that follows."

#define WHY_GLASS_F_CERT \
    "One certificate of the chain, as a 3-byte length and its DER bytes: the " \
    "sender's own certificate first, then each issuer in turn."

#define WHY_GLASS_F_CERT_LEN \
    "The length of one DER certificate."

#define WHY_GLASS_F_CERT_DER \
    "An X.509 certificate in DER: a subject name and public key signed by an " \
    "issuer. The client checks the chain up to a CA it already trusts and that the " \
    "leaf names the host it wanted; the leaf's key then authenticates the server."

#define WHY_GLASS_F_SKE_CURVE_TYPE \
    "How the curve is given: 3 = named_curve (a code from the registry), the only " \
    "form allowed."

#define WHY_GLASS_F_SKE_NAMED_GROUP \
    "The group of the server's ephemeral key: 29 = x25519, 23 = secp256r1, 24 = " \
    "secp384r1, one the client offered in supported_groups."

#define WHY_GLASS_F_SKE_POINT_LEN \
    "The length of the public key: 32 bytes for X25519, 65 for P-256 and 97 for " \
    "P-384 (uncompressed: 04 || x || y)."

#define WHY_GLASS_F_SKE_POINT \
    "The server's ephemeral public key (X25519, or a P-256/P-384 point the client " \
    "checks is on the curve), made fresh for this connection. With " \
    "the client's, each side computes the same premaster secret; thrown away " \
    "afterwards, it gives forward secrecy."

#define WHY_GLASS_F_SKE_SIGALG \
    "The signature scheme of the signature that follows (one the client offered)."

#define WHY_GLASS_F_SKE_SIG_LEN \
    "The length of the signature (the size of the RSA modulus, or of the DER " \
    "SEQUENCE { r, s } of an ECDSA signature)."

#define WHY_GLASS_F_SKE_SIG \
    "The server's signature, with its certificate's private key, over client_random " \
    "+ server_random + the curve and public key: proof that the key comes from the " \
    "certificate's owner, for this connection."

#define WHY_GLASS_F_CR_TYPES_LEN \
    "The length of the list of certificate types."

#define WHY_GLASS_F_CR_TYPE \
    "A kind of client certificate the server accepts (1 rsa_sign, 64 ecdsa_sign)."

#define WHY_GLASS_F_CR_CAS_LEN \
    "The length of the list of CA names."

#define WHY_GLASS_F_CR_CA_LEN \
    "The length of one distinguished name."

#define WHY_GLASS_F_CR_CA \
    "The DER name of a CA whose certificates the server accepts, to help the client " \
    "choose; an empty list means any."

#define WHY_GLASS_F_CKE_RSA_LEN \
    "The length of the encrypted premaster secret (the RSA modulus size)."

#define WHY_GLASS_F_CKE_RSA \
    "The 48-byte premaster secret (client_version + 46 random bytes), encrypted to " \
    "the server's RSA public key with PKCS#1 v1.5: only the certificate's owner can " \
    "read it. No forward secrecy: whoever gets that key later can decrypt."

#define WHY_GLASS_F_CKE_ECDH_LEN \
    "The length of the client's public key: 32 bytes for X25519, 65 / 97 for a " \
    "P-256 / P-384 point."

#define WHY_GLASS_F_CKE_ECDH \
    "The client's ephemeral public key (X25519, or an uncompressed P-256/P-384 point " \
    "the server checks is on the curve): with the server's key share, " \
    "ECDH(private, peer public) gives both sides the premaster secret."

#define WHY_GLASS_F_CV_SIGALG \
    "The signature scheme of the client's signature."

#define WHY_GLASS_F_CV_SIG_LEN \
    "The length of the signature."

#define WHY_GLASS_F_CV_SIG \
    "The client's signature over all handshake messages so far, with its " \
    "certificate's private key: proof it owns the certificate it sent."

#define WHY_GLASS_F_NST_LIFETIME \
    "How long (seconds) the client may keep the ticket; 0 when unspecified."

#define WHY_GLASS_F_NST_TICKET_LEN \
    "The length of the ticket."

#define WHY_GLASS_F_NST_TICKET \
    "The session state encrypted and authenticated under a key only the server " \
    "knows: the client stores it and presents it to resume."

#define WHY_GLASS_F_FIN_VERIFY_DATA \
    "PRF(master secret, \"client finished\" or \"server finished\", Hash(all " \
    "handshake messages so far)), 12 bytes, sent encrypted: each side proves it " \
    "has the same keys and saw the same handshake, so tampering with any earlier " \
    "message is detected."

#define WHY_GLASS_F_CCS_TYPE \
    "The single byte 1: from the next record on, the sender encrypts with the new " \
    "keys. It is a protocol of its own, not a handshake message, and is not hashed."

#define WHY_GLASS_F_ALERT_LEVEL \
    "1 warning or 2 fatal: a fatal alert ends the connection."

#define WHY_GLASS_F_ALERT_DESC \
    "What happened: close_notify (0) ends the connection cleanly (so truncation is " \
    "detected), others name the error."

#define WHY_GLASS_F_APP_DATA \
    "The bytes of the application (HTTP here), carried in application_data records " \
    "once the handshake is done."


static const glass_field_info table[GLASS_F_COUNT] = {
#define GLASS_F_ROW_(id, kind, name, section) [id] = { id, kind, name, section, WHY_##id },
    GLASS_FIELD_LIST(GLASS_F_ROW_)
#undef GLASS_F_ROW_
};

const glass_field_info *glass_field_get(int id)
{
    if (id <= GLASS_F_NONE || id >= GLASS_F_COUNT)
        return NULL;
    return &table[id];
}

static uint32_t be(const uint8_t *p, size_t n)
{
    uint32_t v = 0;
    for (size_t i = 0; i < n && i < 4; i++)
        v = v << 8 | p[i];
    return v;
}

static const char *group_name(uint32_t g)
{
    switch (g) {
    case 29: return "x25519";
    case 23: return "secp256r1";
    case 24: return "secp384r1";
    case 25: return "secp521r1";
    case 30: return "x448";
    case 256: return "ffdhe2048";
    case 257: return "ffdhe3072";
    default:  return "not used by glasstls";
    }
}

static const char *ext_name(uint32_t t)
{
    switch (t) {
    case GLASS_EXT_SERVER_NAME:            return "server_name";
    case GLASS_EXT_SUPPORTED_GROUPS:       return "supported_groups";
    case GLASS_EXT_EC_POINT_FORMATS:       return "ec_point_formats";
    case GLASS_EXT_SIGNATURE_ALGORITHMS:   return "signature_algorithms";
    case GLASS_EXT_EXTENDED_MASTER_SECRET: return "extended_master_secret";
    case GLASS_EXT_RENEGOTIATION_INFO:     return "renegotiation_info";
    case 35:                               return "session_ticket";
    default:                               return "not read by glasstls";
    }
}

/* hex of p[0..n) into out, "..." when it does not fit */
static size_t hex_value(const uint8_t *p, size_t n, char *out, size_t cap)
{
    static const char d[] = "0123456789abcdef";
    size_t o = 0;
    if (cap == 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (o + 2 + 4 > cap) {
            memcpy(out + o, "...", 4);
            return o + 3;
        }
        out[o++] = d[p[i] >> 4];
        out[o++] = d[p[i] & 15];
    }
    out[o] = '\0';
    return o;
}

size_t glass_field_value(int id, const uint8_t *p, size_t n, char *out, size_t cap)
{
    const glass_field_info *f = glass_field_get(id);
    uint32_t v = be(p, n);
    int k;
    if (cap == 0)
        return 0;
    out[0] = '\0';
    if (f == NULL || p == NULL)
        return 0;
    switch (f->kind) {
    case GLASS_FK_GROUP:
        k = snprintf(out, cap, "%zu bytes", n);
        break;
    case GLASS_FK_UINT:
        k = snprintf(out, cap, "%lu", (unsigned long)v);
        break;
    case GLASS_FK_LENGTH:
        k = snprintf(out, cap, "%lu", (unsigned long)v);
        break;
    case GLASS_FK_TEXT: {
        size_t o = 0;
        if (cap < 3)
            return 0;
        out[o++] = '"';
        for (size_t i = 0; i < n && o + 2 < cap; i++)
            out[o++] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '?';
        out[o++] = '"';
        out[o] = '\0';
        return o;
    }
    case GLASS_FK_VERSION:
        k = snprintf(out, cap, "0x%04lx%s", (unsigned long)v,
                     v == 0x0303 ? " (TLS 1.2)" : v == 0x0302 ? " (TLS 1.1)"
                     : v == 0x0301 ? " (TLS 1.0)" : "");
        break;
    case GLASS_FK_CONTENT_TYPE:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, glass_content_type_name((int)v));
        break;
    case GLASS_FK_HS_TYPE:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, glass_hs_type_name((int)v));
        break;
    case GLASS_FK_SUITE: {
        const glass_suite_info *s = glass_suite_find((uint16_t)v);
        k = snprintf(out, cap, "0x%04lx %s", (unsigned long)v, s ? s->name
                     : v == GLASS_TLS_EMPTY_RENEGOTIATION_INFO_SCSV
                     ? "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" : "(not supported by glasstls)");
        break;
    }
    case GLASS_FK_COMPRESSION:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, v == 0 ? "null" : "other");
        break;
    case GLASS_FK_EXT_TYPE:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, ext_name(v));
        break;
    case GLASS_FK_NAMED_GROUP:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, group_name(v));
        break;
    case GLASS_FK_POINT_FORMAT:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, v == 0 ? "uncompressed" : "other");
        break;
    case GLASS_FK_SIGALG:
        k = snprintf(out, cap, "0x%04lx %s", (unsigned long)v, glass_sigalg_name((uint16_t)v));
        break;
    case GLASS_FK_NAME_TYPE:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, v == 0 ? "host_name" : "other");
        break;
    case GLASS_FK_CURVE_TYPE:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, v == 3 ? "named_curve" : "other");
        break;
    case GLASS_FK_CERT_TYPE:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, v == 1 ? "rsa_sign"
                     : v == 64 ? "ecdsa_sign" : "other");
        break;
    case GLASS_FK_CERT: {
        glass_x509_cert c;
        char subj[200];
        if (glass_x509_parse(&c, p, n) == 0 && glass_x509_subject_string(&c, subj, sizeof subj) >= 0)
            k = snprintf(out, cap, "%zu bytes, subject %s", n, subj);
        else
            k = snprintf(out, cap, "%zu bytes (unparsable certificate)", n);
        break;
    }
    case GLASS_FK_ALERT_LEVEL:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, glass_alert_level_name((int)v));
        break;
    case GLASS_FK_ALERT_DESC:
        k = snprintf(out, cap, "%lu %s", (unsigned long)v, glass_alert_name((int)v));
        break;
    case GLASS_FK_HEX:
    default:
        return hex_value(p, n, out, cap);
    }
    if (k < 0)
        return 0;
    return (size_t)k < cap ? (size_t)k : cap - 1;
}
