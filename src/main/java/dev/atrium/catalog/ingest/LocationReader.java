package dev.atrium.catalog.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.platform.UrlReader;
import org.apache.hc.client5.http.DnsResolver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Reads the content behind a location target, for the types {@code url}, {@code file} and the
 * internal {@code classpath} (the demo catalog). URL reads refuse loopback, link-local and private
 * addresses unless the host is allowed, and check every redirect hop again, and the addresses
 * connected to when connecting ({@link HttpReads}); file reads stay inside the configured roots.
 * Reads are conditional, so an unchanged source costs a status check.
 */
@Component
public class LocationReader implements AutoCloseable {

	/** What the previous read saw, to make this one conditional. */
	public record Previous(String etag, String lastModified, String fileStamp) {

		static final Previous NONE = new Previous(null, null, null);

	}

	/** The outcome of a read. */
	public sealed interface Result {
	}

	public record Content(byte[] bytes, String etag, String lastModified, String fileStamp) implements Result {
	}

	public record Unchanged() implements Result {
	}

	public record Missing(String message) implements Result {
	}

	public record Failed(String message) implements Result {
	}

	private static final int MAX_REDIRECTS = 5;

	/** Coarser than the clocks of common file systems (FAT: 2 s). */
	private static final long RACY_MILLIS = 3000;

	private final CatalogProperties properties;

	private final Set<String> allowedHosts;

	private final HttpReads http;

	/** How host names are resolved, by the checks and by the connections alike. */
	private final DnsResolver names;

	/** Readers of URLs this application serves itself, asked before the network. */
	private final List<UrlReader> ownUrls;

	private final ProviderContents providers;

	public LocationReader(CatalogProperties properties) {
		this(properties, List.of(), new ProviderContents(), HttpReads.systemNames());
	}

	/** A reader resolving host names with the given resolver (tests: a DNS server that changes its answer). */
	LocationReader(CatalogProperties properties, DnsResolver names) {
		this(properties, List.of(), new ProviderContents(), names);
	}

	@org.springframework.beans.factory.annotation.Autowired
	LocationReader(CatalogProperties properties, List<UrlReader> ownUrls, ProviderContents providers) {
		this(properties, ownUrls, providers, HttpReads.systemNames());
	}

	private LocationReader(CatalogProperties properties, List<UrlReader> ownUrls, ProviderContents providers,
			DnsResolver names) {
		this.names = names;
		this.ownUrls = List.copyOf(ownUrls);
		this.providers = providers;
		this.properties = properties;
		this.allowedHosts = properties.readingAllow()
			.stream()
			.flatMap(s -> java.util.Arrays.stream(s.split(",")))
			.map(s -> s.trim().toLowerCase(Locale.ROOT))
			.filter(s -> !s.isEmpty())
			.collect(Collectors.toUnmodifiableSet());
		this.http = new HttpReads(properties.readTimeout(), allowedHosts, names);
	}

	@Override
	public void close() throws IOException {
		http.close();
	}

	/** The location types users may register. */
	public static final List<String> USER_TYPES = List.of("url", "file");

	public Result read(String type, String target, Previous previous) {
		if (previous == null) {
			previous = Previous.NONE;
		}
		try {
			return switch (type) {
				case "url" -> readUrl(target, previous);
				case "file" -> readFile(target, previous);
				case "classpath" -> readClasspath(target);
				case EntityProviders.TYPE -> providers.get(target)
					.<Result>map(bytes -> new Content(bytes, null, null, null))
					.orElseGet(() -> new Missing("Entity provider " + target + " has not emitted anything yet"));
				default -> new Failed("Location type '" + type + "' is not supported; use url or file");
			};
		}
		catch (RefusedException ex) {
			return new Failed(ex.getMessage());
		}
		catch (IOException ex) {
			return new Failed("Could not read " + target + ": " + describe(ex));
		}
		catch (RuntimeException ex) {
			// Whatever a server answers (a redirect to nowhere, a malformed header) is this location's error.
			return new Failed("Could not read " + target + ": " + (ex.getMessage() == null ? ex.getClass().getSimpleName()
					: ex.getMessage()));
		}
	}

	/**
	 * Checks that a target may be read at all, before it is stored: the type is allowed and a file is
	 * under a root, a URL is http(s) and its host is not forbidden.
	 * @throws RefusedException with a message for the user
	 */
	public void checkAllowed(String type, String target) {
		switch (type) {
			case "url" -> {
				URI uri = parseUrl(target);
				if (ownReader(uri) == null) {
					checkUrl(uri);
				}
			}
			case "file" -> fileUnderRoots(target);
			case "classpath", EntityProviders.TYPE -> {
			}
			default -> throw new RefusedException("Location type '" + type + "' is not allowed; use "
					+ String.join(" or ", USER_TYPES));
		}
	}

	/** The longest target stored, in UTF-8 bytes: PostgreSQL indexes at most ~2700 bytes per key. */
	public static final int MAX_TARGET_BYTES = 2048;

	/**
	 * Checks that a target is short enough to store.
	 * @throws RefusedException with a message for the user
	 */
	public static void checkLength(String target) {
		if (target.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_TARGET_BYTES) {
			throw new RefusedException("The target '" + target.substring(0, Math.min(target.length(), 80))
					+ "...' is longer than " + MAX_TARGET_BYTES + " bytes");
		}
	}

	/** Resolves a Location entity's target relative to the file that listed it. */
	public String resolve(String type, String base, String target) {
		return switch (type) {
			case "url" -> {
				URI resolved = parseUrl(base).resolve(target.trim());
				yield resolved.toString();
			}
			case "file", "classpath" -> {
				if (target.startsWith("/") && type.equals("file")) {
					yield Path.of(target).normalize().toString();
				}
				Path parent = Path.of(base).getParent();
				Path resolved = (parent == null ? Path.of(target) : parent.resolve(target)).normalize();
				yield type.equals("classpath") ? resolved.toString().replace('\\', '/') : resolved.toString();
			}
			default -> target;
		};
	}

	private UrlReader ownReader(URI uri) {
		return ownUrls.stream().filter(r -> r.serves(uri)).findFirst().orElse(null);
	}

	private Result readUrl(String target, Previous previous) throws IOException {
		UrlReader own = ownReader(parseUrl(target));
		if (own != null) {
			java.util.Optional<byte[]> bytes = own.read(parseUrl(target));
			if (bytes.isPresent() && bytes.get().length > properties.maxFileSize().toBytes()) {
				return new Failed(tooLarge(target));
			}
			return bytes.<Result>map(b -> new Content(b, null, null, null)).orElseGet(() -> new Missing("Not found: " + target));
		}
		URI uri = rewriteKnownHosts(parseUrl(target));
		// One deadline for the whole read, redirects and body included: a server that stalls or trickles
		// must not hold the refresher.
		long deadline = System.nanoTime() + properties.readTimeout().toNanos();
		for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
			checkUrl(uri);
			Map<String, String> headers = new java.util.LinkedHashMap<>();
			headers.put("Accept", "application/yaml, text/yaml, text/plain, */*");
			headers.put("User-Agent", "Atrium-Catalog");
			if (hop == 0 && previous.etag() != null) {
				headers.put("If-None-Match", previous.etag());
			}
			if (hop == 0 && previous.lastModified() != null) {
				headers.put("If-Modified-Since", previous.lastModified());
			}
			HttpReads.Answer answer;
			try {
				answer = http.get(uri, headers, deadline, properties.maxFileSize().toBytes());
			}
			catch (HttpReads.InternalAddressException ex) {
				throw new RefusedException("Refused to read " + uri + ": " + ex.getMessage());
			}
			catch (HttpReads.TooLargeException ex) {
				throw new RefusedException(tooLarge(target));
			}
			int status = answer.status();
			if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
				String location = answer.location();
				if (location == null) {
					return new Failed("Redirect from " + uri + " without a Location header");
				}
				try {
					uri = uri.resolve(location.trim());
				}
				catch (IllegalArgumentException ex) {
					return new Failed("Redirect from " + uri + " to an invalid URL: " + location);
				}
				continue;
			}
			if (status == 304) {
				return new Unchanged();
			}
			if (status == 404 || status == 410) {
				return new Missing("Not found: " + uri + " answered " + status);
			}
			if (status < 200 || status > 299) {
				return new Failed("Could not read " + uri + ": it answered HTTP " + status);
			}
			return new Content(answer.body(), answer.etag(), answer.lastModified(), null);
		}
		return new Failed("Too many redirects reading " + target);
	}

	private Result readFile(String target, Previous previous) throws IOException {
		Path path = fileUnderRoots(target);
		try {
			Path real = path.toRealPath();
			if (!underRoots(real)) {
				throw new RefusedException("File " + target + " leads outside the allowed directories");
			}
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return new Failed(target + " is not a file");
			}
			if (attributes.size() > properties.maxFileSize().toBytes()) {
				return new Failed(tooLarge(target));
			}
			long modified = attributes.lastModifiedTime().toMillis();
			String stamp = attributes.size() + ":" + modified;
			if (stamp.equals(previous.fileStamp())) {
				return new Unchanged();
			}
			// A file modified just before this read can change again within the same tick of its file
			// system's clock, keeping size and time ("racy git"): its stamp is not trusted, so the next read
			// compares the content instead.
			boolean racy = modified > System.currentTimeMillis() - RACY_MILLIS;
			try (InputStream in = Files.newInputStream(real)) {
				return new Content(readLimited(in, target), null, null, racy ? null : stamp);
			}
		}
		catch (NoSuchFileException ex) {
			return new Missing("File not found: " + target);
		}
	}

	private Result readClasspath(String target) throws IOException {
		ClassPathResource resource = new ClassPathResource(target.startsWith("/") ? target.substring(1) : target);
		if (!resource.exists()) {
			return new Missing("Not found in the application: " + target);
		}
		try (InputStream in = resource.getInputStream()) {
			return new Content(readLimited(in, target), null, null, null);
		}
	}

	private byte[] readLimited(InputStream in, String target) throws IOException {
		try {
			return HttpReads.readLimited(in, properties.maxFileSize().toBytes());
		}
		catch (HttpReads.TooLargeException ex) {
			throw new RefusedException(tooLarge(target));
		}
	}

	private String tooLarge(String target) {
		return target + " is larger than the limit of " + properties.maxFileSize().toKilobytes()
				+ " KB (atrium.catalog.max-file-size)";
	}

	private Path fileUnderRoots(String target) {
		Path path;
		try {
			path = Path.of(target);
		}
		catch (RuntimeException ex) {
			throw new RefusedException("'" + target + "' is not a file path");
		}
		if (!path.isAbsolute()) {
			throw new RefusedException("File location '" + target + "' must be an absolute path");
		}
		path = path.normalize();
		if (!underRoots(path)) {
			throw new RefusedException(properties.fileRoots().isEmpty()
					? "File locations are not enabled: set atrium.catalog.file-roots to the directories they may read"
					: "File " + target + " is outside the directories file locations may read");
		}
		return path;
	}

	private boolean underRoots(Path path) {
		for (Path root : properties.fileRoots()) {
			Path normalized = root.toAbsolutePath().normalize();
			if (path.startsWith(normalized)) {
				return true;
			}
			try {
				if (path.startsWith(normalized.toRealPath())) {
					return true;
				}
			}
			catch (IOException ex) {
				// a root that does not exist holds nothing
			}
		}
		return false;
	}

	private static URI parseUrl(String target) {
		try {
			URI uri = new URI(target.trim());
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!scheme.equals("http") && !scheme.equals("https")) {
				throw new RefusedException("URL '" + target + "' must start with http:// or https://");
			}
			if (uri.getHost() == null || uri.getHost().isBlank()) {
				throw new RefusedException("URL '" + target + "' has no host");
			}
			return uri;
		}
		catch (java.net.URISyntaxException ex) {
			throw new RefusedException("'" + target + "' is not a valid URL");
		}
	}

	private void checkUrl(URI uri) {
		String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new RefusedException("Refused to read " + uri + ": only http and https URLs are read");
		}
		if (uri.getHost() == null || uri.getHost().isBlank()) {
			throw new RefusedException("Refused to read " + uri + ": it names no host");
		}
		String host = uri.getHost().toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
		// An IPv6 address is listed in brackets, alone or with a port: [::1]:8080, as URLs write it.
		String listed = host.contains(":") ? "[" + host + "]" : host;
		if (allowedHosts.contains(host) || allowedHosts.contains(listed) || allowedHosts.contains(listed + ":" + port)) {
			return;
		}
		InetAddress[] addresses;
		try {
			addresses = names.resolve(host);
		}
		catch (UnknownHostException ex) {
			throw new RefusedException("Could not read " + uri + ": unknown host " + host);
		}
		for (InetAddress address : addresses) {
			if (isInternal(address)) {
				throw new RefusedException("Refused to read " + uri + ": " + host + " is a loopback, link-local or private "
						+ "address; add it to ATRIUM_READING_ALLOW to allow it");
			}
		}
	}

	static boolean isInternal(InetAddress address) {
		return InternalAddresses.isInternal(address);
	}

	/** GitHub's page URLs of files point at HTML; read the raw file instead, as Backstage's integration does. */
	private static URI rewriteKnownHosts(URI uri) {
		if ("github.com".equalsIgnoreCase(uri.getHost()) && uri.getPath() != null && uri.getPath().contains("/blob/")) {
			String[] parts = uri.getPath().split("/", 5);
			if (parts.length == 5 && parts[3].equals("blob")) {
				return URI.create("https://raw.githubusercontent.com/" + parts[1] + "/" + parts[2] + "/" + parts[4]);
			}
		}
		return uri;
	}

	private static String describe(IOException ex) {
		if (ex instanceof java.io.InterruptedIOException) {
			return "timed out";
		}
		if (ex instanceof java.net.ConnectException) {
			return "connection refused";
		}
		return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
	}

	/** A target that must not be read; the message tells the user why. */
	public static class RefusedException extends RuntimeException {

		public RefusedException(String message) {
			super(message);
		}

	}

}
