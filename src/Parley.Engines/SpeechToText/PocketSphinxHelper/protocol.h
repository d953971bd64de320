/*
 * The helper's wire format, spoken over one Unix stream socket per recognition stream between the server and a
 * forked decoder. Both ends run on the same machine, so integers are in host byte order.
 *
 * A frame is an 8-byte header { uint8 type; uint8 reserved[3]; uint32 length; } followed by `length` bytes.
 * Server -> decoder: AUDIO (PCM16 mono 16 kHz samples), PARTIAL, COMPLETE (both empty).
 * Decoder -> server: READY once (uint32 version, uint32 pid), then one HYPOTHESIS per PARTIAL and one FINAL per
 * COMPLETE (UTF-8 text), or ERROR (UTF-8 message) after which the decoder exits.
 * Keep PROTOCOL_VERSION in step with PocketSphinxHelperProtocol.cs.
 */
#ifndef PARLEY_PROTOCOL_H
#define PARLEY_PROTOCOL_H

#include <stdint.h>

#define PROTOCOL_VERSION 1

#define FRAME_AUDIO 'A'
#define FRAME_PARTIAL 'P'
#define FRAME_COMPLETE 'C'
#define FRAME_READY 'R'
#define FRAME_HYPOTHESIS 'H'
#define FRAME_FINAL 'F'
#define FRAME_ERROR 'X'

/* Bounds: an audio frame holds at most 2 s of 16 kHz audio; a hypothesis longer than this is cut. */
#define MAX_AUDIO_BYTES 65536u
#define MAX_TEXT_BYTES 65536u

typedef struct {
    uint8_t type;
    uint8_t reserved[3];
    uint32_t length;
} frame_header_t;

#endif
