package dev.atrium.scaffolder.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.atrium.platform.ConflictException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FileUtils;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Atrium's git host: bare repositories in one directory ({@code atrium.scaffolder.git.root}), served
 * over Git's smart HTTP protocol at {@code /git/<name>.git} and read here for raw files and the
 * repositories page. A repository is created at most once: its directory is made atomically, so two
 * tasks asking for one name cannot both get it.
 */
@Component
public class GitRepositories {

	/** The path the host is served under. */
	public static final String PATH = "/git";

	/** The path of the repositories' pages in the portal. */
	public static final String PAGES = "/create/repositories";

	private final GitHostProperties properties;

	private final Environment environment;

	public GitRepositories(GitHostProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	/** The directory holding the repositories. */
	public Path root() {
		return properties.root().toAbsolutePath().normalize();
	}

	/** Whether a repository of this (checked) name exists. */
	public boolean exists(String name) {
		return Files.isDirectory(directory(name));
	}

	/**
	 * Creates an empty bare repository whose {@code HEAD} names {@code defaultBranch}.
	 * @throws ConflictException when one of that name exists already
	 */
	public Repository create(String name, String defaultBranch) throws IOException {
		Path dir = directory(name);
		Files.createDirectories(root());
		try {
			Files.createDirectory(dir);
		}
		catch (FileAlreadyExistsException ex) {
			throw new ConflictException("Repository '" + name + "' already exists on Atrium's git host; "
					+ "pick another name (it is not overwritten)");
		}
		try {
			return Git.init().setBare(true).setDirectory(dir.toFile()).setInitialBranch(defaultBranch).call().getRepository();
		}
		catch (GitAPIException | RuntimeException ex) {
			delete(name);
			throw new IOException("Could not create repository '" + name + "': " + ex.getMessage(), ex);
		}
	}

	/** Removes a repository (used when publishing into a new one fails half way). */
	public void delete(String name) {
		try {
			FileUtils.delete(directory(name).toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Opens an existing repository; the caller closes it. */
	public Optional<Repository> open(String name) throws IOException {
		if (!RepositoryName.isValid(name) || !exists(name)) {
			return Optional.empty();
		}
		return Optional.of(new FileRepositoryBuilder().setGitDir(directory(name).toFile()).setMustExist(true).build());
	}

	/** Every hosted repository, by name. */
	public List<HostedRepository> list() throws IOException {
		if (!Files.isDirectory(root())) {
			return List.of();
		}
		List<String> names;
		try (Stream<Path> dirs = Files.list(root())) {
			names = dirs.map(d -> d.getFileName().toString())
				.filter(n -> n.endsWith(".git"))
				.map(n -> n.substring(0, n.length() - 4))
				.filter(RepositoryName::isValid)
				.sorted(Comparator.comparing(String::toLowerCase))
				.toList();
		}
		List<HostedRepository> repositories = new ArrayList<>();
		for (String name : names) {
			describe(name).ifPresent(repositories::add);
		}
		return repositories;
	}

	/** One repository as the list shows it. */
	public Optional<HostedRepository> describe(String name) throws IOException {
		Optional<Repository> opened = open(name);
		if (opened.isEmpty()) {
			return Optional.empty();
		}
		try (Repository repo = opened.get(); RevWalk walk = new RevWalk(repo)) {
			Ref head = repo.exactRef(Constants.HEAD);
			String branch = head != null && head.isSymbolic() ? Repository.shortenRefName(head.getTarget().getName()) : "main";
			ObjectId tip = head == null ? null : head.getObjectId();
			if (tip == null) {
				return Optional.of(new HostedRepository(name, cloneUrl(name), branch, null, null, null));
			}
			RevCommit commit = walk.parseCommit(tip);
			return Optional.of(new HostedRepository(name, cloneUrl(name), branch, tip.name(), commit.getShortMessage(),
					Instant.ofEpochSecond(commit.getCommitTime())));
		}
	}

	/**
	 * A file's bytes at a branch, tag or commit.
	 * @return empty when the repository, the revision or the file does not exist
	 */
	public Optional<byte[]> readFile(String name, String revision, String path) throws IOException {
		Optional<Repository> opened = open(name);
		if (opened.isEmpty() || path.isEmpty() || revision.isEmpty()) {
			return Optional.empty();
		}
		try (Repository repo = opened.get(); RevWalk walk = new RevWalk(repo)) {
			ObjectId id = repo.resolve(revision + "^{commit}");
			if (id == null) {
				return Optional.empty();
			}
			RevCommit commit = walk.parseCommit(id);
			try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
				if (tree == null || tree.isSubtree() || (tree.getRawMode(0) & 0170000) == 0160000) {
					return Optional.empty();
				}
				ObjectLoader loader = repo.open(tree.getObjectId(0), Constants.OBJ_BLOB);
				return Optional.of(loader.getBytes());
			}
		}
		catch (org.eclipse.jgit.errors.RevisionSyntaxException | org.eclipse.jgit.errors.IncorrectObjectTypeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The paths of the files at a branch's tip, sorted, at most {@code limit}.
	 * @return empty when the repository or the branch does not exist
	 */
	public List<String> files(String name, String branch, int limit) throws IOException {
		Optional<Repository> opened = open(name);
		if (opened.isEmpty()) {
			return List.of();
		}
		try (Repository repo = opened.get(); RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
			ObjectId tip = repo.resolve(Constants.R_HEADS + branch);
			if (tip == null) {
				return List.of();
			}
			tree.addTree(walk.parseCommit(tip).getTree());
			tree.setRecursive(true);
			List<String> paths = new ArrayList<>();
			while (tree.next() && paths.size() < limit) {
				paths.add(tree.getPathString());
			}
			return paths;
		}
	}

	/** The description publish:git stored ({@code description} in the repository), or empty. */
	public String description(String name) throws IOException {
		if (!RepositoryName.isValid(name) || !exists(name)) {
			return "";
		}
		Path file = directory(name).resolve("description");
		if (!Files.isRegularFile(file)) {
			return "";
		}
		String text = Files.readString(file).strip();
		// git init writes this placeholder; it is not a description
		return text.startsWith("Unnamed repository;") ? "" : text;
	}

	/** How users reach this application, without a trailing slash. */
	public String baseUrl() {
		String configured = properties.baseUrl();
		if (configured != null && !configured.isBlank()) {
			return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
		}
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		return "http://localhost:" + port;
	}

	/** What {@code git clone} takes for a repository. */
	public String cloneUrl(String name) {
		return baseUrl() + PATH + "/" + name + ".git";
	}

	/** The URL under which a branch's files are served raw: append {@code /<path>}. */
	public String rawUrl(String name, String branch) {
		return baseUrl() + PATH + "/" + name + ".git/raw/" + branch;
	}

	/** The repository's page in the portal. */
	public String pageUrl(String name) {
		return baseUrl() + PAGES + "/" + name;
	}

	private Path directory(String name) {
		return root().resolve(RepositoryName.check(name) + ".git");
	}

}
