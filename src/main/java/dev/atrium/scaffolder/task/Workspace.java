package dev.atrium.scaffolder.task;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import dev.atrium.platform.InputException;

/**
 * A task's working directory and the one rule every action's paths pass: a path is relative, and
 * neither {@code ..} nor a symbolic link (nor a chain of them, nor a dangling one) takes it out of the
 * workspace. Links are followed by hand, component by component, so a link whose target does not
 * exist yet is judged by where it points (CVE-2026-24046, CVE-2026-24047 in Backstage).
 */
public final class Workspace {

	private static final int MAX_LINKS = 40;

	private Workspace() {
	}

	/**
	 * Resolves a path inside the workspace.
	 * @throws InputException when it is absolute or leaves the workspace
	 */
	public static Path resolve(Path root, String relative) {
		String path = relative == null ? "" : relative.replace('\\', '/');
		if (path.startsWith("/") || path.matches("^[A-Za-z]:.*") || path.startsWith("~")) {
			throw new InputException("Path '" + relative + "' is absolute; paths are relative to the task's workspace");
		}
		if (path.indexOf('\0') >= 0) {
			throw new InputException("Path '" + relative.replace("\0", "\\0") + "' contains a NUL character");
		}
		Path base;
		try {
			base = root.toRealPath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The workspace " + root + " is gone", ex);
		}
		Deque<String> todo = new ArrayDeque<>();
		for (String part : path.split("/")) {
			if (!part.isEmpty() && !part.equals(".")) {
				todo.addLast(part);
			}
		}
		Path current = base;
		int links = 0;
		while (!todo.isEmpty()) {
			String part = todo.removeFirst();
			if (part.equals("..")) {
				if (current.equals(base)) {
					throw new InputException("Path '" + relative + "' leaves the workspace");
				}
				current = current.getParent();
				continue;
			}
			Path next = current.resolve(part);
			if (Files.isSymbolicLink(next)) {
				if (++links > MAX_LINKS) {
					throw new InputException("Path '" + relative + "' goes through more than " + MAX_LINKS + " symbolic links");
				}
				Path target;
				try {
					target = Files.readSymbolicLink(next);
				}
				catch (IOException ex) {
					throw new InputException("Cannot read the symbolic link '" + base.relativize(next) + "'");
				}
				if (target.isAbsolute()) {
					Path normal = target.normalize();
					if (!normal.startsWith(base)) {
						throw new InputException("Path '" + relative + "' leaves the workspace through the symbolic link '"
								+ base.relativize(next) + "'");
					}
					current = base;
					target = base.relativize(normal);
				}
				List<String> parts = Stream.of(target.toString().replace('\\', '/').split("/"))
					.filter(p -> !p.isEmpty() && !p.equals("."))
					.toList();
				for (int i = parts.size() - 1; i >= 0; i--) {
					todo.addFirst(parts.get(i));
				}
				continue;
			}
			current = next;
		}
		if (!current.startsWith(base)) {
			throw new InputException("Path '" + relative + "' leaves the workspace");
		}
		return current;
	}

	/** The workspace as a zip (regular files and folders only; links are left out), at most maxBytes. */
	static byte[] zip(Path root, long maxBytes) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(root)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
					continue;
				}
				String name = root.relativize(file).toString().replace('\\', '/');
				ZipEntry entry = new ZipEntry(Files.isExecutable(file) ? name + "#x" : name);
				zip.putNextEntry(entry);
				Files.copy(file, zip);
				zip.closeEntry();
				if (bytes.size() > maxBytes) {
					return null;
				}
			}
		}
		catch (IOException ex) {
			return null;
		}
		return bytes.toByteArray();
	}

	/** Restores a zipped workspace into an empty folder. */
	static void unzip(byte[] zipped, Path root) throws IOException {
		Files.createDirectories(root);
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipped))) {
			ZipEntry entry;
			while ((entry = zip.getNextEntry()) != null) {
				String name = entry.getName();
				boolean executable = name.endsWith("#x");
				Path target = resolve(root, executable ? name.substring(0, name.length() - 2) : name);
				Files.createDirectories(target.getParent());
				Files.copy(zip, target);
				if (executable) {
					markExecutable(target);
				}
			}
		}
	}

	/** Sets the owner's execute bit where the file system has one. */
	public static void markExecutable(Path file) {
		try {
			var permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
			permissions.add(PosixFilePermission.OWNER_EXECUTE);
			permissions.add(PosixFilePermission.GROUP_EXECUTE);
			Files.setPosixFilePermissions(file, permissions);
		}
		catch (UnsupportedOperationException | IOException ex) {
			file.toFile().setExecutable(true);
		}
	}

	/** Deletes a folder and everything below it, never following links. */
	static void delete(Path root) {
		if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
				try {
					Files.deleteIfExists(p);
				}
				catch (IOException ex) {
					// left for the operating system's temporary-file cleaning
				}
			});
		}
		catch (IOException ex) {
			// as above
		}
	}

}
