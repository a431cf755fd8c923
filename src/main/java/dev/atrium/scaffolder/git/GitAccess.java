package dev.atrium.scaffolder.git;

import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Who may clone and who may push hosted repositories: the one place the git host asks. Reading is
 * open to whoever reaches {@code /git/**} (the security module's filter chain decides who that is);
 * pushing needs a signed-in user or an API token, unless {@code atrium.scaffolder.git.allow-anonymous-push}
 * is set. The caller is the platform's {@link Identities}: the security module makes git's HTTP Basic
 * credentials (user and token) the current identity, and this class needs no change.
 */
@Component
public class GitAccess {

	private final ObjectProvider<Identities> identities;

	private final GitHostProperties properties;

	public GitAccess(ObjectProvider<Identities> identities, GitHostProperties properties) {
		this.identities = identities;
		this.properties = properties;
	}

	/** The caller of the current request. */
	public Identity caller() {
		Identities source = identities.getIfAvailable();
		Identity identity = source == null ? null : source.current();
		return identity == null ? Identity.ANONYMOUS : identity;
	}

	/** Whether the caller may clone and fetch a repository and read its files. */
	public boolean mayRead(Identity caller, String repository) {
		return true;
	}

	/** Whether the caller may push to a repository. */
	public boolean mayPush(Identity caller, String repository) {
		return caller.authenticated() || properties.allowAnonymousPush();
	}

}
