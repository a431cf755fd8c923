package dev.atrium;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a reviewer would otherwise say in comments: naming, package-private controllers, migrations named and placed per module, every page on the layout, and no oversized files.
 * The class rules run with ArchUnit over {@code dev.atrium}'s main classes; the rest read the sources.
 */
class ConventionTests {

	private static final JavaClasses MAIN = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.atrium");

	private static final Path MAIN_JAVA = Path.of("src/main/java");

	private static final List<Path> RESOURCES = List.of(Path.of("src/main/resources"), Path.of("src/test/resources"));

	private static final int MAX_LINES = 400;

	/** Files allowed over {@value #MAX_LINES} lines, each with why. Remove an entry when its file shrinks. */
	private static final Map<String, String> LONG_FILES = Map.of(
			"dev/atrium/catalog/ingest/LocationReader.java",
			"reads url, file and classpath targets with their guards (SSRF, redirects, file roots, symlinks, size, "
					+ "timeouts) in one place, so a security review reads them together",
			"dev/atrium/catalog/ingest/LocationRefresher.java",
			"the refresh walk and a file's processing; to split into reading and storing");

	private static final Pattern MIGRATION = Pattern.compile("V[1-9][0-9]*__[a-z]+_[a-z0-9_]+\\.sql");

	private static final Pattern TABLE = Pattern.compile(
			"\\b(?:CREATE\\s+(?:UNLOGGED\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?|ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?)"
					+ "([A-Za-z_][A-Za-z0-9_.\"]*)",
			Pattern.CASE_INSENSITIVE);

	private static final String AUTO_CONFIGURATIONS = "META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports";

	private static final Pattern PLUGIN_ID = Pattern.compile("new\\s+Plugin\\(\\s*\"([a-z0-9-]+)\"");

	@Test
	void pageControllersArePackagePrivateAndNamedController() {
		classes().that()
			.resideInAPackage("..web..")
			.and()
			.areMetaAnnotatedWith(Controller.class)
			.should()
			.haveSimpleNameEndingWith("Controller")
			.andShould()
			.notBePublic()
			.because("pages are served by package-private <Thing>Controller classes in <module>.web")
			.check(MAIN);
	}

	@Test
	void apiControllersArePackagePrivateAndNamedApiController() {
		classes().that()
			.resideInAPackage("..api..")
			.and()
			.areMetaAnnotatedWith(Controller.class)
			.should()
			.haveSimpleNameEndingWith("ApiController")
			.andShould()
			.notBePublic()
			.because("JSON is served by package-private <Thing>ApiController classes in <module>.api")
			.check(MAIN);
	}

	@Test
	void controllersLiveInWebOrApiPackages() {
		classes().that()
			.areMetaAnnotatedWith(Controller.class)
			.should()
			.resideInAnyPackage("..web..", "..api..")
			.check(MAIN);
	}

	@Test
	void noClassIsNamedAfterALayerWord() {
		noClasses().should()
			.haveSimpleNameEndingWith("Impl")
			.orShould()
			.haveSimpleNameEndingWith("Manager")
			.orShould()
			.haveSimpleNameEndingWith("Helper")
			.orShould()
			.haveSimpleNameEndingWith("Util")
			.orShould()
			.haveSimpleNameEndingWith("Utils")
			.orShould()
			.haveSimpleNameEndingWith("Dto")
			.orShould()
			.haveSimpleNameEndingWith("DTO")
			.because("names are nouns users say; a variant says how it differs")
			.check(MAIN);
	}

	@Test
	void migrationsAreNamedAndPlacedPerModule() {
		Set<String> modules = moduleIds();
		List<String> problems = new ArrayList<>();
		List<Path> migrations = migrationFiles();
		assertThat(migrations).as("migrations found under db/migration").isNotEmpty();
		for (Path file : migrations) {
			Path relative = migrationRoot(file).relativize(file);
			if (relative.getNameCount() != 2) {
				problems.add(file + ": must be db/migration/<module>/V<n>__<verb>_<object>.sql");
				continue;
			}
			String module = relative.getName(0).toString();
			if (!modules.contains(module)) {
				problems.add(file + ": folder '" + module + "' is neither a module under dev.atrium nor a plugin id "
						+ modules);
			}
			if (!MIGRATION.matcher(file.getFileName().toString()).matches()) {
				problems.add(file + ": name must be V<n>__<verb>_<object>.sql, lower case");
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void migrationTablesAreNamedAfterTheirModule() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path file : migrationFiles()) {
			Path relative = migrationRoot(file).relativize(file);
			if (relative.getNameCount() != 2) {
				continue; // reported by migrationsAreNamedAndPlacedPerModule
			}
			String prefix = relative.getName(0).toString().replace('-', '_') + "_";
			Matcher tables = TABLE.matcher(withoutComments(Files.readString(file)));
			while (tables.find()) {
				String table = tables.group(1).replace("\"", "");
				table = table.substring(table.lastIndexOf('.') + 1);
				if (!table.startsWith(prefix)) {
					problems.add(file + ": table '" + table + "' must be named " + prefix + "*");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void everyPageUsesTheLayout() throws IOException {
		List<String> problems = new ArrayList<>();
		int pages = 0;
		for (Path resources : RESOURCES) {
			Path templates = resources.resolve("templates");
			for (Path file : files(templates, ".html")) {
				String path = templates.relativize(file).toString().replace('\\', '/');
				if (path.startsWith("layout/") || path.contains("/fragments/") || path.startsWith("fragments/")) {
					continue;
				}
				pages++;
				if (!Files.readString(file).contains("layout/page ::")) {
					problems.add(file + ": a page must render through ~{layout/page :: page(...)}; "
							+ "pieces of pages belong in a fragments/ folder");
				}
			}
		}
		assertThat(pages).as("pages found").isPositive();
		assertThat(problems).isEmpty();
	}

	/** Thymeleaf includes a fragment before it evaluates th:if on the same tag: the condition would be ignored. */
	@Test
	void noTemplateTagBothIncludesAFragmentAndHasACondition() throws IOException {
		Pattern tag = Pattern.compile("<[a-zA-Z][^>]*>", Pattern.DOTALL);
		List<String> problems = new ArrayList<>();
		int templates = 0;
		for (Path resources : RESOURCES) {
			for (Path file : files(resources.resolve("templates"), ".html")) {
				templates++;
				String html = Files.readString(file);
				Matcher m = tag.matcher(html);
				while (m.find()) {
					String t = m.group();
					if ((t.contains("th:replace=") || t.contains("th:insert=")) && (t.contains("th:if=") || t.contains("th:unless="))) {
						int line = html.substring(0, m.start()).split("\n", -1).length;
						problems.add(file + ":" + line + ": put the th:if on a <th:block> around the th:replace");
					}
				}
			}
		}
		assertThat(templates).as("templates found").isPositive();
		assertThat(problems).isEmpty();
	}

	@Test
	void noMainJavaFileIsOverTheLineLimit() throws IOException {
		List<String> problems = new ArrayList<>();
		for (Path file : files(MAIN_JAVA, ".java")) {
			String name = MAIN_JAVA.relativize(file).toString().replace('\\', '/');
			long lines;
			try (Stream<String> s = Files.lines(file)) {
				lines = s.count();
			}
			boolean excepted = LONG_FILES.containsKey(name);
			if (lines > MAX_LINES && !excepted) {
				problems.add(name + ": " + lines + " lines (limit " + MAX_LINES + "); split it, or add it to "
						+ "LONG_FILES with the reason");
			}
			if (lines <= MAX_LINES && excepted) {
				problems.add(name + ": " + lines + " lines, within the limit now; remove it from LONG_FILES");
			}
		}
		for (String name : LONG_FILES.keySet()) {
			if (!Files.exists(MAIN_JAVA.resolve(name))) {
				problems.add(name + " is in LONG_FILES but does not exist; remove it");
			}
		}
		assertThat(problems).isEmpty();
	}

	/**
	 * Top-level packages under dev.atrium, and plugin ids: those declared with a literal
	 * {@code new Plugin(<literal id>, ...)}, and the last package segment of every auto-configuration a
	 * {@code AutoConfiguration.imports} file lists (a plugin's package is named after its id).
	 */
	private static Set<String> moduleIds() {
		Set<String> ids = new TreeSet<>();
		try (Stream<Path> dirs = Files.list(MAIN_JAVA.resolve("dev/atrium"))) {
			dirs.filter(Files::isDirectory).forEach(d -> ids.add(d.getFileName().toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Path root : List.of(MAIN_JAVA, Path.of("src/test/java"))) {
			for (Path file : files(root, ".java")) {
				try {
					Matcher m = PLUGIN_ID.matcher(Files.readString(file));
					while (m.find()) {
						ids.add(m.group(1));
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		for (Path resources : RESOURCES) {
			Path imports = resources.resolve(AUTO_CONFIGURATIONS);
			if (Files.exists(imports)) {
				try {
					for (String line : Files.readAllLines(imports)) {
						String type = line.strip();
						if (!type.isEmpty() && !type.startsWith("#") && type.contains(".")) {
							String pkg = type.substring(0, type.lastIndexOf('.'));
							ids.add(pkg.substring(pkg.lastIndexOf('.') + 1));
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		return ids;
	}

	private static List<Path> migrationFiles() {
		List<Path> all = new ArrayList<>();
		for (Path resources : RESOURCES) {
			Path root = resources.resolve("db/migration");
			try (Stream<Path> s = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
				s.filter(Files::isRegularFile).sorted().forEach(all::add);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return all;
	}

	private static Path migrationRoot(Path file) {
		for (Path resources : RESOURCES) {
			Path root = resources.resolve("db/migration");
			if (file.startsWith(root)) {
				return root;
			}
		}
		throw new IllegalArgumentException(file.toString());
	}

	private static List<Path> files(Path root, String suffix) {
		if (!Files.exists(root)) {
			return List.of();
		}
		try (Stream<Path> s = Files.walk(root)) {
			return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(suffix)).sorted().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String withoutComments(String sql) {
		return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
	}

}
