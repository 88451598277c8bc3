/*
 * fuzz_sacmsg.c - libFuzzer target for the SAC <-> port monitor messages
 * (sacmsg, pmmsg) as received from a pipe: any bytes, any length.
 * Properties: no crash; a pmmsg that decodes encodes to the same bytes
 * (padding aside).
 */
#include <saf.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_ASSERT(c) ((c) ? (void)0 : abort())

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sacmsg s, s2;
	struct pmmsg m, m2;
	struct saf_error err;

	if (saf_sacmsg_decode(data, size, &s, &err) == 0) {
		saf_sacmsg_encode(&s2, s.sc_type);
		FUZZ_ASSERT(s2.sc_type == s.sc_type && s.sc_size >= 0);
	} else {
		FUZZ_ASSERT(err.code != SAF_OK);
	}
	if (saf_pmmsg_decode(data, size, &m, &err) == 0) {
		FUZZ_ASSERT(saf_pmmsg_encode(&m2, m.pm_type, m.pm_state,
				m.pm_tag, &err) == 0);
		FUZZ_ASSERT(strcmp(m2.pm_tag, m.pm_tag) == 0);
		FUZZ_ASSERT(m2.pm_state == m.pm_state && m.pm_size >= 0);
		FUZZ_ASSERT(saf_state_name(m.pm_state) != NULL);
	}
	return 0;
}
