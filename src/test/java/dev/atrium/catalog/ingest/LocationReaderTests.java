package dev.atrium.catalog.ingest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.atrium.catalog.CatalogProperties;
import dev.atrium.catalog.ingest.LocationReader.Content;
import dev.atrium.catalog.ingest.LocationReader.Failed;
import dev.atrium.catalog.ingest.LocationReader.Missing;
import dev.atrium.catalog.ingest.LocationReader.Previous;
import dev.atrium.catalog.ingest.LocationReader.RefusedException;
import dev.atrium.catalog.ingest.LocationReader.Result;
import dev.atrium.catalog.ingest.LocationReader.Unchanged;
import dev.atrium.support.LoopbackServer;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link LocationReader} reads and refuses, without the application: addresses, paths, limits. */
class LocationReaderTests {

	@TempDir
	Path root;

	private static final LoopbackServer server = LoopbackServer.start();

	private static final LoopbackServer secure = LoopbackServer.startHttps();

	private LocationReader reader(String... allow) {
		return new LocationReader(new CatalogProperties(false, List.of(root), List.of(allow), Duration.ofMinutes(2),
				DataSize.ofKilobytes(1), Duration.ofSeconds(5), 10, 10_000, 2, Duration.ofMinutes(2)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.255.0.1", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
			"169.254.169.254", "0.0.0.0", "100.64.0.1", "198.18.0.1", "224.0.0.1", "255.255.255.255", "::1", "::",
			"fe80::1", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "ff02::1",
			// NAT64, local NAT64, 6to4 and IPv4-compatible forms of internal IPv4 addresses; Teredo
			"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b:1::808:808", "2002:7f00:1::1", "2002:a00:1::", "::10.0.0.1",
			"2001:0:4136:e378:8000:63bf:3fff:fdd2" })
	void internalAddressesAreInternal(String address) throws Exception {
		assertThat(LocationReader.isInternal(InetAddress.getByName(address))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.32.0.1", "192.169.0.1", "100.128.0.1",
			"2001:4860:4860::8888", "2606:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1" })
	void publicAddressesAreNot(String address) throws Exception {
		assertThat(LocationReader.isInternal(InetAddress.getByName(address))).isFalse();
	}

	@Test
	void publicHostsMayBeRead() {
		assertThatCode(() -> reader().checkAllowed("url", "https://8.8.8.8/catalog-info.yaml")).doesNotThrowAnyException();
		assertThatCode(() -> reader().checkAllowed("url", "http://[2606:4700::1111]/x.yaml")).doesNotThrowAnyException();
	}

	@Test
	void anAllowedHostWithAPortIsAllowedOnThatPortOnly() {
		LocationReader reader = reader("127.0.0.1:8080");

		assertThatCode(() -> reader.checkAllowed("url", "http://127.0.0.1:8080/x.yaml")).doesNotThrowAnyException();
		assertThatThrownBy(() -> reader.checkAllowed("url", "http://127.0.0.1:8081/x.yaml"))
			.isInstanceOf(RefusedException.class)
			.hasMessageContaining("add it to ATRIUM_READING_ALLOW");
		assertThatThrownBy(() -> reader.checkAllowed("url", "http://127.0.0.1/x.yaml")).isInstanceOf(RefusedException.class);
	}

	@Test
	void anAllowedHostWithoutAPortIsAllowedOnAnyPort() {
		LocationReader reader = reader("Catalog.Internal, 10.1.2.3", "ghe.internal:8443");

		assertThatCode(() -> reader.checkAllowed("url", "http://catalog.internal:9000/x.yaml")).doesNotThrowAnyException();
		assertThatCode(() -> reader.checkAllowed("url", "https://10.1.2.3/x.yaml")).doesNotThrowAnyException();
		assertThatCode(() -> reader.checkAllowed("url", "https://GHE.internal:8443/x.yaml")).doesNotThrowAnyException();
		assertThatCode(() -> reader.checkAllowed("url", "https://10.1.2.3:8443/x.yaml")).doesNotThrowAnyException();
		assertThatThrownBy(() -> reader.checkAllowed("url", "http://10.1.2.4/x.yaml")).isInstanceOf(RefusedException.class);
	}

	@Test
	void anIpv6LoopbackCanBeAllowedWithItsPort() {
		LocationReader reader = reader("[::1]:8080");

		assertThatCode(() -> reader.checkAllowed("url", "http://[::1]:8080/x.yaml")).doesNotThrowAnyException();
		assertThatThrownBy(() -> reader.checkAllowed("url", "http://[::1]:8081/x.yaml")).isInstanceOf(RefusedException.class);
		assertThatCode(() -> reader("::1").checkAllowed("url", "http://[::1]:9/x.yaml")).doesNotThrowAnyException();
		assertThatCode(() -> reader("[::1]").checkAllowed("url", "http://[::1]:9/x.yaml")).doesNotThrowAnyException();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://example.com/x.yaml", "file:///etc/passwd", "gopher://127.0.0.1/", "example.com/x.yaml",
			"http:///x.yaml", "http://exa mple.com/" })
	void onlyHttpUrlsWithAHostAreRead(String url) {
		assertThatThrownBy(() -> reader().checkAllowed("url", url)).isInstanceOf(RefusedException.class);
	}

	@Test
	void filesAreReadOnlyUnderTheRoots() throws Exception {
		LocationReader reader = reader();
		Path file = Files.writeString(root.resolve("catalog-info.yaml"), "kind: Component\n");

		assertThatCode(() -> reader.checkAllowed("file", file.toString())).doesNotThrowAnyException();
		assertThatThrownBy(() -> reader.checkAllowed("file", "/etc/passwd")).hasMessageContaining("outside the directories");
		assertThatThrownBy(() -> reader.checkAllowed("file", root + "/../../etc/passwd"))
			.hasMessageContaining("outside the directories");
		assertThatThrownBy(() -> reader.checkAllowed("file", "catalog-info.yaml")).hasMessageContaining("must be an absolute path");
		assertThatThrownBy(() -> reader.checkAllowed("file", root + "-sibling/x.yaml"))
			.hasMessageContaining("outside the directories");
	}

	@Test
	void fileLocationsAreOffWithoutRoots() {
		LocationReader reader = new LocationReader(new CatalogProperties(false, List.of(), List.of(), Duration.ofMinutes(2),
				DataSize.ofKilobytes(1), Duration.ofSeconds(5), 10, 10_000, 2, Duration.ofMinutes(2)));

		assertThatThrownBy(() -> reader.checkAllowed("file", "/tmp/x.yaml"))
			.hasMessageContaining("File locations are not enabled");
	}

	@Test
	void unknownTypesAreRefused() {
		assertThatThrownBy(() -> reader().checkAllowed("svn", "svn://x")).isInstanceOf(RefusedException.class)
			.hasMessage("Location type 'svn' is not allowed; use url or file");
		assertThat(reader().read("svn", "svn://x", null)).isInstanceOf(Failed.class);
	}

	@Test
	void targetsResolveAgainstTheFileThatListsThem() {
		LocationReader reader = reader();

		assertThat(reader.resolve("url", "https://h.example/a/catalog.yaml", "./b.yaml")).isEqualTo("https://h.example/a/b.yaml");
		assertThat(reader.resolve("url", "https://h.example/a/catalog.yaml", "../c/d.yaml"))
			.isEqualTo("https://h.example/c/d.yaml");
		assertThat(reader.resolve("url", "https://h.example/a/catalog.yaml", "https://other.example/x.yaml"))
			.isEqualTo("https://other.example/x.yaml");
		assertThat(reader.resolve("file", "/r/a/catalog.yaml", "../b.yaml")).isEqualTo("/r/b.yaml");
		assertThat(reader.resolve("file", "/r/a/catalog.yaml", "/r/z/../y.yaml")).isEqualTo("/r/y.yaml");
	}

	@Test
	void anUnchangedFileStampIsNotReadAgain() throws Exception {
		Path file = Files.writeString(root.resolve("catalog-info.yaml"), "kind: Component\n");
		Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
		Content first = (Content) reader().read("file", file.toString(), null);

		Result again = reader().read("file", file.toString(), new Previous(null, null, first.fileStamp()));

		assertThat(first.fileStamp()).isNotBlank();
		assertThat(again).isInstanceOf(Unchanged.class);
		Files.writeString(file, "kind: Component # changed\n");
		assertThat(reader().read("file", file.toString(), new Previous(null, null, first.fileStamp())))
			.isInstanceOf(Content.class);
	}

	@Test
	void theStampOfAFileModifiedJustBeforeItIsReadIsNotKept() throws Exception {
		Path file = Files.writeString(root.resolve("catalog-info.yaml"), "kind: Component\n");

		Content read = (Content) reader().read("file", file.toString(), null);

		assertThat(read.fileStamp()).isNull();
	}

	@Test
	void missingLargeAndNonRegularFilesAreNotRead() throws Exception {
		Files.writeString(root.resolve("large.yaml"), "#".repeat(2000));
		Files.createDirectory(root.resolve("dir.yaml"));

		assertThat(reader().read("file", root.resolve("none.yaml").toString(), null)).isInstanceOf(Missing.class);
		assertThat(reader().read("file", root.resolve("large.yaml").toString(), null)).isInstanceOf(Failed.class)
			.extracting(r -> ((Failed) r).message())
			.asString()
			.contains("larger than the limit of 1 KB");
		assertThat(reader().read("file", root.resolve("dir.yaml").toString(), null)).isInstanceOf(Failed.class);
	}

	@Test
	void urlsAreReadConditionallyAndTheirSizeIsLimited() {
		server.serve("/small.yaml", "kind: Component\n");
		server.serve("/large.yaml", "#".repeat(2000));
		LocationReader reader = reader("127.0.0.1:" + server.port());

		Content first = (Content) reader.read("url", server.url("/small.yaml"), null);
		Result second = reader.read("url", server.url("/small.yaml"), new Previous(first.etag(), null, null));
		Result large = reader.read("url", server.url("/large.yaml"), null);

		assertThat(new String(first.bytes())).isEqualTo("kind: Component\n");
		assertThat(second).isInstanceOf(Unchanged.class);
		assertThat(large).isInstanceOf(Failed.class).extracting(r -> ((Failed) r).message()).asString().contains("larger than");
	}

	@Test
	void httpsUrlsAreReadAndTheirCertificateChecked() {
		secure.serve("/catalog-info.yaml", "kind: Component\n");

		Result result = reader("127.0.0.1:" + secure.port()).read("url", secure.url("/catalog-info.yaml"), null);
		Result wrongName = reader("localhost:" + secure.port()).read("url",
				"https://localhost:" + secure.port() + "/catalog-info.yaml", null);

		assertThat(result).isInstanceOf(Content.class);
		assertThat(wrongName).as("the certificate names 127.0.0.1 only").isInstanceOf(Failed.class);
	}

	@Test
	void aServerThatStallsInTheMiddleOfTheBodyDoesNotHoldTheReader() throws Exception {
		server.stall("/stalling.yaml", "kind: Component\nmetadata: {name: slow}\n", Duration.ofSeconds(60));
		LocationReader reader = new LocationReader(new CatalogProperties(false, List.of(root),
				List.of("127.0.0.1:" + server.port()), Duration.ofMinutes(2), DataSize.ofKilobytes(1), Duration.ofSeconds(1),
				10, 10_000, 2, Duration.ofMinutes(2)));
		java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
			Thread thread = new Thread(r, "stalled-read");
			thread.setDaemon(true);
			return thread;
		});

		java.util.concurrent.Future<Result> read = executor.submit(() -> reader.read("url", server.url("/stalling.yaml"), null));

		assertThat(read.get(15, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(Failed.class)
			.extracting(r -> ((Failed) r).message())
			.asString()
			.contains("timed out");
		executor.shutdownNow();
	}

	@Test
	void aNameThatResolvesToAnInternalAddressWhenConnectingIsNotReached() {
		server.serve("/rebound.yaml", "kind: Component\n");
		java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
		// DNS rebinding: a public address when the URL is checked, loopback when the client connects
		DnsResolver rebinding = new DnsResolver() {
			@Override
			public InetAddress[] resolve(String host) throws UnknownHostException {
				if (!host.equals("rebind.example")) {
					throw new UnknownHostException(host);
				}
				return new InetAddress[] { InetAddress.getByName(lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1") };
			}

			@Override
			public String resolveCanonicalHostname(String host) {
				return host;
			}
		};
		LocationReader reader = new LocationReader(new CatalogProperties(false, List.of(root), List.of(), Duration.ofMinutes(2),
				DataSize.ofKilobytes(1), Duration.ofSeconds(5), 10, 10_000, 2, Duration.ofMinutes(2)), rebinding);

		Result result = reader.read("url", "http://rebind.example:" + server.port() + "/rebound.yaml", null);

		assertThat(result).isInstanceOf(Failed.class).extracting(r -> ((Failed) r).message()).asString()
			.contains("Refused to read http://rebind.example:" + server.port())
			.contains("resolves to 127.0.0.1");
		assertThat(lookups).as("checked once, then resolved again by the connection").hasValue(2);
		assertThat(server.requests("/rebound.yaml")).isZero();
	}

	@Test
	void aRedirectLoopEnds() {
		server.redirect("/loop.yaml", "/loop.yaml");

		Result result = reader("127.0.0.1:" + server.port()).read("url", server.url("/loop.yaml"), null);

		assertThat(result).isInstanceOf(Failed.class).extracting(r -> ((Failed) r).message()).asString()
			.contains("Too many redirects");
	}

	@Test
	void everyRedirectHopIsChecked() {
		server.redirect("/to-metadata.yaml", "http://169.254.169.254/latest/meta-data/");

		Result result = reader("127.0.0.1:" + server.port()).read("url", server.url("/to-metadata.yaml"), null);

		assertThat(result).isInstanceOf(Failed.class).extracting(r -> ((Failed) r).message()).asString()
			.contains("Refused to read http://169.254.169.254/latest/meta-data/");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http:///no-host.yaml", "https:/one-slash.yaml", "http://[not-an-address/x.yaml",
			"http://exa mple.com/x.yaml", "mailto:someone@example.com", "file:///etc/passwd" })
	void aRedirectToNowhereIsAFailedReadNotAnException(String location) {
		String path = "/redirect-" + Integer.toHexString(location.hashCode()) + ".yaml";
		server.redirect(path, location);

		Result result = reader("127.0.0.1:" + server.port()).read("url", server.url(path), null);

		assertThat(result).as(location).isInstanceOf(Failed.class);
	}

}
