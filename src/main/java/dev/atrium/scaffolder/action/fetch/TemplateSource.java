package dev.atrium.scaffolder.action.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.atrium.platform.InputException;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the files a fetch action names, relative to the template's location: {@code file:} locations
 * (a catalog file location, so under the catalog's file roots) and {@code classpath:} locations (the
 * built-in templates). A relative {@code url} must stay inside the template's folder; the one absolute
 * form allowed is {@code classpath:scaffolder/templates/...}. Symbolic links in a template are not
 * followed. URL locations are refused: reading a folder over HTTP needs a git host integration.
 */
final class TemplateSource {

	static final String BUILT_IN = "scaffolder/templates/";

	/** A file of the template. */
	record SourceFile(String path, byte[] content, boolean executable) {
	}

	private final List<SourceFile> files = new ArrayList<>();

	private TemplateSource() {
	}

	/**
	 * Reads every file below {@code url}.
	 * @throws InputException when the location or url is refused, or there are too many or too large files
	 */
	static List<SourceFile> directory(String location, String url, int maxFiles, long maxBytes, Consumer<String> log) {
		Target target = target(location, url);
		TemplateSource source = new TemplateSource();
		long[] total = { 0 };
		if (target.directory() != null) {
			Path dir = target.directory();
			if (!Files.isDirectory(dir)) {
				throw new InputException("Found no folder '" + url + "' next to the template (" + location + ")");
			}
			try (Stream<Path> walk = Files.walk(dir)) {
				for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
					String relative = dir.relativize(p).toString().replace('\\', '/');
					if (Files.isSymbolicLink(p)) {
						log.accept("Skipped the symbolic link " + relative + " (links in templates are not followed)");
					}
					else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
						source.add(relative, Files.readAllBytes(p), Files.isExecutable(p), maxFiles, maxBytes, total);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		else {
			String prefix = target.classpath();
			try {
				Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:" + prefix + "/**");
				List<Resource> sorted = new ArrayList<>(List.of(resources));
				sorted.sort(Comparator.comparing(TemplateSource::url));
				for (Resource r : sorted) {
					String u = url(r);
					int at = u.indexOf(prefix + "/");
					if (at < 0 || u.endsWith("/") || (r.isFile() && r.getFile().isDirectory()) || !r.isReadable()) {
						continue;
					}
					String relative = java.net.URLDecoder.decode(u.substring(at + prefix.length() + 1).replace("+", "%2B"),
							java.nio.charset.StandardCharsets.UTF_8);
					try (InputStream in = r.getInputStream()) {
						String name = relative.substring(relative.lastIndexOf('/') + 1);
						boolean executable = name.equals("mvnw") || name.equals("gradlew") || name.endsWith(".sh");
						source.add(relative, in.readAllBytes(), executable, maxFiles, maxBytes, total);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (source.files.isEmpty()) {
				throw new InputException("Found no files under '" + url + "' (classpath:" + prefix + ")");
			}
		}
		return source.files;
	}

	/** Reads one file. */
	static SourceFile file(String location, String url, long maxBytes) {
		Target target = target(location, url);
		try {
			byte[] content;
			String name;
			boolean executable;
			if (target.directory() != null) {
				Path p = target.directory();
				if (Files.isSymbolicLink(p) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
					throw new InputException("Found no file '" + url + "' next to the template (" + location + ")");
				}
				content = Files.readAllBytes(p);
				name = p.getFileName().toString();
				executable = Files.isExecutable(p);
			}
			else {
				Resource r = new PathMatchingResourcePatternResolver().getResource("classpath:" + target.classpath());
				if (!r.exists() || !r.isReadable()) {
					throw new InputException("Found no file '" + url + "' (classpath:" + target.classpath() + ")");
				}
				try (InputStream in = r.getInputStream()) {
					content = in.readAllBytes();
				}
				name = target.classpath().substring(target.classpath().lastIndexOf('/') + 1);
				executable = name.equals("mvnw") || name.endsWith(".sh");
			}
			if (content.length > maxBytes) {
				throw new InputException("The file '" + url + "' is larger than " + maxBytes + " bytes");
			}
			return new SourceFile(name, content, executable);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void add(String path, byte[] content, boolean executable, int maxFiles, long maxBytes, long[] total) {
		if (files.size() >= maxFiles) {
			throw new InputException("The template has more than " + maxFiles + " files");
		}
		total[0] += content.length;
		if (total[0] > maxBytes) {
			throw new InputException("The template's files are larger than " + maxBytes + " bytes together");
		}
		files.add(new SourceFile(path, content, executable));
	}

	/** Either a file system path or a classpath path. */
	private record Target(Path directory, String classpath) {
	}

	private static Target target(String location, String url) {
		if (url == null || url.isBlank()) {
			throw new InputException("The input 'url' is required: the folder or file to fetch, relative to the template");
		}
		String u = url.trim();
		if (u.startsWith("http://") || u.startsWith("https://")) {
			throw new InputException("Fetching from a URL (" + u + ") is not supported; keep the files next to the template, "
					+ "in a file or classpath location");
		}
		if (u.startsWith("classpath:")) {
			String path = normalize(u.substring("classpath:".length()), u);
			if (!(path + "/").startsWith(BUILT_IN) || path.length() <= BUILT_IN.length()) {
				throw new InputException("'" + u + "' is outside classpath:" + BUILT_IN + "; only built-in templates are read from the classpath");
			}
			return new Target(null, path);
		}
		if (u.startsWith("file:") || u.startsWith("/") || u.matches("^[A-Za-z]:[\\\\/].*") || u.contains("://")) {
			throw new InputException("'" + u + "' is absolute; fetch reads paths relative to the template");
		}
		if (location == null || location.isBlank()) {
			throw new InputException("The template has no location to fetch '" + u + "' from");
		}
		String relative = u.replace('\\', '/');
		if (location.startsWith("file:")) {
			Path templateFile = Path.of(location.substring("file:".length()));
			Path base = templateFile.getParent().normalize();
			Path resolved = base.resolve(relative).normalize();
			if (!resolved.startsWith(base)) {
				throw new InputException("'" + u + "' leaves the template's folder");
			}
			try {
				if (Files.exists(resolved) && !resolved.toRealPath().startsWith(base.toRealPath())) {
					throw new InputException("'" + u + "' leaves the template's folder through a symbolic link");
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new Target(resolved, null);
		}
		if (location.startsWith("classpath:")) {
			String templatePath = location.substring("classpath:".length());
			String base = templatePath.contains("/") ? templatePath.substring(0, templatePath.lastIndexOf('/')) : "";
			String path = normalize(base.isEmpty() ? relative : base + "/" + relative, u);
			if (!base.isEmpty() && !(path + "/").startsWith(base + "/")) {
				throw new InputException("'" + u + "' leaves the template's folder");
			}
			return new Target(null, path);
		}
		throw new InputException("The template's location " + location + " is not a file or classpath location; fetch cannot "
				+ "read files next to it (URL locations need a git host integration, which Atrium does not have yet)");
	}

	private static String normalize(String path, String original) {
		List<String> parts = new ArrayList<>();
		for (String part : path.replace('\\', '/').split("/")) {
			if (part.isEmpty() || part.equals(".")) {
				continue;
			}
			if (part.equals("..")) {
				if (parts.isEmpty()) {
					throw new InputException("'" + original + "' leaves the template's folder");
				}
				parts.remove(parts.size() - 1);
			}
			else {
				parts.add(part);
			}
		}
		return String.join("/", parts);
	}

	private static String url(Resource r) {
		try {
			return r.getURL().toString();
		}
		catch (IOException ex) {
			return "";
		}
	}

}
