/*
 * glasstls/capture.h — the bytes a connection exchanges, as a pcapng file
 * Wireshark and tshark open (no root, no live capture): a "tap" transport
 * passes everything to the real one and writes each chunk sent or
 * received as a TCP segment of one synthetic TCP connection, with
 * Ethernet, IPv4 and TCP headers made up where glasstls does not see the
 * real ones: a three-way handshake first, sequence and acknowledgement
 * numbers that follow the bytes, correct IPv4 and TCP checksums, at most
 * 1460 bytes a segment, and FIN both ways at the end, so Wireshark
 * reassembles the stream and, given the key log (glass_tracer_keylog),
 * decrypts it.
 *
 * Format: pcapng (draft-ietf-opsawg-pcapng): a Section Header Block, one
 * Interface Description Block (LINKTYPE_ETHERNET, microsecond
 * timestamps), then one Enhanced Packet Block per packet.  Each packet is
 * written with one fwrite, so connections in several threads may share
 * one capture; one stream belongs to one thread.
 */
#ifndef GLASSTLS_CAPTURE_H
#define GLASSTLS_CAPTURE_H

#include "glasstls/export.h"
#include "glasstls/record.h"

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif
GLASS_API_BEGIN

typedef struct glass_pcap glass_pcap;
typedef struct glass_pcap_stream glass_pcap_stream;

/* Creates (or truncates) path and writes the file's header blocks.
 * 0, GLASS_E_FILE, GLASS_E_INVALID_ARG (NULL), GLASS_E_NO_MEMORY;
 * *out NULL on failure.  Free with glass_pcap_free. */
int glass_pcap_open(glass_pcap **out, const char *path);

/* Timestamps from a fixed start (seconds since 1970), each packet 1 ms
 * after the one before, so a seeded run gives the same file every time;
 * by default the packets carry the time they are written. */
void glass_pcap_fixed_time(glass_pcap *p, int64_t start);

/* Closes the file (the streams must be freed first).  NULL is allowed. */
void glass_pcap_free(glass_pcap *p);

/* One TCP connection of the capture, between local (the side that uses
 * the returned transport) and peer, each an IPv4 address and a port;
 * local_is_client says who sent the SYN.  Writes the three-way handshake
 * now.  *tap is the transport to give glass_conn_new in place of inner.
 * 0, GLASS_E_INVALID_ARG, GLASS_E_NO_MEMORY. */
int glass_pcap_stream_new(glass_pcap_stream **out, glass_pcap *p, glass_transport inner,
                          const uint8_t local_ip[4], uint16_t local_port,
                          const uint8_t peer_ip[4], uint16_t peer_port, int local_is_client,
                          glass_transport *tap);

/* Writes the closing FINs (those not seen yet) and frees the stream.
 * NULL is allowed. */
void glass_pcap_stream_free(glass_pcap_stream *s);

GLASS_API_END
#ifdef __cplusplus
}
#endif
#endif /* GLASSTLS_CAPTURE_H */
