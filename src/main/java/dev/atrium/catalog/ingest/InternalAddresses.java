package dev.atrium.catalog.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Which addresses url locations may not reach unless their host is allowed: loopback, link-local,
 * private, wildcard, multicast and other special-purpose ranges, and the IPv6 forms that carry such
 * an IPv4 address inside them (mapped, compatible, NAT64, 6to4; Teredo is refused as a whole).
 */
final class InternalAddresses {

	private InternalAddresses() {
	}

	static boolean isInternal(InetAddress address) {
		if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
				|| address.isAnyLocalAddress() || address.isMulticastAddress()) {
			return true;
		}
		byte[] b = address.getAddress();
		return b.length == 4 ? isInternalV4(b) : isInternalV6(b);
	}

	private static boolean isInternalV4(byte[] b) {
		int first = b[0] & 0xff;
		int second = b[1] & 0xff;
		return first == 0 || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
				|| (first == 192 && second == 0 && (b[2] & 0xff) == 0) || (first == 198 && (second == 18 || second == 19))
				|| first >= 240;
	}

	private static boolean isInternalV6(byte[] b) {
		if ((b[0] & 0xfe) == 0xfc) {
			return true; // unique local fc00::/7
		}
		if (zeros(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || zeros(b, 10, 12))) {
			return embedded(b, 12); // IPv4-mapped ::ffff:a.b.c.d and IPv4-compatible ::a.b.c.d
		}
		int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
		int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
		if (first == 0x0064 && second == 0xff9b) {
			// NAT64: the well-known prefix 64:ff9b::/96 translates to its IPv4 address; 64:ff9b:1::/48 is local
			return !zeros(b, 4, 12) || embedded(b, 12);
		}
		if (first == 0x2002) {
			return embedded(b, 2); // 6to4 2002:a.b.c.d::/48
		}
		return first == 0x2001 && second == 0x0000; // Teredo 2001::/32
	}

	private static boolean embedded(byte[] b, int from) {
		try {
			return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4)));
		}
		catch (UnknownHostException ex) {
			return true;
		}
	}

	private static boolean zeros(byte[] b, int from, int to) {
		for (int i = from; i < to; i++) {
			if (b[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
