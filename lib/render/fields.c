/*
 * fields.c — level 2 of the text trace: every field of a handshake message
 * decoded, like a protocol dissector (RFC 5246 section 7.4 names; the
 * extensions of RFC 6066, 8422, 5246, 7627, 5746).
 */
#include <stdio.h>
#include <string.h>
#include "glasstls/iana.h"
#include "glasstls/x509.h"
#include "render/render.h"

#define F(...) glass_render_text(t, __VA_ARGS__)

/* Names from the IANA tables (lib/common/iana.c): "x25519", "GREASE",
 * "X25519MLKEM768", ... or "unknown". */
static const char *group_name(uint16_t g)
{
    return glass_iana_name(GLASS_IANA_GROUP, g);
}

static const char *sigalg_name(uint16_t s)
{
    return glass_iana_name(GLASS_IANA_SIGALG, s);
}

/* An EC point as the standards write it: its curve and (x, y). */
static void ec_point_fields(glass_tracer *t, const char *indent, const glass_ec_public *p)
{
    char hex[2 * GLASS_EC_MAX_BYTES + 1];
    size_t n = glass_ec_size(p->curve);
    F("%scurve %s, uncompressed point 04 || x || y:\n", indent, glass_ec_curve_name(p->curve));
    glass_render_hex(p->x, n, hex);
    F("%s  x = %s\n", indent, hex);
    glass_render_hex(p->y, n, hex);
    F("%s  y = %s\n", indent, hex);
}

/* The r and s of a DER Ecdsa-Sig-Value (RFC 3279 2.2.3). */
static void ecdsa_fields(glass_tracer *t, const uint8_t *der, size_t len)
{
    uint8_t r[GLASS_EC_MAX_BYTES], s[GLASS_EC_MAX_BYTES];
    char hex[2 * GLASS_EC_MAX_BYTES + 1];
    glass_ec_curve curve = GLASS_EC_P256;
    /* the value's size tells P-256 from P-384 (each INTEGER at most 33 or 49 bytes) */
    if (glass_ecdsa_der_decode(curve, der, len, r, s) != 0) {
        curve = GLASS_EC_P384;
        if (glass_ecdsa_der_decode(curve, der, len, r, s) != 0) {
            F("        (not a DER Ecdsa-Sig-Value)\n");
            return;
        }
    }
    size_t n = glass_ec_size(curve);
    F("        ECDSA signature, SEQUENCE { INTEGER r, INTEGER s }:\n");
    glass_render_hex(r, n, hex);
    F("          r = %s\n", hex);
    glass_render_hex(s, n, hex);
    F("          s = %s\n", hex);
}

static void random_field(glass_tracer *t, const uint8_t r[32])
{
    char hex[65], when[32];
    /* RFC 5246 7.4.1.2: gmt_unix_time (4 bytes) || random_bytes (28);
     * glasstls fills all 32 at random, so the "time" means nothing. */
    uint32_t gmt = (uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 | (uint32_t)r[2] << 8 | r[3];
    glass_time_format((int64_t)gmt, when);
    glass_render_hex(r, 32, hex);
    F("      random: %s\n", hex);
    F("        gmt_unix_time: 0x%08x (%s, random here)\n", (unsigned)gmt, when);
}

static void session_field(glass_tracer *t, const uint8_t *id, size_t len)
{
    char hex[65];
    glass_render_hex(id, len, hex);
    F("      session_id (%zu bytes): %s\n", len, len ? hex : "empty");
}

static void exts(glass_tracer *t, const glass_hello_exts *e)
{
    size_t i;
    F("      extensions:\n");
    if (e->present & GLASS_EXTBIT_SERVER_NAME)
        F("        server_name (0): host_name \"%s\"\n", e->server_name);
    if (e->present & GLASS_EXTBIT_SUPPORTED_GROUPS) {
        F("        supported_groups (10):");
        for (i = 0; i < e->n_groups; i++)
            F(" %s (%u)", group_name(e->groups[i]), e->groups[i]);
        F("\n");
    }
    if (e->present & GLASS_EXTBIT_EC_POINT_FORMATS) {
        F("        ec_point_formats (11):");
        for (i = 0; i < e->n_point_formats; i++)
            F(" %s (%u)", e->point_formats[i] == 0 ? "uncompressed" : "other",
              e->point_formats[i]);
        F("\n");
    }
    if (e->present & GLASS_EXTBIT_SIGNATURE_ALGORITHMS) {
        F("        signature_algorithms (13):");
        for (i = 0; i < e->n_sigalgs; i++)
            F(" %s (0x%04x)", sigalg_name(e->sigalgs[i]), e->sigalgs[i]);
        F("\n");
    }
    if (e->present & GLASS_EXTBIT_EXTENDED_MASTER_SECRET)
        F("        extended_master_secret (23): empty\n");
    if (e->present & GLASS_EXTBIT_RENEGOTIATION_INFO)
        F("        renegotiation_info (65281): %zu bytes%s\n", e->renegotiation_info_len,
          e->renegotiation_info_len ? "" : " (initial handshake, RFC 5746)");
    if (e->present & GLASS_EXTBIT_SESSION_TICKET)
        F("        SessionTicket (35): %zu bytes%s\n", e->ticket_len,
          e->ticket_len ? " (a ticket, to resume its session; RFC 5077)"
                        : " (empty: a ticket is asked for / will come)");
    for (i = 0; i < e->n_ignored; i++)
        F("        extension %u (%s): not understood, ignored\n", e->ignored[i],
          glass_iana_name(GLASS_IANA_EXTENSION, e->ignored[i]));
}

static void client_hello(glass_tracer *t, const glass_client_hello *ch)
{
    size_t i;
    F("      client_version: 0x%04x%s\n", ch->client_version,
      ch->client_version == GLASS_TLS12_VERSION ? " (TLS 1.2)" : "");
    random_field(t, ch->random);
    session_field(t, ch->session_id, ch->session_id_len);
    F("      cipher_suites (%zu):\n", ch->n_cipher_suites);
    for (i = 0; i < ch->n_cipher_suites; i++) {
        const glass_suite_info *s = glass_suite_find(ch->cipher_suites[i]);
        F("        0x%04x %s%s\n", ch->cipher_suites[i], s ? s->name
          : glass_iana_name(GLASS_IANA_CIPHER_SUITE, ch->cipher_suites[i]),
          s || ch->cipher_suites[i] == GLASS_TLS_EMPTY_RENEGOTIATION_INFO_SCSV
          ? "" : " (not supported by glasstls)");
    }
    F("      compression_methods (%zu):", ch->n_compression_methods);
    for (i = 0; i < ch->n_compression_methods; i++)
        F(" %s (%u)", ch->compression_methods[i] == 0 ? "null" : "other",
          ch->compression_methods[i]);
    F("\n");
    if (ch->has_extensions)
        exts(t, &ch->ext);
}

static void server_hello(glass_tracer *t, const glass_server_hello *sh)
{
    const glass_suite_info *s = glass_suite_find(sh->cipher_suite);
    F("      server_version: 0x%04x%s\n", sh->server_version,
      sh->server_version == GLASS_TLS12_VERSION ? " (TLS 1.2)" : "");
    random_field(t, sh->random);
    session_field(t, sh->session_id, sh->session_id_len);
    F("      cipher_suite: 0x%04x %s\n", sh->cipher_suite, s ? s->name : "(unknown)");
    if (s != NULL)
        F("        key exchange %s, AES-%u-GCM, PRF and Finished with %s\n",
          s->kx == GLASS_KX_RSA ? "RSA"
          : s->kx == GLASS_KX_ECDHE_ECDSA ? "ECDHE_ECDSA (signed with ECDSA)"
                                          : "ECDHE_RSA (signed with RSA)", s->key_len * 8u,
          s->prf_hash == GLASS_HASH_SHA384 ? "SHA-384" : "SHA-256");
    F("      compression_method: %s (%u)\n", sh->compression_method ? "other" : "null",
      sh->compression_method);
    if (sh->has_extensions)
        exts(t, &sh->ext);
}

static void certificate(glass_tracer *t, const glass_certificate_msg *cm)
{
    F("      certificate_list: %zu certificate(s), leaf first\n", cm->n_certs);
    for (size_t i = 0; i < cm->n_certs; i++) {
        glass_x509_cert c;
        char buf[256], a[96], t1[32], t2[32];
        F("        [%zu] %zu bytes of DER\n", i, cm->cert_len[i]);
        if (glass_x509_parse(&c, cm->cert[i], cm->cert_len[i]) != 0) {
            F("          (not a parsable X.509 certificate)\n");
            continue;
        }
        glass_x509_subject_string(&c, buf, sizeof buf);
        F("          subject: %s\n", buf);
        glass_x509_issuer_string(&c, buf, sizeof buf);
        F("          issuer:  %s\n", buf);
        glass_time_format(c.not_before, t1);
        glass_time_format(c.not_after, t2);
        F("          validity: %s .. %s\n", t1, t2);
        F("          public key: %s, %zu bits\n", glass_x509_key_type_name(&c, a, sizeof a),
          c.key_bits);
        if (c.key_type == GLASS_X509_KEY_EC && c.ec_curve != GLASS_EC_NONE)
            ec_point_fields(t, "          ", &c.ec_pub);
        F("          signature: %s\n", glass_x509_sig_alg_name(&c, a, sizeof a));
    }
}

static void server_key_exchange(glass_tracer *t, const glass_server_key_exchange *ske)
{
    char hex[65];
    glass_ec_public pub;
    F("      curve_type: %s (%u)\n", ske->curve_type == 3 ? "named_curve" : "other",
      ske->curve_type);
    F("      named_group: %s (%u)\n", group_name(ske->named_group), ske->named_group);
    glass_render_hex(ske->public_key, ske->public_key_len <= 32 ? ske->public_key_len : 32, hex);
    F("      public key (%zu bytes): %s%s\n", ske->public_key_len, hex,
      ske->public_key_len > 32 ? "..." : "");
    if (ske->named_group != GLASS_GROUP_X25519 &&
        glass_ec_public_decode(&pub, (glass_ec_curve)ske->named_group, ske->public_key,
                               ske->public_key_len) == 0)
        ec_point_fields(t, "        ", &pub);
    F("      signature algorithm: %s (0x%04x)\n", sigalg_name(ske->sigalg), ske->sigalg);
    F("      signature: %zu bytes over client_random + server_random + params\n",
      ske->signature_len);
    if ((ske->sigalg & 0xff) == 0x03)          /* ecdsa: r and s of the DER value */
        ecdsa_fields(t, ske->signature, ske->signature_len);
}

static const char *cert_type_name(uint8_t type)
{
    switch (type) {                        /* RFC 5246 7.4.4, RFC 8422 5.5 */
    case 1:  return "rsa_sign";
    case 2:  return "dss_sign";
    case 3:  return "rsa_fixed_dh";
    case 4:  return "dss_fixed_dh";
    case 64: return "ecdsa_sign";
    default: return "unknown";
    }
}

static void certificate_request(glass_tracer *t, const glass_certificate_request *cr)
{
    size_t i;
    F("      certificate_types:");
    for (i = 0; i < cr->n_cert_types; i++)
        F(" %s (%u)", cert_type_name(cr->cert_types[i]), cr->cert_types[i]);
    F("\n      supported_signature_algorithms:");
    for (i = 0; i < cr->n_sigalgs; i++)
        F(" %s (0x%04x)", sigalg_name(cr->sigalgs[i]), cr->sigalgs[i]);
    F("\n      certificate_authorities: %zu%s\n", cr->ca_names_total,
      cr->ca_names_total == 0 ? " (any CA)" : "");
    for (i = 0; i < cr->n_ca_names; i++) {
        char buf[256];
        glass_bytes dn = { cr->ca_name[i], cr->ca_name_len[i] };
        if (glass_x509_name_string(&dn, buf, sizeof buf) != 0)
            snprintf(buf, sizeof buf, "(%zu bytes, not a DER name)", cr->ca_name_len[i]);
        F("        [%zu] %s\n", i, buf);
    }
}

static void client_key_exchange(glass_tracer *t, const glass_client_key_exchange *cke)
{
    if (cke->kx == GLASS_KX_RSA) {
        F("      EncryptedPreMasterSecret: %zu bytes (RSA PKCS#1 v1.5)\n", cke->len);
        return;
    }
    char hex[65];
    glass_ec_public pub;
    glass_render_hex(cke->data, cke->len <= 32 ? cke->len : 32, hex);
    if (cke->len == 32) {
        F("      ecdh_Yc (X25519 public key, %zu bytes): %s\n", cke->len, hex);
        return;
    }
    F("      ecdh_Yc (EC point, %zu bytes): %s...\n", cke->len, hex);
    glass_ec_curve curve = cke->len == 65 ? GLASS_EC_P256 : GLASS_EC_P384;
    if (glass_ec_public_decode(&pub, curve, cke->data, cke->len) == 0)
        ec_point_fields(t, "        ", &pub);
}

static void certificate_verify(glass_tracer *t, const glass_certificate_verify *cv)
{
    char hex[33];
    glass_render_hex(cv->signature, cv->signature_len < 16 ? cv->signature_len : 16, hex);
    F("      algorithm: %s (0x%04x)\n", glass_sigalg_name(cv->sigalg), cv->sigalg);
    F("      signature (%zu bytes, over the transcript before this message): %s...\n",
      cv->signature_len, hex);
}

void glass_render_fields(glass_tracer *t, const glass_hs_message *m)
{
    char hex[25];
    switch (m->type) {
    case GLASS_HS_CLIENT_HELLO:        client_hello(t, &m->u.client_hello); break;
    case GLASS_HS_SERVER_HELLO:        server_hello(t, &m->u.server_hello); break;
    case GLASS_HS_CERTIFICATE:         certificate(t, &m->u.certificate); break;
    case GLASS_HS_SERVER_KEY_EXCHANGE: server_key_exchange(t, &m->u.server_key_exchange); break;
    case GLASS_HS_CERTIFICATE_REQUEST: certificate_request(t, &m->u.certificate_request); break;
    case GLASS_HS_SERVER_HELLO_DONE:   F("      (empty body)\n"); break;
    case GLASS_HS_CLIENT_KEY_EXCHANGE: client_key_exchange(t, &m->u.client_key_exchange); break;
    case GLASS_HS_CERTIFICATE_VERIFY:  certificate_verify(t, &m->u.certificate_verify); break;
    case GLASS_HS_CHANGE_CIPHER_SPEC:
        F("      type: change_cipher_spec (%u)\n", m->u.change_cipher_spec.type);
        break;
    case GLASS_HS_FINISHED:
        glass_render_hex(m->u.finished.verify_data, 12, hex);
        F("      verify_data (12 bytes): %s\n", hex);
        break;
    case GLASS_HS_NEW_SESSION_TICKET:
        F("      ticket_lifetime_hint: %u seconds\n",
          (unsigned)m->u.new_session_ticket.ticket_lifetime_hint);
        F("      ticket: %zu bytes, opaque to the client (sealed by the server)\n",
          m->u.new_session_ticket.ticket_len);
        break;
    default:
        break;
    }
}
