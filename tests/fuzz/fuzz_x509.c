/*
 * fuzz_x509.c — libFuzzer target for everything lib/x509 reads from the
 * outside: DER (glass_der_check), certificates and what is derived from
 * them (names, host matching, validation against a one-certificate chain),
 * PEM text, and private-key files.  Build by hand:
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Ilib -Icrypto \
 *       tests/fuzz/fuzz_x509.c crypto/\*.c lib/\*\/\*.c -o build/fuzz_x509
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "glasstls/x509.h"
#include "x509/asn1.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    glass_x509_cert c;
    char buf[512];
    glass_der_check(data, size);
    if (glass_x509_parse(&c, data, size) == 0) {
        glass_x509_subject_string(&c, buf, sizeof(buf));
        glass_x509_issuer_string(&c, buf, sizeof(buf));
        glass_x509_check_host(&c, "www.glass.test");
        glass_x509_check_host(&c, "127.0.0.1");
        glass_x509_verify(&c, 1, NULL, "localhost", 1893456000, NULL);
    }
    glass_x509_list l;
    glass_x509_list_init(&l);
    glass_x509_list_add_pem(&l, data, size);
    glass_x509_list_free(&l);
    glass_rsa_private *k = calloc(1, sizeof(*k));
    if (k != NULL) {
        glass_x509_key_load(k, data, size);
        glass_rsa_private_free(k);
        free(k);
    }
    return 0;
}
