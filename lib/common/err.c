/*
 * err.c — glass_strerror() and glass_err_name(), both expanded from the one
 * X-macro list in include/glasstls/err.h, so a code cannot lack its sentence.
 */
#include "glasstls/err.h"

const char *glass_strerror(int err)
{
    switch (err) {
#define GLASS_ERR_TEXT_(name, value, alert, text) case (value): return (text);
        GLASS_ERROR_LIST(GLASS_ERR_TEXT_)
#undef GLASS_ERR_TEXT_
    default:
        return "unknown glasstls error";
    }
}

const char *glass_err_name(int err)
{
    switch (err) {
#define GLASS_ERR_NAME_(name, value, alert, text) case (value): return #name;
        GLASS_ERROR_LIST(GLASS_ERR_NAME_)
#undef GLASS_ERR_NAME_
    default:
        return "GLASS_E_UNKNOWN";
    }
}
