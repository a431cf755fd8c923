package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

import dev.atrium.platform.InputException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Commits a directory's files straight into a repository's object store: a new branch whose only
 * commit holds the directory as it is. No working tree, no index file, no {@code .git} left in the
 * directory, so it serves the bare repositories of the git host as well as a scratch repository that
 * is then pushed elsewhere. Executable files keep their bit ({@code mvnw}); {@code .git} folders are
 * left out; a symbolic link is committed as a link, and refused when it points outside the directory.
 */
public final class DirectoryCommit {

	/** What was committed. */
	public record Result(ObjectId commit, int files) {
	}

	private DirectoryCommit() {
	}

	/**
	 * Writes the commit and creates {@code refs/heads/<branch>} pointing at it.
	 * @throws InputException when a link leaves the directory or the branch exists already
	 */
	public static Result write(Repository repo, Path directory, String branch, String message, PersonIdent author)
			throws IOException {
		Path root = directory.toRealPath();
		DirCache index = DirCache.newInCore();
		DirCacheBuilder builder = index.builder();
		int[] files = { 0 };
		try (ObjectInserter inserter = repo.newObjectInserter()) {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
					return dir.getFileName() != null && dir.getFileName().toString().equals(Constants.DOT_GIT) && !dir.equals(root)
							? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					String path = root.relativize(file).toString().replace('\\', '/');
					if (attrs.isSymbolicLink()) {
						Path target = Files.readSymbolicLink(file);
						Path resolved = file.getParent().resolve(target).normalize();
						if (target.isAbsolute() || !resolved.startsWith(root)) {
							throw new InputException("The link " + path + " points outside the files to publish");
						}
						add(path, FileMode.SYMLINK, inserter.insert(Constants.OBJ_BLOB,
								target.toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8)));
					}
					else if (attrs.isRegularFile()) {
						FileMode mode = Files.isExecutable(file) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
						try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
							add(path, mode, inserter.insert(Constants.OBJ_BLOB, attrs.size(), in));
						}
					}
					return FileVisitResult.CONTINUE;
				}

				private void add(String path, FileMode mode, ObjectId blob) {
					DirCacheEntry entry = new DirCacheEntry(path);
					entry.setFileMode(mode);
					entry.setObjectId(blob);
					builder.add(entry);
					files[0]++;
				}

			});
			builder.finish();
			ObjectId tree = index.writeTree(inserter);
			CommitBuilder commit = new CommitBuilder();
			commit.setTreeId(tree);
			commit.setAuthor(author);
			commit.setCommitter(author);
			commit.setMessage(message.endsWith("\n") ? message : message + "\n");
			ObjectId id = inserter.insert(commit);
			inserter.flush();
			RefUpdate update = repo.updateRef(Constants.R_HEADS + branch);
			update.setNewObjectId(id);
			update.setExpectedOldObjectId(ObjectId.zeroId());
			update.setRefLogMessage("publish: " + commit.getMessage().lines().findFirst().orElse(""), false);
			RefUpdate.Result result = update.update();
			if (result != RefUpdate.Result.NEW) {
				throw new InputException("Branch " + branch + " exists already in the repository (" + result + ")");
			}
			return new Result(id, files[0]);
		}
	}

}
