#ifndef PARLEY_HELPER_H
#define PARLEY_HELPER_H

#include <pocketsphinx.h>
#include <stddef.h>

/* Cepstral mean normalisation (cmn.c): the model's means, taken once; every utterance starts from them and adapts. */
typedef struct cmn_snapshot_s cmn_snapshot_t;
cmn_snapshot_t *cmn_snapshot_take(ps_decoder_t *ps);
void cmn_snapshot_restore(const cmn_snapshot_t *snapshot, ps_decoder_t *ps);
void cmn_adapt(ps_decoder_t *ps);
#define ADAPT_EVERY_SAMPLES 512

/* Serves one recognition stream on `fd` with `ps` (a forked copy, its means restored); returns the exit status. */
int stream_serve(int fd, ps_decoder_t *ps);

/* Builds a decoder, listens on `socket_path` and keeps `spares` forks of it waiting for connections until stdin closes. */
int zygote_run(const char *socket_path, int spares, int argc, char **argv);

/* Writes the entries of `dict` whose word the language model `lm` knows to `out`. */
int prune_dictionary(const char *lm, const char *dict, const char *out);

/* I/O that finishes the whole buffer or fails (EINTR retried); -1 on error, 0 on end of file (read only). */
int read_full(int fd, void *buffer, size_t length);
int write_full(int fd, const void *buffer, size_t length);

#endif
