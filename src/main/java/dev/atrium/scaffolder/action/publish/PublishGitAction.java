package dev.atrium.scaffolder.action.publish;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.Identity;
import dev.atrium.platform.InputException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.action.publish.PublishTarget.Hosted;
import dev.atrium.scaffolder.action.publish.PublishTarget.Pushed;
import dev.atrium.scaffolder.git.DirectoryCommit;
import dev.atrium.scaffolder.git.GitHostProperties;
import dev.atrium.scaffolder.git.GitRepositories;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FileUtils;
import org.springframework.stereotype.Component;

/**
 * {@code publish:git}: commits the workspace (or its {@code sourcePath}) as the first commit of a new
 * repository and pushes it, to Atrium's own git host or to a configured remote. A repository that
 * exists already (on the host, or a remote with any branch or tag) is refused, never overwritten.
 * Outputs as Backstage's publish actions: {@code remoteUrl}, {@code repoContentsUrl},
 * {@code commitHash}, plus {@code cloneUrl}. Credentials come from configuration or the {@code token}
 * input and are never logged.
 */
@Component
class PublishGitAction implements ScaffolderAction {

	static final String ID = "publish:git";

	private final GitRepositories repositories;

	private final GitHostProperties properties;

	PublishGitAction(GitRepositories repositories, GitHostProperties properties) {
		this.repositories = repositories;
		this.properties = properties;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public String description() {
		return "Commits the workspace and pushes it to a new repository on Atrium's git host or a configured remote.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("repoUrl", string("Repository", "A name on Atrium's git host (my-service), host?owner=x&repo=y, "
				+ "or the http(s) URL of a configured remote"));
		props.put("description", string("Description", "The repository's description"));
		props.put("defaultBranch", Map.of("type", "string", "title", "Default branch", "default", "main"));
		props.put("gitCommitMessage", Map.of("type", "string", "title", "Commit message", "default", "Initial commit"));
		props.put("gitAuthorName", string("Author name", "Defaults to the user who runs the task"));
		props.put("gitAuthorEmail", string("Author email", "Defaults to the user who runs the task"));
		props.put("sourcePath", string("Source path", "Part of the workspace to publish; the whole workspace by default"));
		props.put("token", string("Token", "A token for the remote, overriding the configured one (pass it as a secret)"));
		return Map.of("type", "object", "required", List.of("repoUrl"), "properties", props);
	}

	@Override
	public Map<String, Object> outputSchema() {
		Map<String, Object> props = new LinkedHashMap<>();
		props.put("remoteUrl", string("Repository page", "The repository's web page"));
		props.put("repoContentsUrl", string("Contents URL", "Append /<path> to address a file of the default branch"));
		props.put("commitHash", string("Commit", "The pushed commit's id"));
		props.put("cloneUrl", string("Clone URL", "What git clone takes"));
		return Map.of("type", "object", "properties", props);
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public List<Example> examples() {
		return List.of(new Example("Publish the workspace to a new repository on Atrium's git host", """
				- id: publish
				  name: Publish
				  action: publish:git
				  input:
				    repoUrl: payments-service
				    description: Takes payments
				"""), new Example("Push to a configured remote (atrium.scaffolder.git.remotes.gitea.host: git.example.com)", """
				- id: publish
				  name: Publish
				  action: publish:git
				  input:
				    repoUrl: git.example.com?owner=platform&repo=payments-service
				    defaultBranch: trunk
				    gitCommitMessage: Created from the payments template
				"""));
	}

	@Override
	public void execute(ActionContext context) throws Exception {
		Map<String, Object> input = context.input();
		PublishTarget target = PublishTarget.parse(text(input, "repoUrl", null), ownAuthority(), properties);
		String branch = text(input, "defaultBranch", "main");
		if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
			throw new InputException("defaultBranch '" + branch + "' is not a valid branch name");
		}
		String message = text(input, "gitCommitMessage", "Initial commit");
		PersonIdent author = author(input, context.user());
		Path source = context.resolve(text(input, "sourcePath", "."));
		if (!Files.isDirectory(source)) {
			throw new InputException("sourcePath '" + text(input, "sourcePath", ".") + "' is not a directory of the workspace");
		}
		if (target instanceof Hosted hosted) {
			publishHosted(context, hosted, source, branch, message, author, text(input, "description", ""));
		}
		else {
			publishRemote(context, (Pushed) target, source, branch, message, author, text(input, "token", ""));
		}
	}

	private void publishHosted(ActionContext context, Hosted target, Path source, String branch, String message,
			PersonIdent author, String description) throws IOException {
		String name = target.name();
		if (context.dryRun()) {
			if (repositories.exists(name)) {
				throw new InputException("Repository '" + name + "' already exists on Atrium's git host; pick another name");
			}
			context.log("Dry run: would create " + repositories.cloneUrl(name) + " and commit " + source.getFileName()
					+ " to branch " + branch + "; nothing was published");
			outputs(context, repositories.pageUrl(name), repositories.rawUrl(name, branch), null, repositories.cloneUrl(name));
			return;
		}
		DirectoryCommit.Result result;
		try (Repository repo = repositories.create(name, branch)) {
			try {
				if (!description.isBlank()) {
					Files.writeString(repo.getDirectory().toPath().resolve("description"), description.strip() + "\n",
							StandardCharsets.UTF_8);
				}
				result = DirectoryCommit.write(repo, source, branch, message, author);
			}
			catch (IOException | RuntimeException ex) {
				repositories.delete(name);
				throw ex;
			}
		}
		context.log("Created " + repositories.cloneUrl(name) + " with " + result.files() + " files on branch " + branch
				+ " (commit " + result.commit().abbreviate(10).name() + ")");
		outputs(context, repositories.pageUrl(name), repositories.rawUrl(name, branch), result.commit().name(),
				repositories.cloneUrl(name));
	}

	private void publishRemote(ActionContext context, Pushed target, Path source, String branch, String message,
			PersonIdent author, String token) throws IOException, GitAPIException {
		String url = target.url().toString();
		String contents = target.webUrl() + "/blob/" + branch;
		if (context.dryRun()) {
			context.log("Dry run: would push " + source.getFileName() + " to " + url + " (branch " + branch
					+ "); nothing was pushed");
			outputs(context, target.webUrl(), contents, null, url);
			return;
		}
		CredentialsProvider credentials = credentials(target, token);
		Collection<Ref> existing;
		try {
			existing = Git.lsRemoteRepository().setRemote(url).setCredentialsProvider(credentials).setHeads(true)
				.setTags(true).setTimeout(30).call();
		}
		catch (GitAPIException ex) {
			throw new InputException("Could not reach " + url + ": " + ex.getMessage() + " (does the repository exist, "
					+ "and may the configured user push to it?)");
		}
		if (!existing.isEmpty()) {
			throw new InputException("Repository " + url + " already has " + existing.size() + " branches or tags; "
					+ "publish:git only pushes to an empty repository and does not overwrite one");
		}
		Path scratch = Files.createTempDirectory("atrium-publish-");
		try (Repository repo = Git.init().setBare(true).setDirectory(scratch.toFile()).setInitialBranch(branch).call().getRepository()) {
			DirectoryCommit.Result result = DirectoryCommit.write(repo, source, branch, message, author);
			if (context.cancelled()) {
				throw new IllegalStateException("Cancelled before pushing");
			}
			Iterable<PushResult> pushed = Git.wrap(repo).push().setRemote(url).setCredentialsProvider(credentials)
				.setRefSpecs(new RefSpec(Constants.R_HEADS + branch + ":" + Constants.R_HEADS + branch)).setTimeout(60).call();
			for (PushResult push : pushed) {
				for (RemoteRefUpdate update : push.getRemoteUpdates()) {
					if (update.getStatus() != RemoteRefUpdate.Status.OK && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
						throw new IllegalStateException("The remote refused " + update.getRemoteName() + ": " + update.getStatus()
								+ (update.getMessage() == null ? "" : " (" + update.getMessage() + ")"));
					}
				}
			}
			context.log("Pushed " + result.files() + " files to " + url + " on branch " + branch + " (commit "
					+ result.commit().abbreviate(10).name() + ")");
			outputs(context, target.webUrl(), contents, result.commit().name(), url);
		}
		finally {
			FileUtils.delete(scratch.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING | FileUtils.RETRY);
		}
	}

	private static CredentialsProvider credentials(Pushed target, String token) {
		String secret = token.isBlank() ? target.remote().token() : token;
		if (secret == null || secret.isBlank()) {
			return null;
		}
		String user = target.remote().username();
		return new UsernamePasswordCredentialsProvider(user == null || user.isBlank() ? secret : user, secret);
	}

	private static void outputs(ActionContext context, String remoteUrl, String repoContentsUrl, String commit, String cloneUrl) {
		context.output("remoteUrl", remoteUrl);
		context.output("repoContentsUrl", repoContentsUrl);
		if (commit != null) {
			context.output("commitHash", commit);
		}
		context.output("cloneUrl", cloneUrl);
	}

	private static PersonIdent author(Map<String, Object> input, Identity user) {
		String defaultName = "Atrium Scaffolder";
		String defaultEmail = "scaffolder@atrium.local";
		if (user != null && user.authenticated()) {
			defaultName = user.displayName() == null || user.displayName().isBlank() ? user.name() : user.displayName();
			defaultEmail = user.name().contains("@") ? user.name() : user.name() + "@users.atrium.local";
		}
		return new PersonIdent(text(input, "gitAuthorName", defaultName), text(input, "gitAuthorEmail", defaultEmail));
	}

	private String ownAuthority() {
		URI base = URI.create(repositories.baseUrl());
		return base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort();
	}

	private static String text(Map<String, Object> input, String key, String fallback) {
		Object value = input.get(key);
		if (value == null || value.toString().isBlank()) {
			return fallback;
		}
		if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
			throw new InputException(key + " must be a string");
		}
		return value.toString().strip();
	}

	private static Map<String, Object> string(String title, String description) {
		return Map.of("type", "string", "title", title, "description", description);
	}

}
