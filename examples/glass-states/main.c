/*
 * glass-states — prints the TLS 1.2 handshake state machine of glasstls as
 * Markdown with a Mermaid stateDiagram, straight from the table that drives
 * the code (lib/handshake/table.c, read through glass_hs_table_step()):
 * for each role its steps, the handler of each and the file of its
 * message's writer and parser.  `make docs` writes its output to
 * docs/state-diagram.md; tests/sh/state_diagram.sh checks that file is
 * current.
 *
 *   glass-states            the state machine page (docs/state-diagram.md)
 *   glass-states --alerts   the error -> alert table (docs/alerts.md), from
 *                           the error list of glasstls/err.h, through
 *                           glass_alert_for_error()
 *   glass-states --fields   the field table of the byte map (docs/fields.md),
 *                           through glass_field_get() (glasstls/fields.h)
 */
#include <stdio.h>
#include <string.h>
#include "glasstls/err.h"
#include "glasstls/fields.h"
#include "glasstls/handshake.h"
#include "glasstls/record.h"

static const char *role_name[2] = { "Client", "Server" };

/* A Mermaid identifier for a step: its handler, unique across both roles
 * (the RSA and the ECDHE ClientKeyExchange are two steps of one state). */
static const char *ident(const glass_hs_step_info *st)
{
    return st->handler;
}

static int is_always(const glass_hs_step_info *st)
{
    return strcmp(st->condition, "always") == 0;
}

static int same_choice(const glass_hs_step_info *a, const glass_hs_step_info *b)
{
    return a->choice != NULL && b->choice != NULL && strcmp(a->choice, b->choice) == 0;
}

/* The arrows out of step i of a flavour: to each step that can come next.
 * Past an optional step (a condition, no choice) the path goes on, the
 * label saying "not" it; a choice is entered at each of its ways and left
 * from each to the step after the whole choice. */
static void arrows(int role, size_t fl, size_t i, const glass_hs_step_info *from,
                   const char *from_id)
{
    glass_hs_step_info nx;
    char label[256] = "";
    size_t j = i + 1;
    while (glass_hs_flavour_step(role, fl, j, &nx)) {
        if (same_choice(from, &nx)) {   /* another way of this step */
            j++;
            continue;
        }
        if (is_always(&nx)) {
            printf("    %s --> %s%s%s\n", from_id, ident(&nx), label[0] ? " : " : "", label);
            return;
        }
        if (nx.choice != NULL) {                        /* each way of the choice */
            glass_hs_step_info way = nx;
            size_t k = j;
            while (glass_hs_flavour_step(role, fl, k, &way) && same_choice(&way, &nx)) {
                printf("    %s --> %s : %s%s%s\n", from_id, ident(&way), label,
                       label[0] ? ", " : "", way.condition);
                k++;
            }
            return;
        }
        printf("    %s --> %s : %s%s%s\n", from_id, ident(&nx), label, label[0] ? ", " : "",
               nx.condition);
        size_t used = strlen(label);
        snprintf(label + used, sizeof label - used, "%snot %s", used ? ", " : "", nx.condition);
        j++;
    }
    printf("    %s --> application_data%s%s\n", from_id, label[0] ? " : " : "", label);
}

static void diagram(int role, size_t fl)
{
    glass_hs_step_info st;

    printf("```mermaid\nstateDiagram-v2\n");
    for (size_t i = 0; glass_hs_flavour_step(role, fl, i, &st); i++)
        printf("    %s : %s %s\n", ident(&st), st.we_send ? "send" : "receive",
               glass_hs_type_name(st.msg_type));
    printf("    application_data : application data\n");
    glass_hs_flavour_step(role, fl, 0, &st);
    printf("    [*] --> %s\n", ident(&st));
    for (size_t i = 0; glass_hs_flavour_step(role, fl, i, &st); i++)
        arrows(role, fl, i, &st, ident(&st));
    printf("    application_data --> [*]\n```\n\n");
}

static void table(int role, size_t fl)
{
    glass_hs_step_info st;
    printf("| # | state | %s | message | handler | runs when | message codec |\n",
           role_name[role]);
    printf("|---|---|---|---|---|---|---|\n");
    for (size_t i = 0; glass_hs_flavour_step(role, fl, i, &st); i++)
        printf("| %zu | %s | %s | %s | `%s()` | %s%s%s | `%s` |\n", i + 1,
               glass_hs_state_name(st.state), st.we_send ? "sends" : "receives",
               glass_hs_type_name(st.msg_type), st.handler, st.condition,
               st.choice != NULL ? " (one " : "", st.choice != NULL ? "way of the choice)" : "",
               st.codec);
    printf("\n");
}

static void flavours(int role)
{
    glass_hs_flavour_info fi, parent;
    glass_hs_step_info at;
    for (size_t fl = 0; glass_hs_flavour(role, fl, &fi); fl++) {
        printf("### %s, flavour \"%s\"\n\n", role_name[role], fi.name);
        if (fl == 0) {
            printf("Every handshake starts here.\n\n");
        } else {
            glass_hs_flavour(role, fi.from, &parent);
            glass_hs_flavour_step(role, fl, fi.at, &at);
            if (fi.peer_decides)
                printf("Forks from \"%s\" at step %zu when the peer's next message is a\n"
                       "%s (this side cannot know before it comes).",
                       parent.name, fi.at + 1, glass_hs_type_name(at.msg_type));
            else
                printf("Forks from \"%s\" at step %zu when `%s`.", parent.name, fi.at + 1,
                       fi.condition);
            printf("  Steps 1 to %zu are the\nsame steps in both.\n\n", fi.at);
        }
        diagram(role, fl);
        table(role, fl);
    }
}

static void alerts(void)
{
    static const struct { int code; const char *name; } errs[] = {
#define ROW_(name, value, alert, text) { value, #name },
        GLASS_ERROR_LIST(ROW_)
#undef ROW_
    };
    printf("# Errors and the alerts they send\n\n"
           "<!-- Generated by `make docs` (build/bin/glass-states --alerts) from\n"
           "     GLASS_ERROR_LIST in include/glasstls/err.h; do not edit by hand.\n"
           "     tests/sh/state_diagram.sh fails when this file is out of date. -->\n\n"
           "When a check fails, glasstls ends the connection with exactly one fatal\n"
           "alert (RFC 5246 section 7.2), chosen by ONE table: the error list in\n"
           "`include/glasstls/err.h`, where each code's line gives its value, the\n"
           "alert and the sentence `glass_strerror()` prints.\n"
           "`glass_alert_for_error()` (`lib/record/alert.c`) is expanded from it,\n"
           "so no code falls back to a default.  \"none\" means nothing is sent:\n"
           "the call would block, the transport failed or ended, or the peer\n"
           "itself sent the alert or closed.  `internal_error` is stated only for\n"
           "local faults (a bad argument, memory, the RNG, our own key or files),\n"
           "never for something the peer sent.\n\n"
           "The handshake translates most codes of `crypto/` before they end a\n"
           "connection: a ServerKeyExchange signature that does not verify is\n"
           "`GLASS_E_BAD_SKE_SIGNATURE`, a certificate's `GLASS_E_CERT_BAD_SIGNATURE`,\n"
           "an all-zero X25519 secret `GLASS_E_BAD_KEY_SHARE`, and the server's RSA\n"
           "key exchange replaces a premaster secret with bad padding or range by a\n"
           "random one, without any alert (RFC 5246 section 7.4.7.1).  Their rows\n"
           "say what the failure would mean anywhere else.\n\n"
           "| error | value | meaning | alert sent |\n|---|---|---|---|\n");
    for (size_t i = 0; i < sizeof errs / sizeof errs[0]; i++) {
        int a = glass_alert_for_error(errs[i].code);
        printf("| `%s` | %d | %s | %s |\n", errs[i].name, errs[i].code,
               glass_strerror(errs[i].code),
               a == GLASS_ALERT_NONE ? "none" : glass_alert_name(a));
    }
}

static void fields(void)
{
    static const char *const ids[] = {
        "",
#define ID_(id, kind, name, section) #id,
        GLASS_FIELD_LIST(ID_)
#undef ID_
    };
    printf("# The fields of the byte map\n\n"
           "<!-- Generated by `make docs` (build/bin/glass-states --fields) from\n"
           "     GLASS_FIELD_LIST in include/glasstls/fields.h and the paragraphs of\n"
           "     lib/render/fieldtab.c; do not edit by hand.  tests/sh/state_diagram.sh\n"
           "     fails when this file is out of date. -->\n\n"
           "Every byte glasstls reads or writes in a record or a handshake message\n"
           "belongs to one of these fields: the codecs report each one as a span\n"
           "(offset, length, field) when tracing, the level-3 trace prints one row\n"
           "per span, and renderers look a field up with `glass_field_get()` and\n"
           "decode its bytes with `glass_field_value()` (`glasstls/fields.h`,\n"
           "docs/api.md, \"The byte map\").  This table is the one place a field's\n"
           "name, section and purpose are written.\n\n"
           "| id | field | section | why it exists |\n|---|---|---|---|\n");
    for (int id = 1; id < GLASS_F_COUNT; id++) {
        const glass_field_info *f = glass_field_get(id);
        printf("| `%s` | %s | %s | %s |\n", ids[id], f->name, f->section, f->why);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--alerts") == 0) {
        alerts();
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--fields") == 0) {
        fields();
        return 0;
    }
    printf("# The handshake state machine\n\n"
           "<!-- Generated by `make docs` (build/bin/glass-states) from the table that\n"
           "     drives the code; do not edit by hand.  tests/sh/state_diagram.sh fails\n"
           "     when this file is out of date. -->\n\n"
           "Each role describes its handshakes as data (`lib/handshake/table.c`):\n"
           "one ordered list of steps per handshake FLAVOUR.  Every handshake starts\n"
           "in the full one; another flavour forks from it at the step where the two\n"
           "lists part, when its condition holds (the server knows from its\n"
           "configuration; the client sees which message the server sends next).\n"
           "`glass_handshake_step()` runs exactly one step: the handler named below\n"
           "sends or receives one message (RFC 5246 section 7.3), whose writer and\n"
           "parser are in the codec file.  Each handler belongs to one step of one\n"
           "role: the client's (`glass_client_*`) are in\n"
           "`lib/handshake/client_table.c`, the server's (`glass_server_*`) in\n"
           "`server_table.c`; what both do alike is in `shared_steps.c`.  Within a\n"
           "flavour a step whose condition is false is skipped, and the trace says so\n"
           "(the ServerKeyExchange exists only with ECDHE_RSA); the ways of one step\n"
           "(the RSA or the ECDHE ClientKeyExchange) are steps of one choice, of\n"
           "which exactly one runs.  Any other message than the one expected ends\n"
           "the handshake with `unexpected_message`.\n\n");
    for (int role = 0; role < 2; role++) {
        printf("## %s\n\n", role_name[role]);
        flavours(role);
    }
    return 0;
}
