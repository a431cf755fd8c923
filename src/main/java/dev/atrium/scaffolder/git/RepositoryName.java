package dev.atrium.scaffolder.git;

import java.util.regex.Pattern;

import dev.atrium.platform.InputException;

/**
 * The name of a repository on Atrium's git host: what {@code /git/<name>.git} serves and what the
 * directory under the root is called. Names are checked before any file is touched, so that no name
 * can reach outside the root ({@code ..}, slashes) or a hidden directory (the host keeps its own work
 * in dot-directories).
 */
public final class RepositoryName {

	/** As Backstage's entity names, which repository names usually become: letters, digits, {@code -_.}. */
	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	private RepositoryName() {
	}

	/**
	 * Checks a name a user or template gave; a trailing {@code .git} is dropped.
	 * @return the name without {@code .git}
	 * @throws InputException saying what is wrong with it
	 */
	public static String check(String name) {
		if (name == null || name.isBlank()) {
			throw new InputException("A repository name is required");
		}
		String bare = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
		if (bare.contains("..") || bare.contains("/") || bare.contains("\\")) {
			throw new InputException("Repository name '" + shown(name) + "' must not contain '..' or slashes");
		}
		if (!NAME.matcher(bare).matches()) {
			throw new InputException("Repository name '" + shown(name) + "' must start with a letter or digit and hold "
					+ "only letters, digits, '-', '_' and '.', at most 100 characters");
		}
		return bare;
	}

	/** Whether a name passes {@link #check}. */
	public static boolean isValid(String name) {
		try {
			check(name);
			return true;
		}
		catch (InputException ex) {
			return false;
		}
	}

	private static String shown(String name) {
		return name.length() > 60 ? name.substring(0, 60) + "..." : name;
	}

}
