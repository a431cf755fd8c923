package dev.atrium.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API tokens of {@code atrium.auth.api-tokens}: {@code name=secret} pairs, each letting a machine
 * act as the service {@code name}. A token is revoked by removing it (or giving its name a new secret).
 * Secrets are compared in constant time, and only their SHA-256 digests are kept.
 */
final class ApiTokens {

	/** Shorter secrets are refused at startup: guessable tokens are worse than none. */
	static final int MIN_SECRET_LENGTH = 16;

	private record Token(String name, byte[] digest) {
	}

	private final List<Token> tokens;

	private ApiTokens(List<Token> tokens) {
		this.tokens = tokens;
	}

	/**
	 * Parses the configured pairs.
	 * @throws IllegalStateException for a pair that is not {@code name=secret}, a short secret, or a repeated name
	 */
	static ApiTokens parse(List<String> pairs) {
		List<Token> tokens = new ArrayList<>();
		Set<String> names = new LinkedHashSet<>();
		for (String pair : pairs) {
			String trimmed = pair == null ? "" : pair.trim();
			if (trimmed.isEmpty()) {
				continue;
			}
			int eq = trimmed.indexOf('=');
			String name = eq < 0 ? "" : trimmed.substring(0, eq).trim();
			String secret = eq < 0 ? "" : trimmed.substring(eq + 1).trim();
			if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
				throw new IllegalStateException("atrium.auth.api-tokens: each entry must be name=secret with a name of letters, "
						+ "digits, '.', '_' or '-' (found an entry starting '" + (name.isEmpty() ? "=" : name) + "')");
			}
			if (name.equalsIgnoreCase("guest") || name.equalsIgnoreCase("anonymous")) {
				throw new IllegalStateException("atrium.auth.api-tokens: '" + name + "' is reserved, give the token another name");
			}
			if (secret.length() < MIN_SECRET_LENGTH) {
				throw new IllegalStateException("atrium.auth.api-tokens: the secret of '" + name + "' is shorter than "
						+ MIN_SECRET_LENGTH + " characters");
			}
			if (!names.add(name)) {
				throw new IllegalStateException("atrium.auth.api-tokens: the name '" + name + "' is given twice");
			}
			tokens.add(new Token(name, digest(secret)));
		}
		return new ApiTokens(List.copyOf(tokens));
	}

	/** The service a secret belongs to; every configured token is compared, so timing tells nothing. */
	Optional<String> serviceFor(String secret) {
		byte[] digest = digest(secret);
		String found = null;
		for (Token token : tokens) {
			if (MessageDigest.isEqual(token.digest(), digest)) {
				found = token.name();
			}
		}
		return Optional.ofNullable(found);
	}

	boolean isEmpty() {
		return tokens.isEmpty();
	}

	private static byte[] digest(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
