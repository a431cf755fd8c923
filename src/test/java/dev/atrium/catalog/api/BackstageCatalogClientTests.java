package dev.atrium.catalog.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Backstage's own catalog client, {@code @backstage/catalog-client} from npm, against the running
 * catalog API: the proof that Backstage plugins and scripts work with Atrium unchanged.
 * <p>
 * The client and the checks live in {@code src/test/resources/backstage-client} ({@code check.mjs}
 * prints one {@code ok}/{@code FAIL} line per check). This test copies the package to
 * {@code target/backstage-client}, installs it with {@code npm ci} (reusing {@code node_modules}
 * while the lockfile is unchanged), copies the fixture catalog into a directory that
 * {@code atrium.catalog.file-roots} allows, and runs the script against this application. The
 * script registers the fixture itself with {@code addLocation}. Node.js 20+ and npm are required:
 * without them the test fails, it never skips.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "atrium.catalog.demo=false",
				// Long, so that only refreshEntity can make the catalog re-read an edited file.
				"atrium.catalog.refresh-interval=PT1H" })
class BackstageCatalogClientTests {

	private static final Logger log = LoggerFactory.getLogger(BackstageCatalogClientTests.class);

	private static final Duration TOOL_CHECK_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

	/** check.mjs gives up by itself after 5 minutes; this is the backstop. */
	private static final Duration CHECK_TIMEOUT = Duration.ofMinutes(6);

	private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase().startsWith("windows");

	private static final Path FILE_ROOT = createFileRoot();

	@DynamicPropertySource
	static void catalogProperties(DynamicPropertyRegistry registry) {
		registry.add("atrium.catalog.file-roots", FILE_ROOT::toString);
	}

	@LocalServerPort
	int port;

	@AfterAll
	static void deleteFileRoot() throws IOException {
		FileSystemUtils.deleteRecursively(FILE_ROOT);
	}

	@Test
	void backstageCatalogClientWorksAgainstTheCatalogApi() throws Exception {
		Path packageSource = packageSource();
		requireTool("Node.js", "node", "--version");
		requireTool("npm", npm(), "--version");
		Path client = install(packageSource);
		Path fixture = FILE_ROOT.resolve("fixture");
		copyTree(packageSource.resolve("fixture"), fixture);

		String baseUrl = "http://localhost:" + this.port + "/api/catalog";
		Result result = run(client, CHECK_TIMEOUT, "check.mjs", List.of("node", "check.mjs", baseUrl, fixture.toString()));

		List<String> failed = result.lines().stream().filter((line) -> line.startsWith("FAIL")).toList();
		List<String> shown = failed.isEmpty() ? tail(result.lines(), 40) : failed;
		assertThat(result.exitCode())
			.as("@backstage/catalog-client against %s: %d failed check(s) (whole output in the test log):%n%s", baseUrl,
					failed.size(), String.join(System.lineSeparator(), shown))
			.isZero();
		assertThat(result.lines()).as("check.mjs ran to its summary line").anyMatch((line) -> line.startsWith("# "));
	}

	/** Copies the npm package to target/backstage-client and installs it, unless already installed from the same files. */
	private static Path install(Path source) throws IOException, InterruptedException {
		Path target = source.getParent().getParent().resolve("backstage-client");
		Files.createDirectories(target);
		Path lockfile = source.resolve("package-lock.json");
		boolean locked = Files.exists(lockfile);
		for (String file : List.of("package.json", "package-lock.json", "check.mjs")) {
			if (Files.exists(source.resolve(file))) {
				Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
			}
		}
		byte[] installedFrom = concat(Files.readAllBytes(source.resolve("package.json")),
				locked ? Files.readAllBytes(lockfile) : new byte[0]);
		Path stamp = target.resolve("node_modules").resolve(".atrium-installed-from");
		if (Files.exists(stamp) && Arrays.equals(Files.readAllBytes(stamp), installedFrom)) {
			log.info("Reusing {} (package.json and lockfile unchanged)", target.resolve("node_modules"));
			return target;
		}
		List<String> command = locked ? List.of(npm(), "ci", "--no-audit", "--no-fund")
				: List.of(npm(), "install", "--no-audit", "--no-fund");
		long started = System.nanoTime();
		Result result = run(target, INSTALL_TIMEOUT, "npm", command);
		if (result.exitCode() != 0) {
			fail("'%s' failed in %s with exit code %d:%n%s", String.join(" ", command), target, result.exitCode(),
					String.join(System.lineSeparator(), tail(result.lines(), 40)));
		}
		log.info("'{}' took {} ms", String.join(" ", command), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
		Files.write(stamp, installedFrom);
		return target;
	}

	private static void requireTool(String name, String... command) throws InterruptedException {
		try {
			Result result = run(null, TOOL_CHECK_TIMEOUT, command[0], List.of(command));
			if (result.exitCode() != 0) {
				fail("%s is needed to run Backstage's catalog client, but '%s' exited with %d: %s", name,
						String.join(" ", command), result.exitCode(), result.lines());
			}
			log.info("{} {}", name, String.join(" ", result.lines()));
		}
		catch (IOException ex) {
			fail(name + " is needed to run Backstage's catalog client (@backstage/catalog-client) and was not found "
					+ "on the PATH. Install Node.js 20 or later with npm (e.g. apt-get install nodejs npm). " + ex.getMessage());
		}
	}

	/** Runs a command, logging each line of its output (stdout and stderr) as it comes. */
	private static Result run(Path directory, Duration timeout, String label, List<String> command)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		builder.environment().put("NO_UPDATE_NOTIFIER", "1");
		builder.environment().put("ATRIUM_API_TOKEN", dev.atrium.support.TestSignIn.TOKEN);
		builder.environment().put("npm_config_update_notifier", "false");
		Process process = builder.start();
		process.getOutputStream().close();
		List<String> lines = Collections.synchronizedList(new ArrayList<>());
		Thread reader = new Thread(() -> {
			try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					log.info("[{}] {}", label, line);
					lines.add(line);
				}
			}
			catch (IOException ex) {
				log.warn("[{}] output ended: {}", label, ex.getMessage());
			}
		}, label + "-output");
		reader.setDaemon(true);
		reader.start();
		if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
			reader.join(5_000);
			fail("'%s' did not finish within %s; its last output:%n%s", String.join(" ", command), timeout,
					String.join(System.lineSeparator(), tail(lines, 40)));
		}
		reader.join(10_000);
		synchronized (lines) {
			return new Result(process.exitValue(), List.copyOf(lines));
		}
	}

	private record Result(int exitCode, List<String> lines) {
	}

	private static String npm() {
		return WINDOWS ? "npm.cmd" : "npm";
	}

	/** src/test/resources/backstage-client as copied to target/test-classes. */
	private static Path packageSource() throws URISyntaxException {
		URL packageJson = BackstageCatalogClientTests.class.getResource("/backstage-client/package.json");
		assertThat(packageJson).as("backstage-client/package.json on the test classpath").isNotNull();
		assertThat(packageJson.getProtocol()).as("backstage-client must be a directory, not inside a jar").isEqualTo("file");
		return Path.of(packageJson.toURI()).getParent();
	}

	private static Path createFileRoot() {
		try {
			return Files.createTempDirectory("atrium-catalog-client-").toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path copy = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private static List<String> tail(List<String> lines, int count) {
		synchronized (lines) {
			return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
		}
	}

}
