package dev.atrium.scaffolder.git;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scaffolder's git host and of {@code publish:git}, {@code atrium.scaffolder.git.*}.
 *
 * @param root the directory holding the hosted bare repositories ({@code <root>/<name>.git})
 * @param baseUrl how users reach this application ({@code https://atrium.example.com}), used in clone
 *     and raw-file URLs; empty means {@code http://localhost:<server port>}
 * @param allowAnonymousPush let callers who are not signed in push to hosted repositories; only for
 *     tests and a laptop: off by default, and pushes need a signed-in user or a token
 * @param remotes other git servers {@code publish:git} may push to, each with its credentials; a remote
 *     URL whose host is not listed here is refused
 */
@ConfigurationProperties("atrium.scaffolder.git")
public record GitHostProperties(@DefaultValue("data/git") Path root, @DefaultValue("") String baseUrl,
		@DefaultValue("false") boolean allowAnonymousPush, @DefaultValue Map<String, Remote> remotes) {

	/**
	 * A git server {@code publish:git} may push to.
	 *
	 * @param host host name, with {@code :port} when not the scheme's default ({@code github.com},
	 *     {@code gitea.internal:3000})
	 * @param scheme {@code https} (default) or {@code http}, used when a template gives
	 *     {@code host?owner=x&repo=y} instead of a URL
	 * @param username the user name sent with the token ({@code x-access-token} suits GitHub, {@code oauth2}
	 *     GitLab); empty sends the token as the user name
	 * @param token a password or access token; never logged
	 */
	public record Remote(String host, @DefaultValue("https") String scheme, @DefaultValue("") String username,
			@DefaultValue("") String token) {

		@Override
		public String toString() {
			return "Remote[host=" + host + ", scheme=" + scheme + ", username=" + username + ", token=****]";
		}

	}

}
