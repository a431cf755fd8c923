package dev.atrium.platform;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Reads URLs that the application serves itself (files of the scaffolder's git host, say), so that
 * the catalog reads them from their source: no HTTP round trip to itself, and no need to open loopback
 * hosts to {@code url} locations with {@code atrium.catalog.reading-allow}. The catalog asks every
 * {@code UrlReader} bean before it reads a {@code url} location over the network; a reader claims only
 * URLs it serves, by their exact base.
 */
public interface UrlReader {

	/** Whether this reader serves the URL; only then is {@link #read} called, and no one else asked. */
	boolean serves(URI url);

	/**
	 * The URL's content.
	 * @return empty when the URL is served here but nothing is there (a 404)
	 * @throws IOException when it could not be read
	 */
	Optional<byte[]> read(URI url) throws IOException;

}
