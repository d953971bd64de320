/*
 * The decoder can only hear words that are both in its dictionary and in its language model, but it loads the whole
 * dictionary (134k entries for 72.5k words in the language model): pruning it to the model's words saves memory in
 * every decoder and time in every build, and changes no recognised word.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sphinxbase/err.h>
#include <sphinxbase/logmath.h>
#include <sphinxbase/ngram_model.h>

#include "helper.h"

int prune_dictionary(const char *lm_path, const char *dict_path, const char *out_path)
{
    char line[4096];
    long kept = 0, dropped = 0;
    int status = 0;

    err_set_logfp(NULL);
    logmath_t *lmath = logmath_init(1.0001, 0, 0);
    ngram_model_t *lm = lmath == NULL ? NULL : ngram_model_read(NULL, lm_path, NGRAM_AUTO, lmath);
    if (lm == NULL) {
        fprintf(stderr, "prune-dictionary: cannot read the language model %s\n", lm_path);
        logmath_free(lmath);
        return 1;
    }

    FILE *in = fopen(dict_path, "r");
    FILE *out = in == NULL ? NULL : fopen(out_path, "w");
    if (in == NULL || out == NULL) {
        fprintf(stderr, "prune-dictionary: cannot open %s: %s\n", in == NULL ? dict_path : out_path, strerror(errno));
        status = 1;
        goto done;
    }

    int32 unknown = ngram_unknown_wid(lm);
    while (fgets(line, sizeof line, in) != NULL) {
        size_t length = strlen(line);
        if (length == sizeof line - 1 && line[length - 1] != '\n') {
            fprintf(stderr, "prune-dictionary: a line of %s is longer than %zu bytes\n", dict_path, sizeof line - 2);
            status = 1;
            goto done;
        }

        /* "word PH ON EMES" or an alternative pronunciation "word(2) PH ..."; the model knows the bare word. */
        char word[sizeof line];
        size_t end = strcspn(line, " \t\r\n");
        memcpy(word, line, end);
        word[end] = '\0';
        char *variant = strchr(word, '(');
        if (variant != NULL && variant != word)
            *variant = '\0';

        if (word[0] != '\0' && ngram_wid(lm, word) != unknown) {
            if (fputs(line, out) == EOF) {
                fprintf(stderr, "prune-dictionary: cannot write %s: %s\n", out_path, strerror(errno));
                status = 1;
                goto done;
            }
            kept++;
        } else {
            dropped++;
        }
    }
    if (ferror(in)) {
        fprintf(stderr, "prune-dictionary: cannot read %s\n", dict_path);
        status = 1;
    }

done:
    if (out != NULL && fclose(out) != 0 && status == 0) {
        fprintf(stderr, "prune-dictionary: cannot write %s: %s\n", out_path, strerror(errno));
        status = 1;
    }
    if (in != NULL)
        fclose(in);
    if (status == 0)
        fprintf(stderr, "prune-dictionary: kept %ld entries, dropped %ld\n", kept, dropped);
    ngram_model_free(lm);
    logmath_free(lmath);
    return status;
}
