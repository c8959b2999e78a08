/*
 * triple.h — glass-mitm triple (lab 5, the triple handshake).  Placeholder
 * of this branch: the lab 5 branch brings the real one.
 */
#ifndef GLASS_LABS_MITM_TRIPLE_H
#define GLASS_LABS_MITM_TRIPLE_H

int mitm_triple_main(int argc, char **argv);

#endif /* GLASS_LABS_MITM_TRIPLE_H */
