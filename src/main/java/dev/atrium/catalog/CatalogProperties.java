package dev.atrium.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the catalog, {@code atrium.catalog.*}.
 *
 * @param demo register the demo catalog shipped in the jar when the catalog has no locations
 * @param fileRoots directories under which {@code file} locations may be registered; none by default
 * @param readingAllow hosts ({@code host} or {@code host:port}) that {@code url} locations may read
 *     although they are loopback, link-local or private; {@code ATRIUM_READING_ALLOW}
 * @param refreshInterval how often each location is read again
 * @param maxFileSize the largest catalog file read
 * @param readTimeout how long reading one URL may take
 * @param maxDepth how deep Location entities may nest
 * @param maxSourcesPerLocation how many files one registered location may lead to
 * @param refreshWorkers how many files of one location are read and written at once
 * @param refreshLease how long an instance holds a location it refreshes without renewing its claim
 *     (renewed every quarter of it while the refresh runs): how soon another instance takes over the
 *     locations of one that died
 */
@ConfigurationProperties("atrium.catalog")
public record CatalogProperties(@DefaultValue("true") boolean demo, @DefaultValue List<Path> fileRoots,
		@DefaultValue List<String> readingAllow, @DefaultValue("2m") Duration refreshInterval,
		@DefaultValue("5MB") DataSize maxFileSize, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("10") int maxDepth, @DefaultValue("10000") int maxSourcesPerLocation, @DefaultValue("2") int refreshWorkers,
		@DefaultValue("2m") Duration refreshLease) {
}
