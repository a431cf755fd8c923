package dev.atrium.scaffolder.git;

import java.time.Instant;

/**
 * A repository on Atrium's git host, as its list shows it.
 *
 * @param name the repository name ({@code /git/<name>.git})
 * @param cloneUrl what {@code git clone} takes
 * @param defaultBranch the branch {@code HEAD} names
 * @param lastCommit the newest commit's id on the default branch, or null while the repository is empty
 * @param lastMessage its first line
 * @param lastChanged when it was committed, or null
 */
public record HostedRepository(String name, String cloneUrl, String defaultBranch, String lastCommit,
		String lastMessage, Instant lastChanged) {
}
