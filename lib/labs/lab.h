/*
 * lab.h — GLASS_LAB(ID) inside the library: whether a lab switch is on
 * (include/glasstls/labs.h).  Only defined in the lab build; the normal
 * build has no switches at all, and code under one sits inside
 * #ifdef GLASS_UNSAFE_LABS so that it is not compiled there.
 */
#ifndef GLASS_LIB_LABS_LAB_H
#define GLASS_LIB_LABS_LAB_H

#ifdef GLASS_UNSAFE_LABS
#include "glasstls/labs.h"
#define GLASS_LAB(id) glass_lab_on(GLASS_LAB_##id)
#endif

#endif /* GLASS_LIB_LABS_LAB_H */
