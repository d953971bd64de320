/*
 * parley-pocketsphinx-helper: PocketSphinx decoders for Parley in their own processes.
 *
 *   parley-pocketsphinx-helper serve SOCKET SPARES -- DECODER_ARGUMENTS...
 *       Builds one decoder, prints "ready VERSION PID" on stdout, then keeps SPARES copies of it (forks: the models
 *       are shared copy-on-write) waiting for connections to SOCKET, one stream each. Exits when stdin closes.
 *   parley-pocketsphinx-helper prune-dictionary LM DICTIONARY OUT
 *       Writes the dictionary entries whose word the language model knows (the decoder can hear no other).
 *
 * Built by scripts/setup.sh with Debian's gcc, libpocketsphinx-dev and libsphinxbase-dev; never committed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helper.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: parley-pocketsphinx-helper serve SOCKET SPARES -- DECODER_ARGUMENTS...\n"
            "       parley-pocketsphinx-helper prune-dictionary LM DICTIONARY OUT\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc >= 5 && strcmp(argv[1], "serve") == 0 && strcmp(argv[4], "--") == 0)
        return zygote_run(argv[2], atoi(argv[3]), argc - 5, argv + 5);
    if (argc == 5 && strcmp(argv[1], "prune-dictionary") == 0)
        return prune_dictionary(argv[2], argv[3], argv[4]);
    return usage();
}
