/*
 * export.h — which functions the shared library exports.
 *
 * The library is compiled with -fvisibility=hidden (Makefile), so a
 * function is visible to programs linking libglasstls.so only when its
 * declaration sits between GLASS_API_BEGIN and GLASS_API_END: every public
 * header (include/glasstls/) wraps its declarations so, and the internal
 * headers under lib/ and crypto/ do not.  `nm -D --defined-only` on the
 * shared library therefore lists the public API and nothing else
 * (tests/sh/install_pkgconfig.sh checks it).  The static library links
 * the same way for everyone: visibility is about the dynamic symbol table.
 */
#ifndef GLASSTLS_EXPORT_H
#define GLASSTLS_EXPORT_H

#if defined(__GNUC__) || defined(__clang__)
#define GLASS_API_BEGIN _Pragma("GCC visibility push(default)")
#define GLASS_API_END   _Pragma("GCC visibility pop")
#else
#define GLASS_API_BEGIN
#define GLASS_API_END
#endif

#endif /* GLASSTLS_EXPORT_H */
