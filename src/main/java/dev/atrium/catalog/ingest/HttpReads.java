package dev.atrium.catalog.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of url locations. The addresses it connects to are checked when it connects:
 * a host name is resolved once, by the connection, and every address it resolves to must not be
 * internal ({@link LocationReader#isInternal}) unless the host is allowed. A DNS server that answers
 * with a public address when the URL is checked and with an internal one when the client connects
 * (DNS rebinding) reaches nothing.
 *
 * <p>
 * It follows no redirects (the reader follows them by hand, checking each hop), retries nothing,
 * keeps no cookies and uses no proxy. One deadline covers the whole exchange, the body included, and
 * a body is read only up to a limit.
 */
final class HttpReads implements AutoCloseable {

	/** What a server answered: the status, the headers a read needs, and a successful answer's body. */
	record Answer(int status, String location, String etag, String lastModified, byte[] body) {
	}

	/** A successful answer's body went over the limit. */
	static final class TooLargeException extends IOException {

		TooLargeException() {
			super("too large");
		}

	}

	/** A host resolved to an internal address it may not reach. */
	static final class InternalAddressException extends UnknownHostException {

		InternalAddressException(String host, InetAddress address) {
			super(host + " resolves to " + address.getHostAddress()
					+ ", a loopback, link-local or private address; add it to ATRIUM_READING_ALLOW to allow it");
		}

	}

	/** Aborts exchanges at their deadline; one daemon thread for all readers. */
	private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread thread = new Thread(r, "atrium-url-deadlines");
		thread.setDaemon(true);
		return thread;
	});

	private final CloseableHttpClient client;

	/**
	 * @param timeout how long connecting, waiting for an answer and each read of its body may take
	 * @param allowed the reading allowlist's entries ({@code host} or {@code host:port}): these hosts
	 * may resolve to internal addresses (their ports are checked on the URL before)
	 * @param names how host names are resolved
	 */
	HttpReads(Duration timeout, Set<String> allowed, DnsResolver names) {
		Timeout limit = Timeout.of(timeout);
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new CheckedNames(names, hostNames(allowed)))
				.setTlsSocketStrategy(new DefaultClientTlsStrategy(defaultTls()))
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(limit)
					.setSocketTimeout(limit)
					.setTimeToLive(TimeValue.ofMinutes(1))
					.build())
				.setMaxConnTotal(64)
				.setMaxConnPerRoute(32)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(limit).setResponseTimeout(limit).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.evictIdleConnections(TimeValue.ofSeconds(30))
			.build();
	}

	/**
	 * Sends a GET and reads the answer; a successful answer's body is read up to {@code maxBytes}.
	 * @throws TooLargeException when the body is larger
	 * @throws InternalAddressException when the host resolves to an internal address it may not reach
	 * @throws InterruptedIOException when the deadline passes first
	 */
	Answer get(URI uri, Map<String, String> headers, long deadlineNanos, long maxBytes) throws IOException {
		HttpGet request = new HttpGet(uri);
		headers.forEach(request::setHeader);
		long left = deadlineNanos - System.nanoTime();
		if (left <= 0) {
			throw new InterruptedIOException("timed out");
		}
		ScheduledFuture<?> abort = DEADLINES.schedule(request::cancel, left, TimeUnit.NANOSECONDS);
		try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
			int status = response.getCode();
			HttpEntity entity = response.getEntity();
			byte[] body = null;
			if (status >= 200 && status <= 299) {
				body = entity == null ? new byte[0] : readLimited(entity.getContent(), maxBytes);
			}
			return new Answer(status, header(response, "Location"), header(response, "ETag"), header(response, "Last-Modified"),
					body);
		}
		catch (IOException ex) {
			if (request.isCancelled() && !(ex instanceof TooLargeException)) {
				throw new InterruptedIOException("timed out");
			}
			throw ex;
		}
		finally {
			abort.cancel(false);
		}
	}

	/** Reads and closes a stream of at most {@code max} bytes; a longer one is not read further. */
	static byte[] readLimited(InputStream in, long max) throws IOException {
		try (in) {
			byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
			if (bytes.length > max) {
				throw new TooLargeException();
			}
			return bytes;
		}
	}

	private static String header(ClassicHttpResponse response, String name) {
		Header header = response.getFirstHeader(name);
		return header == null ? null : header.getValue();
	}

	@Override
	public void close() throws IOException {
		client.close();
	}

	/** The host names of allowlist entries: {@code host}, {@code host:port}, {@code [v6]}, {@code [v6]:port}. */
	static Set<String> hostNames(Set<String> allowed) {
		return allowed.stream().map(HttpReads::hostName).collect(Collectors.toUnmodifiableSet());
	}

	private static String hostName(String entry) {
		String e = entry.trim().toLowerCase(Locale.ROOT);
		if (e.startsWith("[")) {
			int end = e.indexOf(']');
			return end < 0 ? e.substring(1) : e.substring(1, end);
		}
		int colon = e.indexOf(':');
		// one colon: host:port; more: an IPv6 address written without brackets
		return colon >= 0 && colon == e.lastIndexOf(':') ? e.substring(0, colon) : e;
	}

	private static SSLContext defaultTls() {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("No TLS in this Java runtime", ex);
		}
	}

	/** Resolves names and refuses internal addresses for hosts not allowed to have them. */
	private record CheckedNames(DnsResolver names, Set<String> allowed) implements DnsResolver {

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			InetAddress[] addresses = names.resolve(host);
			String name = host.toLowerCase(Locale.ROOT);
			if (name.startsWith("[") && name.endsWith("]")) {
				name = name.substring(1, name.length() - 1);
			}
			if (!allowed.contains(name)) {
				for (InetAddress address : addresses) {
					if (LocationReader.isInternal(address)) {
						throw new InternalAddressException(host, address);
					}
				}
			}
			return addresses;
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return names.resolveCanonicalHostname(host);
		}

	}

	/** The system's resolver (the JVM's cache included). */
	static DnsResolver systemNames() {
		return SystemDefaultDnsResolver.INSTANCE;
	}

}
