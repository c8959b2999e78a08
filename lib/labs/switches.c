/*
 * switches.c — the lab switches' state, names and banner
 * (include/glasstls/labs.h).  Compiled only into the lab library,
 * build/labs/lib/libglasstls-lab.a (the Makefile leaves lib/labs/ out of
 * the normal one; the #ifdef makes sure of it).
 */
#ifdef GLASS_UNSAFE_LABS

#include <stdio.h>
#include <string.h>

#include "glasstls/labs.h"

static int lab_state[GLASS_LAB_COUNT];

static const char *const lab_names[GLASS_LAB_COUNT] = {
#define GLASS_LAB_NAME(id, name, why) name,
    GLASS_LAB_SWITCHES(GLASS_LAB_NAME)
#undef GLASS_LAB_NAME
};

static const char *const lab_whys[GLASS_LAB_COUNT] = {
#define GLASS_LAB_WHY(id, name, why) why,
    GLASS_LAB_SWITCHES(GLASS_LAB_WHY)
#undef GLASS_LAB_WHY
};

void glass_lab_set(enum glass_lab_switch s, int on)
{
    if ((int)s >= 0 && s < GLASS_LAB_COUNT)
        lab_state[s] = on != 0;
}

int glass_lab_on(enum glass_lab_switch s)
{
    return (int)s >= 0 && s < GLASS_LAB_COUNT && lab_state[s];
}

int glass_lab_find(const char *name)
{
    for (int i = 0; i < GLASS_LAB_COUNT; i++)
        if (strcmp(name, lab_names[i]) == 0)
            return i;
    return -1;
}

const char *glass_lab_name(enum glass_lab_switch s)
{
    return (int)s >= 0 && s < GLASS_LAB_COUNT ? lab_names[s] : "?";
}

const char *glass_lab_why(enum glass_lab_switch s)
{
    return (int)s >= 0 && s < GLASS_LAB_COUNT ? lab_whys[s] : "?";
}

void glass_lab_note(enum glass_lab_switch s, const char *what)
{
    fprintf(stderr, "lab %s: %s\n", glass_lab_name(s), what);
}

void glass_lab_banner(FILE *out, const char *prog)
{
    fprintf(out,
            "*** %s: glasstls LAB BUILD, DELIBERATELY INSECURE ***\n"
            "*** for the attack labs of docs/labs/ only: loopback and demo keys, never real traffic ***\n",
            prog);
}

int glass_lab_enable_list(const char *names, FILE *out)
{
    char buf[256];
    size_t n = strlen(names);
    if (n >= sizeof buf) {
        fprintf(out, "lab: switch list too long\n");
        return -1;
    }
    memcpy(buf, names, n + 1);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        int s = glass_lab_find(tok);
        if (s < 0) {
            fprintf(out, "lab: unknown switch \"%s\"; the switches are:\n", tok);
            for (int i = 0; i < GLASS_LAB_COUNT; i++)
                fprintf(out, "  %-20s %s\n", lab_names[i], lab_whys[i]);
            return -1;
        }
        glass_lab_set((enum glass_lab_switch)s, 1);
        fprintf(out, "lab switch ON: %s: %s\n", lab_names[s], lab_whys[s]);
    }
    return 0;
}

#else
/* the normal build: nothing here (ISO C wants one declaration) */
typedef int glass_labs_not_in_this_build;
#endif
