/* One recognition stream in a forked decoder: audio in, hypotheses out, until the server closes the socket. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "helper.h"
#include "protocol.h"

static int send_frame(int fd, uint8_t type, const void *payload, uint32_t length)
{
    frame_header_t header = { .type = type, .length = length };
    if (write_full(fd, &header, sizeof header) < 0)
        return -1;
    return length == 0 ? 1 : write_full(fd, payload, length);
}

static int send_text(int fd, uint8_t type, const char *text)
{
    size_t length = text == NULL ? 0 : strlen(text);
    if (length > MAX_TEXT_BYTES)
        length = MAX_TEXT_BYTES; /* Bounded; a hypothesis this long is already nonsense. */
    return send_frame(fd, type, text, (uint32_t)length);
}

static int fail(int fd, const char *message)
{
    send_text(fd, FRAME_ERROR, message);
    return 1;
}

int stream_serve(int fd, ps_decoder_t *ps)
{
    static int16 samples[MAX_AUDIO_BYTES / sizeof(int16)];
    uint32_t ready[2] = { PROTOCOL_VERSION, (uint32_t)getpid() };
    int32 score;
    int ended = 0;
    size_t until_adapt = ADAPT_EVERY_SAMPLES;

    if (ps_start_utt(ps) < 0)
        return fail(fd, "ps_start_utt failed");
    if (send_frame(fd, FRAME_READY, ready, sizeof ready) < 0)
        return 1;

    for (;;) {
        frame_header_t header;
        int got = read_full(fd, &header, sizeof header);
        if (got == 0)
            return 0; /* The server is done with this stream. */
        if (got < 0)
            return 1;

        switch (header.type) {
        case FRAME_AUDIO:
            if (header.length > MAX_AUDIO_BYTES || header.length % sizeof(int16) != 0)
                return fail(fd, "audio frame too long or not whole samples");
            if (read_full(fd, samples, header.length) <= 0)
                return 1;
            if (ended)
                return fail(fd, "audio after the utterance was completed");
            for (size_t at = 0, count = header.length / sizeof(int16); at < count;) {
                size_t piece = count - at < until_adapt ? count - at : until_adapt;
                if (ps_process_raw(ps, samples + at, piece, FALSE, FALSE) < 0)
                    return fail(fd, "ps_process_raw failed");
                at += piece;
                until_adapt -= piece;
                if (until_adapt == 0) {
                    cmn_adapt(ps);
                    until_adapt = ADAPT_EVERY_SAMPLES;
                }
            }
            break;
        case FRAME_PARTIAL:
            if (header.length != 0)
                return fail(fd, "a partial request carries no payload");
            if (send_text(fd, FRAME_HYPOTHESIS, ps_get_hyp(ps, &score)) < 0)
                return 1;
            break;
        case FRAME_COMPLETE:
            if (header.length != 0)
                return fail(fd, "a complete request carries no payload");
            if (!ended && ps_end_utt(ps) < 0)
                return fail(fd, "ps_end_utt failed");
            ended = 1;
            if (send_text(fd, FRAME_FINAL, ps_get_hyp(ps, &score)) < 0)
                return 1;
            break;
        default:
            return fail(fd, "unknown frame type");
        }
    }
}
