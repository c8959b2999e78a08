/*
 * iana.c — the IANA TLS code points glasstls can name (glasstls/iana.h).
 *
 * Source: the IANA registry groups "Transport Layer Security (TLS)
 * Parameters" (https://www.iana.org/assignments/tls-parameters/) and
 * "TLS Extensiontype Values"
 * (https://www.iana.org/assignments/tls-extensiontype-values/), written
 * by hand from the registries as published on 2026-12-02: the value, the
 * Description column as name, the Reference column as ref.  Each table
 * holds every value a current browser, curl or OpenSSL sends, and the
 * neighbours a student will meet in captures; it is not the whole
 * registry (the GOST, Kerberos, PSK, SRP, ARIA and Camellia suites are
 * left out).  Code points a browser sends that are not (yet) in the
 * registry are marked "not in the IANA registry" in ref, with the draft
 * that assigns them.
 *
 * The third column is glasstls's own: what it does with the value.  The
 * page of a handshake (lib/render/html.c) shows it beside each code
 * point, so a student sees why most of a browser's ClientHello is
 * ignored.  glasstls speaks TLS 1.2 only (RFC 5246), with the suites of
 * lib/handshake/suites.c; everything else is skipped, as RFC 5246
 * section 7.4.1.4 requires of an extension a server does not know.
 */
#include <string.h>
#include "glasstls/iana.h"

const char glass_iana_source_date[] = "2026-12-02";

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The reasons, one sentence each, shared by many rows. */
#define USED      "glasstls implements this."
#define TLS13     "TLS 1.3 only: glasstls speaks TLS 1.2, so it is ignored."
#define TLS13SUITE "A TLS 1.3 suite: TLS 1.2 cannot negotiate it, so glasstls skips it."
#define CHACHA    "ChaCha20-Poly1305 is not implemented (glasstls has AES-GCM only)."
#define CBC       "CBC with HMAC (MAC-then-encrypt): not implemented; glasstls has AEAD (GCM) suites only."
#define ECDSA_SUITE "glasstls implements this: it needs an ECDSA (P-256/P-384) certificate on the server, which skips it with an RSA certificate only."
#define LEGACY    "Legacy, not implemented."
#define NOIMPL    "Not implemented by glasstls; the server ignores it (RFC 5246 7.4.1.4)."
#define PQ        "A post-quantum (ML-KEM) key share: TLS 1.3 only here, and not implemented."
#define FFDHE     "Finite-field Diffie-Hellman (RFC 7919): not implemented; glasstls uses elliptic curves (x25519, P-256, P-384)."
#define NOCURVE   "This curve is not implemented; glasstls has x25519, secp256r1 and secp384r1."
#define SIG13     "A TLS 1.3 signature scheme, not implemented."
#define NOSIG     "Not implemented: glasstls signs and verifies RSA (PKCS#1 v1.5 and PSS) and ECDSA (P-256, P-384)."
#define ECDSA_SIG "glasstls implements this: ECDSA, signed with an ECDSA certificate's key (any of P-256/P-384 in TLS 1.2) and verified from one."

static const glass_iana_entry suites[] = {
    { 0x0000, "TLS_NULL_WITH_NULL_NULL", "RFC 5246", "The initial state: no protection; never negotiated." },
    { 0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "RFC 5246", "3DES: weak (64-bit blocks, Sweet32); not implemented." },
    { 0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA", "RFC 5246", "3DES and finite-field DHE: not implemented." },
    { 0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", "RFC 5246", CBC },
    { 0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "RFC 5246", "Finite-field DHE with CBC: not implemented." },
    { 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", "RFC 5246", CBC },
    { 0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", "RFC 5246", "Finite-field DHE with CBC: not implemented." },
    { 0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", "RFC 5246", CBC },
    { 0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", "RFC 5246", CBC },
    { 0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", "RFC 5246", "Finite-field DHE with CBC: not implemented." },
    { 0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", "RFC 5246", "Finite-field DHE with CBC: not implemented." },
    { 0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256", "RFC 5288", USED },
    { 0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384", "RFC 5288", USED },
    { 0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "RFC 5288", "Finite-field DHE: not implemented; glasstls's forward-secret suites use ECDHE." },
    { 0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "RFC 5288", "Finite-field DHE: not implemented; glasstls's forward-secret suites use ECDHE." },
    { 0x00FF, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "RFC 5746", "Not a suite: the client supports secure renegotiation; glasstls notes it (it never renegotiates)." },
    { 0x1301, "TLS_AES_128_GCM_SHA256", "RFC 8446", TLS13SUITE },
    { 0x1302, "TLS_AES_256_GCM_SHA384", "RFC 8446", TLS13SUITE },
    { 0x1303, "TLS_CHACHA20_POLY1305_SHA256", "RFC 8446", TLS13SUITE },
    { 0x1304, "TLS_AES_128_CCM_SHA256", "RFC 8446", TLS13SUITE },
    { 0x1305, "TLS_AES_128_CCM_8_SHA256", "RFC 8446", TLS13SUITE },
    { 0x5600, "TLS_FALLBACK_SCSV", "RFC 7507", "Not a suite: the client is retrying with a lower version; glasstls speaks only TLS 1.2 anyway." },
    { 0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "RFC 8422", CBC },
    { 0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "RFC 8422", CBC },
    { 0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "RFC 8422", CBC },
    { 0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "RFC 8422", CBC },
    { 0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "RFC 5289", CBC },
    { 0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "RFC 5289", CBC },
    { 0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "RFC 5289", CBC },
    { 0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "RFC 5289", CBC },
    { 0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "RFC 5289", ECDSA_SUITE },
    { 0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "RFC 5289", ECDSA_SUITE },
    { 0xC02D, "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256", "RFC 5289", "Static ECDH: not implemented." },
    { 0xC02E, "TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384", "RFC 5289", "Static ECDH: not implemented." },
    { 0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "RFC 5289", USED },
    { 0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "RFC 5289", USED },
    { 0xC031, "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256", "RFC 5289", "Static ECDH: not implemented." },
    { 0xC032, "TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384", "RFC 5289", "Static ECDH: not implemented." },
    { 0xC09C, "TLS_RSA_WITH_AES_128_CCM", "RFC 6655", "AES-CCM: not implemented (glasstls has AES-GCM)." },
    { 0xC09D, "TLS_RSA_WITH_AES_256_CCM", "RFC 6655", "AES-CCM: not implemented (glasstls has AES-GCM)." },
    { 0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM", "RFC 7251", "AES-CCM: not implemented (glasstls has AES-GCM)." },
    { 0xC0AD, "TLS_ECDHE_ECDSA_WITH_AES_256_CCM", "RFC 7251", "AES-CCM: not implemented (glasstls has AES-GCM)." },
    { 0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "RFC 7905", CHACHA },
    { 0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "RFC 7905", CHACHA },
    { 0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "RFC 7905", CHACHA },
};

static const glass_iana_entry extensions[] = {
    { 0, "server_name", "RFC 6066", "glasstls reads the host name (SNI) and shows it; one certificate answers every name." },
    { 1, "max_fragment_length", "RFC 6066, RFC 8449", NOIMPL },
    { 2, "client_certificate_url", "RFC 6066", NOIMPL },
    { 3, "trusted_ca_keys", "RFC 6066", NOIMPL },
    { 4, "truncated_hmac", "RFC 6066", "Only for CBC suites, which glasstls does not have; ignored." },
    { 5, "status_request", "RFC 6066", "OCSP stapling: glasstls sends no OCSP response, so it ignores the request." },
    { 6, "user_mapping", "RFC 4681", NOIMPL },
    { 7, "client_authz", "RFC 5878", NOIMPL },
    { 8, "server_authz", "RFC 5878", NOIMPL },
    { 9, "cert_type", "RFC 6091", NOIMPL },
    { 10, "supported_groups", "RFC 8422, RFC 7919", "glasstls reads it and picks x25519 for ECDHE when the client offers it." },
    { 11, "ec_point_formats", "RFC 8422", "glasstls reads it; uncompressed (the only format left) is what it uses." },
    { 12, "srp", "RFC 5054", NOIMPL },
    { 13, "signature_algorithms", "RFC 8446", "glasstls reads it and signs ServerKeyExchange with the first scheme both sides have." },
    { 14, "use_srtp", "RFC 5764", "For DTLS-SRTP; glasstls has no DTLS, ignored." },
    { 15, "heartbeat", "RFC 6520", NOIMPL },
    { 16, "application_layer_protocol_negotiation", "RFC 7301", "ALPN: glasstls does not answer it, so the client falls back to HTTP/1.1 (what glass-server speaks)." },
    { 17, "status_request_v2", "RFC 6961", NOIMPL },
    { 18, "signed_certificate_timestamp", "RFC 6962", "Certificate Transparency: glasstls sends no SCTs (the demo CA logs nothing), ignored." },
    { 19, "client_certificate_type", "RFC 7250", NOIMPL },
    { 20, "server_certificate_type", "RFC 7250", NOIMPL },
    { 21, "padding", "RFC 7685", "Padding only, to make the hello a certain size; nothing to do." },
    { 22, "encrypt_then_mac", "RFC 7366", "Only for CBC suites, which glasstls does not have; ignored." },
    { 23, "extended_master_secret", "RFC 7627", "glasstls implements it: the master secret covers the session hash." },
    { 24, "token_binding", "RFC 8472", NOIMPL },
    { 25, "cached_info", "RFC 7924", NOIMPL },
    { 26, "tls_lts", "draft-gutmann-tls-lts", NOIMPL },
    { 27, "compress_certificate", "RFC 8879", "Certificate compression is for TLS 1.3; glasstls sends its chain uncompressed." },
    { 28, "record_size_limit", "RFC 8449", "glasstls sends records of up to 2^14 bytes, the TLS 1.2 limit; ignored." },
    { 29, "pwd_protect", "RFC 8492", NOIMPL },
    { 30, "pwd_clear", "RFC 8492", NOIMPL },
    { 31, "password_salt", "RFC 8492", NOIMPL },
    { 32, "ticket_pinning", "RFC 8672", NOIMPL },
    { 33, "tls_cert_with_extern_psk", "RFC 8773", TLS13 },
    { 34, "delegated_credential", "RFC 9345", "Delegated credentials are for TLS 1.3; ignored." },
    { 35, "session_ticket", "RFC 5077, RFC 8447", "Session tickets: glasstls does not resume sessions here, so it sends none." },
    { 36, "TLMSP", "ETSI TS 103 523-2", NOIMPL },
    { 37, "TLMSP_proxying", "ETSI TS 103 523-2", NOIMPL },
    { 38, "TLMSP_delegate", "ETSI TS 103 523-2", NOIMPL },
    { 39, "supported_ekt_ciphers", "RFC 8870", NOIMPL },
    { 41, "pre_shared_key", "RFC 8446", TLS13 },
    { 42, "early_data", "RFC 8446", TLS13 },
    { 43, "supported_versions", "RFC 8446", "The TLS 1.3 way to offer versions; glasstls answers with TLS 1.2 from the legacy version field." },
    { 44, "cookie", "RFC 8446", TLS13 },
    { 45, "psk_key_exchange_modes", "RFC 8446", TLS13 },
    { 47, "certificate_authorities", "RFC 8446", TLS13 },
    { 48, "oid_filters", "RFC 8446", TLS13 },
    { 49, "post_handshake_auth", "RFC 8446", TLS13 },
    { 50, "signature_algorithms_cert", "RFC 8446", "glasstls checks certificate signatures against signature_algorithms alone; ignored." },
    { 51, "key_share", "RFC 8446", "TLS 1.3 key shares: in TLS 1.2 the shares travel in ServerKeyExchange and ClientKeyExchange instead; ignored." },
    { 52, "transparency_info", "RFC 9162", NOIMPL },
    { 53, "connection_id (deprecated)", "RFC 9146", "For DTLS; glasstls has no DTLS, ignored." },
    { 54, "connection_id", "RFC 9146", "For DTLS; glasstls has no DTLS, ignored." },
    { 55, "external_id_hash", "RFC 8844", NOIMPL },
    { 56, "external_session_id", "RFC 8844", NOIMPL },
    { 57, "quic_transport_parameters", "RFC 9001", "For QUIC; ignored over TCP." },
    { 58, "ticket_request", "RFC 9149", TLS13 },
    { 59, "dnssec_chain", "RFC 9102", NOIMPL },
    { 51764, "trust_anchors (experimental code point)", "draft-ietf-tls-trust-anchor-ids; not in the IANA registry", "Trust Anchor Identifiers let the client say which CAs it trusts; glasstls has one chain to send, so it ignores them." },
    { 17513, "application_settings (old code point)", "draft-vvv-tls-alps; not in the IANA registry", "ALPS carries HTTP/2 settings in a TLS 1.3 handshake; ignored." },
    { 17613, "application_settings", "draft-vvv-tls-alps; not in the IANA registry", "ALPS carries HTTP/2 settings in a TLS 1.3 handshake; ignored." },
    { 65037, "encrypted_client_hello", "draft-ietf-tls-esni", "Encrypted ClientHello is TLS 1.3 only (and needs a key in DNS); glasstls ignores it and reads the outer hello." },
    { 65281, "renegotiation_info", "RFC 5746", "glasstls implements it: it answers with an empty one (it never renegotiates)." },
};

static const glass_iana_entry groups[] = {
    { 1, "sect163k1", "RFC 8422", LEGACY }, { 2, "sect163r1", "RFC 8422", LEGACY },
    { 3, "sect163r2", "RFC 8422", LEGACY }, { 4, "sect193r1", "RFC 8422", LEGACY },
    { 5, "sect193r2", "RFC 8422", LEGACY }, { 6, "sect233k1", "RFC 8422", LEGACY },
    { 7, "sect233r1", "RFC 8422", LEGACY }, { 8, "sect239k1", "RFC 8422", LEGACY },
    { 9, "sect283k1", "RFC 8422", LEGACY }, { 10, "sect283r1", "RFC 8422", LEGACY },
    { 11, "sect409k1", "RFC 8422", LEGACY }, { 12, "sect409r1", "RFC 8422", LEGACY },
    { 13, "sect571k1", "RFC 8422", LEGACY }, { 14, "sect571r1", "RFC 8422", LEGACY },
    { 15, "secp160k1", "RFC 8422", LEGACY }, { 16, "secp160r1", "RFC 8422", LEGACY },
    { 17, "secp160r2", "RFC 8422", LEGACY }, { 18, "secp192k1", "RFC 8422", LEGACY },
    { 19, "secp192r1", "RFC 8422", LEGACY }, { 20, "secp224k1", "RFC 8422", LEGACY },
    { 21, "secp224r1", "RFC 8422", LEGACY }, { 22, "secp256k1", "RFC 8422", LEGACY },
    { 23, "secp256r1", "RFC 8422", "glasstls implements it: NIST P-256, for ECDHE (after x25519 by default) and ECDSA keys." },
    { 24, "secp384r1", "RFC 8422", "glasstls implements it: NIST P-384, for ECDHE and ECDSA keys." },
    { 25, "secp521r1", "RFC 8422", NOCURVE },
    { 26, "brainpoolP256r1", "RFC 7027", NOCURVE },
    { 27, "brainpoolP384r1", "RFC 7027", NOCURVE },
    { 28, "brainpoolP512r1", "RFC 7027", NOCURVE },
    { 29, "x25519", "RFC 8446, RFC 7748", "glasstls implements it: its first choice for ECDHE." },
    { 30, "x448", "RFC 8446, RFC 7748", NOCURVE },
    { 31, "brainpoolP256r1tls13", "RFC 8734", TLS13 },
    { 32, "brainpoolP384r1tls13", "RFC 8734", TLS13 },
    { 33, "brainpoolP512r1tls13", "RFC 8734", TLS13 },
    { 256, "ffdhe2048", "RFC 7919", FFDHE }, { 257, "ffdhe3072", "RFC 7919", FFDHE },
    { 258, "ffdhe4096", "RFC 7919", FFDHE }, { 259, "ffdhe6144", "RFC 7919", FFDHE },
    { 260, "ffdhe8192", "RFC 7919", FFDHE },
    { 512, "MLKEM512", "draft-ietf-tls-mlkem", PQ },
    { 513, "MLKEM768", "draft-ietf-tls-mlkem", PQ },
    { 514, "MLKEM1024", "draft-ietf-tls-mlkem", PQ },
    { 4587, "SecP256r1MLKEM768", "draft-ietf-tls-ecdhe-mlkem", PQ },
    { 4588, "X25519MLKEM768", "draft-ietf-tls-ecdhe-mlkem", "Hybrid X25519 + ML-KEM-768 (post-quantum), for TLS 1.3 key_share; not implemented, glasstls uses plain x25519." },
    { 4589, "SecP384r1MLKEM1024", "draft-ietf-tls-ecdhe-mlkem", PQ },
    { 25497, "X25519Kyber768Draft00 (obsolete)", "draft-tls-westerbaan-xyber768d00", PQ },
    { 25498, "SecP256r1Kyber768Draft00 (obsolete)", "draft-kwiatkowski-tls-ecdhe-kyber", PQ },
    { 65281, "arbitrary_explicit_prime_curves", "RFC 8422", "Deprecated (RFC 8422); never accepted." },
    { 65282, "arbitrary_explicit_char2_curves", "RFC 8422", "Deprecated (RFC 8422); never accepted." },
};

static const glass_iana_entry sigalgs[] = {
    { 0x0101, "rsa_md5 (legacy)", "RFC 5246", "MD5 is broken; never used." },
    { 0x0201, "rsa_pkcs1_sha1", "RFC 8446", "SHA-1 signatures: glasstls knows them but does not offer them." },
    { 0x0202, "dsa_sha1 (legacy)", "RFC 5246", "DSA: not implemented." },
    { 0x0203, "ecdsa_sha1", "RFC 8446", "SHA-1 signatures are deprecated (RFC 9155); not used." },
    { 0x0301, "rsa_sha224 (legacy)", "RFC 5246", "SHA-224 signatures: not implemented." },
    { 0x0302, "dsa_sha224 (legacy)", "RFC 5246", "DSA: not implemented." },
    { 0x0303, "ecdsa_sha224 (legacy)", "RFC 5246", "SHA-224 signatures: not implemented." },
    { 0x0401, "rsa_pkcs1_sha256", "RFC 8446", USED },
    { 0x0402, "dsa_sha256 (legacy)", "RFC 5246", "DSA: not implemented." },
    { 0x0403, "ecdsa_secp256r1_sha256", "RFC 8446", ECDSA_SIG },
    { 0x0420, "rsa_pkcs1_sha256_legacy", "draft-ietf-tls-tls13-pkcs1", SIG13 },
    { 0x0501, "rsa_pkcs1_sha384", "RFC 8446", USED },
    { 0x0502, "dsa_sha384 (legacy)", "RFC 5246", "DSA: not implemented." },
    { 0x0503, "ecdsa_secp384r1_sha384", "RFC 8446", ECDSA_SIG },
    { 0x0520, "rsa_pkcs1_sha384_legacy", "draft-ietf-tls-tls13-pkcs1", SIG13 },
    { 0x0601, "rsa_pkcs1_sha512", "RFC 8446", USED },
    { 0x0602, "dsa_sha512 (legacy)", "RFC 5246", "DSA: not implemented." },
    { 0x0603, "ecdsa_secp521r1_sha512", "RFC 8446", "In TLS 1.2 (sha512, ecdsa): glasstls offers and verifies it with a P-256/P-384 key; P-521 itself is not implemented." },
    { 0x0620, "rsa_pkcs1_sha512_legacy", "draft-ietf-tls-tls13-pkcs1", SIG13 },
    { 0x0704, "eccsi_sha256", "RFC 9150", NOSIG },
    { 0x0708, "sm2sig_sm3", "RFC 8998", NOSIG },
    { 0x0804, "rsa_pss_rsae_sha256", "RFC 8446", USED },
    { 0x0805, "rsa_pss_rsae_sha384", "RFC 8446", USED },
    { 0x0806, "rsa_pss_rsae_sha512", "RFC 8446", USED },
    { 0x0807, "ed25519", "RFC 8446, RFC 8032", "EdDSA (Ed25519): not implemented (glasstls has X25519 for key exchange only)." },
    { 0x0808, "ed448", "RFC 8446, RFC 8032", "EdDSA (Ed448): not implemented." },
    { 0x0809, "rsa_pss_pss_sha256", "RFC 8446", "PSS with an RSASSA-PSS key (id-RSASSA-PSS certificate): not implemented; glasstls's keys are rsaEncryption." },
    { 0x080A, "rsa_pss_pss_sha384", "RFC 8446", "PSS with an RSASSA-PSS key (id-RSASSA-PSS certificate): not implemented; glasstls's keys are rsaEncryption." },
    { 0x080B, "rsa_pss_pss_sha512", "RFC 8446", "PSS with an RSASSA-PSS key (id-RSASSA-PSS certificate): not implemented; glasstls's keys are rsaEncryption." },
    { 0x081A, "ecdsa_brainpoolP256r1tls13_sha256", "RFC 8734", SIG13 },
    { 0x081B, "ecdsa_brainpoolP384r1tls13_sha384", "RFC 8734", SIG13 },
    { 0x081C, "ecdsa_brainpoolP512r1tls13_sha512", "RFC 8734", SIG13 },
    { 0x0904, "mldsa44", "draft-ietf-tls-mldsa", "ML-DSA (post-quantum signatures, FIPS 204): not implemented." },
    { 0x0905, "mldsa65", "draft-ietf-tls-mldsa", "ML-DSA (post-quantum signatures, FIPS 204): not implemented." },
    { 0x0906, "mldsa87", "draft-ietf-tls-mldsa", "ML-DSA (post-quantum signatures, FIPS 204): not implemented." },
};

static const glass_iana_entry versions[] = {
    { 0x0200, "SSL 2.0", "RFC 6176", "Prohibited (RFC 6176)." },
    { 0x0300, "SSL 3.0", "RFC 6101, RFC 7568", "Prohibited (RFC 7568)." },
    { 0x0301, "TLS 1.0", "RFC 2246, RFC 8996", "Deprecated (RFC 8996); glasstls speaks TLS 1.2 only." },
    { 0x0302, "TLS 1.1", "RFC 4346, RFC 8996", "Deprecated (RFC 8996); glasstls speaks TLS 1.2 only." },
    { 0x0303, "TLS 1.2", "RFC 5246", "glasstls implements this version, and only this one." },
    { 0x0304, "TLS 1.3", "RFC 8446", "Not implemented: glasstls answers with TLS 1.2, which a TLS 1.3 client also offers." },
};

static const glass_iana_entry compressions[] = {
    { 0, "null", "RFC 5246", "No compression: the only method glasstls accepts." },
    { 1, "DEFLATE", "RFC 3749", "Compression under encryption leaks (CRIME); never used." },
};

static const glass_iana_entry point_formats[] = {
    { 0, "uncompressed", "RFC 8422", "The point format glasstls uses." },
    { 1, "ansiX962_compressed_prime", "RFC 8422", "Deprecated (RFC 8422); not used." },
    { 2, "ansiX962_compressed_char2", "RFC 8422", "Deprecated (RFC 8422); not used." },
};

static const glass_iana_entry psk_modes[] = {
    { 0, "psk_ke", "RFC 8446", TLS13 },
    { 1, "psk_dhe_ke", "RFC 8446", TLS13 },
};

static const glass_iana_entry cert_compressions[] = {
    { 1, "zlib", "RFC 8879", "Certificate compression is not implemented." },
    { 2, "brotli", "RFC 8879", "Certificate compression is not implemented." },
    { 3, "zstd", "RFC 8879", "Certificate compression is not implemented." },
};

static const glass_iana_entry cert_status[] = {
    { 1, "ocsp", "RFC 6066", "OCSP stapling: not implemented." },
    { 2, "ocsp_multi", "RFC 6961", "OCSP stapling: not implemented." },
};

static const glass_iana_entry alpn_ids[] = {
    { 0, "http/1.1", "RFC 9112", "HTTP/1.1: what glass-server speaks (glasstls does not answer ALPN, and that is the default)." },
    { 0, "h2", "RFC 9113", "HTTP/2: glass-server does not speak it." },
    { 0, "h3", "RFC 9114", "HTTP/3 runs over QUIC, not TLS over TCP." },
    { 0, "spdy/3", "draft-mbelshe-httpbis-spdy", "Obsolete; not spoken." },
    { 0, "http/1.0", "RFC 1945", "glass-server answers HTTP/1.0 requests too, without ALPN." },
    { 0, "acme-tls/1", "RFC 8737", "For ACME certificate validation; not spoken." },
};

typedef struct table {
    glass_iana_registry reg;
    const char *title;
    const glass_iana_entry *rows;
    size_t n;
} table;

static const table tables[] = {
    { GLASS_IANA_CIPHER_SUITE, "TLS Cipher Suites", suites, N(suites) },
    { GLASS_IANA_EXTENSION, "TLS ExtensionType Values", extensions, N(extensions) },
    { GLASS_IANA_GROUP, "TLS Supported Groups", groups, N(groups) },
    { GLASS_IANA_SIGALG, "TLS SignatureScheme", sigalgs, N(sigalgs) },
    { GLASS_IANA_VERSION, "TLS protocol versions", versions, N(versions) },
    { GLASS_IANA_COMPRESSION, "TLS Compression Method Identifiers", compressions, N(compressions) },
    { GLASS_IANA_POINT_FORMAT, "TLS EC Point Formats", point_formats, N(point_formats) },
    { GLASS_IANA_PSK_MODE, "TLS PskKeyExchangeMode", psk_modes, N(psk_modes) },
    { GLASS_IANA_CERT_COMPRESSION, "TLS Certificate Compression Algorithm IDs", cert_compressions, N(cert_compressions) },
    { GLASS_IANA_CERT_STATUS, "TLS Certificate Status Types", cert_status, N(cert_status) },
};

static const char grease_why[] =
    "GREASE (RFC 8701): a reserved value sent at random to keep servers tolerant of "
    "values they do not know; it means nothing, and glasstls ignores it as it must.";

/* One GREASE entry per registry (value 0: the caller knows the value). */
static const glass_iana_entry grease = { 0, "GREASE", "RFC 8701", grease_why };

static const table *find_table(glass_iana_registry reg)
{
    for (size_t i = 0; i < N(tables); i++)
        if (tables[i].reg == reg)
            return &tables[i];
    return NULL;
}

int glass_iana_is_grease(glass_iana_registry reg, uint16_t v)
{
    switch (reg) {
    case GLASS_IANA_CIPHER_SUITE:
    case GLASS_IANA_EXTENSION:
    case GLASS_IANA_GROUP:
    case GLASS_IANA_SIGALG:
    case GLASS_IANA_VERSION:
        /* RFC 8701 section 2: both bytes equal, each 0x?A */
        return (v >> 8) == (v & 0xff) && (v & 0x0f) == 0x0a;
    case GLASS_IANA_PSK_MODE:
        /* RFC 8701 section 2: 0x0B, 0x2A, 0x49, ..., 0xE4 */
        return v <= 0xff && v >= 0x0b && (v - 0x0b) % 0x1f == 0;
    default:
        return 0;
    }
}

const glass_iana_entry *glass_iana_lookup(glass_iana_registry reg, uint16_t value)
{
    const table *t = find_table(reg);
    if (t == NULL)
        return NULL;
    for (size_t i = 0; i < t->n; i++)
        if (t->rows[i].value == value)
            return &t->rows[i];
    return glass_iana_is_grease(reg, value) ? &grease : NULL;
}

const char *glass_iana_name(glass_iana_registry reg, uint16_t value)
{
    const glass_iana_entry *e = glass_iana_lookup(reg, value);
    return e != NULL ? e->name : "unknown";
}

const char *glass_iana_registry_name(glass_iana_registry reg)
{
    const table *t = find_table(reg);
    return t != NULL ? t->title : "?";
}

const glass_iana_entry *glass_iana_alpn(const uint8_t *id, size_t len)
{
    if (id == NULL)
        return NULL;
    /* RFC 8701 section 2: GREASE ALPN identifiers are 0x?A 0x?A */
    if (len == 2 && id[0] == id[1] && (id[0] & 0x0f) == 0x0a)
        return &grease;
    for (size_t i = 0; i < N(alpn_ids); i++)
        if (strlen(alpn_ids[i].name) == len && memcmp(alpn_ids[i].name, id, len) == 0)
            return &alpn_ids[i];
    return NULL;
}
