package dev.atrium.scaffolder.task;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;

/** Glob patterns over workspace-relative paths, where a leading {@code **}{@code /} also matches no folder (as globby does). */
public final class Globs {

	private Globs() {
	}

	public static boolean matches(List<String> globs, String path) {
		Path p = Path.of(path.replace('\\', '/'));
		for (String glob : globs) {
			String g = glob.startsWith("./") ? glob.substring(2) : glob;
			if (FileSystems.getDefault().getPathMatcher("glob:" + g).matches(p)) {
				return true;
			}
			if (g.startsWith("**/") && FileSystems.getDefault().getPathMatcher("glob:" + g.substring(3)).matches(p)) {
				return true;
			}
			if (g.endsWith("/**") && p.startsWith(g.substring(0, g.length() - 3))) {
				return true;
			}
		}
		return false;
	}

}
