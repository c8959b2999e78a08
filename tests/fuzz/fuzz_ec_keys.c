/*
 * fuzz_ec_keys.c — elliptic-curve keys in files and certificates
 * (lib/x509/key.c, lib/x509/x509.c): SEC 1 ECPrivateKey and PKCS#8 with
 * id-ecPublicKey, as PEM or DER; certificates whose subject key is EC.
 *
 * The input goes to glass_private_key_load() as text and to
 * glass_private_key_parse_der() in each form, then is read as a sequence
 * of DER certificates.  Invariants: an EC key that loads has a valid public
 * point equal to dG (it signs a digest that its point verifies); a parsed
 * certificate with an EC key on a known curve holds a point that passes
 * glass_ec_public_check() and survives encode/decode unchanged; checking
 * its self-signature and validating it against the EC test roots return
 * an error code or 0, never anything else.
 */
#include <string.h>

#include "fuzz.h"
#include "glasstls/ec.h"
#include "glasstls/err.h"
#include "glasstls/x509.h"
#include "x509/asn1.h"

#define MAX_CERTS 4

static void use_key(const glass_private_key *k)
{
    if (k->type != GLASS_KEY_EC)
        return;                           /* RSA keys: fuzz_key.c */
    const glass_ec_private *ec = &k->u.ec;
    uint8_t digest[48], der[GLASS_ECDSA_MAX_DER];
    size_t len = 0;
    FUZZ_CHECK(ec->curve == GLASS_EC_P256 || ec->curve == GLASS_EC_P384);
    FUZZ_CHECK(ec->pub.curve == ec->curve);
    FUZZ_CHECK(glass_ec_public_check(&ec->pub) == 0);
    memset(digest, 0xa5, sizeof digest);
    glass_hash_id h = glass_ec_hash(ec->curve);
    size_t hl = glass_hash_size(h);
    FUZZ_CHECK(glass_ecdsa_sign_der(ec, h, digest, hl, der, sizeof der, &len) == 0);
    FUZZ_CHECK(glass_ecdsa_verify_der(&ec->pub, digest, hl, der, len) == 0);
}

static glass_x509_list anchors;
static int anchors_loaded;

static void load_anchors(void)
{
    if (anchors_loaded)
        return;
    anchors_loaded = 1;
    glass_x509_list_init(&anchors);
    (void)glass_x509_list_load_file(&anchors, "tests/certs/ec-root.pem");
    (void)glass_x509_list_load_file(&anchors, "tests/certs/ec384-root.pem");
    (void)glass_x509_list_load_file(&anchors, "tests/certs/root.pem");
}

static void check_cert(const glass_x509_cert *c)
{
    char buf[128];
    (void)glass_x509_key_summary(c, buf, sizeof buf);
    FUZZ_CHECK(memchr(buf, '\0', sizeof buf) != NULL);
    if (c->key_type != GLASS_X509_KEY_EC || c->ec_curve == GLASS_EC_NONE)
        return;
    uint8_t enc[GLASS_EC_MAX_POINT];
    size_t len = 0;
    glass_ec_public again;
    FUZZ_CHECK(c->key_bits == 8 * glass_ec_size(c->ec_curve));
    FUZZ_CHECK(glass_ec_public_check(&c->ec_pub) == 0);
    FUZZ_CHECK(glass_ec_public_encode(&c->ec_pub, enc, sizeof enc, &len) == 0);
    FUZZ_CHECK(glass_ec_public_decode(&again, c->ec_curve, enc, len) == 0);
    FUZZ_CHECK(memcmp(&again.x, &c->ec_pub.x, sizeof again.x) == 0);
    glass_public_key pub;
    FUZZ_CHECK(glass_x509_public_key(c, &pub) == 0 && pub.type == GLASS_KEY_EC);
    if (glass_x509_self_issued(c))
        FUZZ_CHECK(glass_x509_check_signature(c, c, 0) <= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static glass_private_key key;
    static const int forms[] = { GLASS_KEYFORM_SEC1, GLASS_KEYFORM_PKCS8, GLASS_KEYFORM_PKCS1 };
    if (glass_private_key_load(&key, data, size) == 0)
        use_key(&key);
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
        if (glass_private_key_parse_der(&key, data, size, forms[i]) == 0)
            use_key(&key);
    glass_private_key_wipe(&key);

    glass_x509_cert chain[MAX_CERTS];
    size_t n = 0;
    glass_der d;
    glass_der_tlv t;
    load_anchors();
    glass_der_init(&d, data, size);
    while (n < MAX_CERTS && glass_der_more(&d) && glass_der_next(&d, &t) == 0) {
        if (glass_x509_parse(&chain[n], t.tlv, t.tlv_len) != 0)
            continue;
        check_cert(&chain[n]);
        n++;
    }
    if (n > 0)
        FUZZ_CHECK(glass_x509_verify(chain, n, &anchors, "localhost", 1893456000, NULL) <= 0);
    return 0;
}
