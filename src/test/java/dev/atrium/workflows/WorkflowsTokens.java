package dev.atrium.workflows;

/**
 * The API token machine clients send as {@code Authorization: Bearer}. Until the security module
 * checks tokens, any value passes; the tests send one anyway so the client's auth path is exercised.
 */
final class WorkflowsTokens {

	private WorkflowsTokens() {
	}

	static String token() {
		return "atrium-test-token";
	}

}
