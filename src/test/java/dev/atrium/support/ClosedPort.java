package dev.atrium.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A loopback port where a connection is always refused, for the whole test run.
 *
 * <p>
 * Closing a server socket and keeping its number is not enough: the kernel may give
 * the same ephemeral port to a server started later in the run (it did, in CI). This
 * keeps a socket bound to the port without listening on it, so no one else can bind
 * it and every connection attempt is refused.
 */
public final class ClosedPort {

	private static final Socket HOLDER = bind();

	private ClosedPort() {
	}

	/** The port's number on 127.0.0.1. */
	public static int number() {
		return HOLDER.getLocalPort();
	}

	private static Socket bind() {
		try {
			Socket socket = new Socket();
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
