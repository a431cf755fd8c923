package dev.atrium.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.atrium.support.TestSignIn;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** Without the guest sign-in, nobody reads without signing in or a token (anonymous reading follows the guest). */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "atrium.catalog.demo=false", "atrium.auth.guest=false" })
class SignInOffTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void pagesSendNobodyToTheSignInPage() throws Exception {
		HttpResponse<String> page = get("/catalog", "text/html", null);

		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/sign-in");
	}

	@Test
	void apiAnswersNobodyWith401AndTokensWithData() throws Exception {
		HttpResponse<String> nobody = get("/api/catalog/entities?limit=1", "application/json", null);
		assertThat(nobody.statusCode()).isEqualTo(401);
		assertThat(nobody.body()).contains("\"name\":\"AuthenticationError\"");

		assertThat(get("/api/catalog/entities?limit=1", "application/json", TestSignIn.bearer()).statusCode()).isEqualTo(200);
	}

	@Test
	void signInPageStaticFilesAndHealthStayOpenAndTheGuestIsOff() throws Exception {
		HttpResponse<String> signIn = get("/sign-in", "text/html", null);
		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(signIn.body()).doesNotContain("sign-in-guest").contains("No way of signing in is configured");
		assertThat(get("/atrium.css", "text/css", null).statusCode()).isEqualTo(200);
		HttpResponse<String> searchScript = get("/search.js", "*/*", null);
		assertThat(searchScript.statusCode()).as("the header's search box script, on the sign-in page too").isEqualTo(200);
		assertThat(searchScript.body()).contains("suggest");
		HttpResponse<String> health = get("/actuator/health", "application/json", null);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).as("no details for nobody").contains("\"status\":\"UP\"").doesNotContain("\"db\"");
	}

	private HttpResponse<String> get(String path, String accept, String authorization) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Accept", accept);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
