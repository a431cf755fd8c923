package dev.atrium.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser protections over real HTTP: security headers and the Content Security Policy, the session
 * cookie's flags, CSRF tokens on forms and htmx requests, and request size limits.
 */
class HardeningTests extends SecurityApplicationTest {

	private static final Pattern SESSION = Pattern.compile("ATRIUM_SESSION=([^;]+)");

	private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

	@Test
	void everyAnswerCarriesSecurityHeadersAndAPolicyWithoutInlineScript() {
		for (String path : List.of("/", "/catalog", "/api/catalog/entities?limit=1", "/no/such/page", "/sign-in")) {
			Response answer = call(null, "GET", path, null, Map.of("Accept", "text/html"));
			String csp = answer.header("Content-Security-Policy");
			assertThat(csp).as(path).contains("script-src 'self'").contains("frame-ancestors 'none'").contains("object-src 'none'");
			assertThat(scriptSources(csp)).as(path).doesNotContain("'unsafe-inline'").doesNotContain("'unsafe-eval'");
			assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
			assertThat(answer.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		}
	}

	@Test
	void aParameterThatIsNotUtf8IsABadRequestNotAServerError() {
		for (String path : List.of("/search/suggestions?term=a%ffb", "/api/search/query?term=%ff", "/workflows?text=%c3")) {
			Response answer = call(null, "GET", path, null, Map.of("Accept", "application/json"));
			assertThat(answer.status()).as(path).isEqualTo(400);
			assertThat(answer.body()).as(path).contains("not valid UTF-8");
		}
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() {
		String cookie = guestSession().setCookie();

		assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
	}

	@Test
	void formsCarryACsrfTokenAndAFormWithoutItIsRefused() {
		Session guest = guestSession();
		Path file = write("csrf.yaml", component(token + "-csrf", token + "-team"));
		String form = "type=file&action=preview&target=" + file;

		Response withoutToken = guest.post("/catalog/register", form);
		assertThat(withoutToken.status()).isEqualTo(403);
		assertThat(withoutToken.body()).contains("This form has expired or was sent from another site");

		String page = guest.get("/catalog/register").body();
		Matcher hidden = HIDDEN_CSRF.matcher(page);
		assertThat(hidden.find()).as("the register form has a hidden _csrf field").isTrue();
		Response withToken = guest.post("/catalog/register", form + "&_csrf=" + hidden.group(1));
		assertThat(withToken.status()).isEqualTo(200);
		assertThat(withToken.body()).contains("component:default/" + token + "-csrf");
	}

	@Test
	void htmxAndScriptsSendTheTokenFromTheMetaTagAsAHeader() {
		Session guest = guestSession();
		Matcher meta = META_CSRF.matcher(guest.get("/catalog").body());
		assertThat(meta.find()).as("signed-in pages carry the token in a meta tag").isTrue();
		String json = "{\"entityRef\":\"component:default/none-" + token + "\"}";

		assertThat(guest.send("POST", "/api/catalog/refresh", json, Map.of("Content-Type", "application/json")).status())
			.as("a cookie-based API call without the token").isEqualTo(403);
		assertThat(guest.send("POST", "/api/catalog/refresh", json,
				Map.of("Content-Type", "application/json", "Accept", "application/json", "X-CSRF-TOKEN", meta.group(1))).status())
			.as("with the token: through to the API, which knows no such entity").isEqualTo(404);
		assertThat(call(null, "GET", "/catalog", null, Map.of("Accept", "text/html")).body())
			.as("nobody signed in: no token on the page, and no session made for one")
			.doesNotContain("name=\"_csrf\"");
	}

	@Test
	void oversizedBodiesAreRefusedWithA413SayingTheLimit() {
		String big = "{\"type\":\"url\",\"target\":\"" + "x".repeat(70 * 1024) + "\"}";

		Response api = call(CI, "POST", "/api/catalog/locations", big);
		assertThat(api.status()).isEqualTo(413);
		assertThat(api.json().path("error").path("name").asString()).isEqualTo("PayloadTooLargeError");
		assertThat(api.json().path("error").path("message").asString()).contains("64 KB");

		Response form = guestSession().post("/catalog/register", "target=" + "x".repeat(70 * 1024));
		assertThat(form.status()).isEqualTo(413);
		assertThat(form.body()).contains("larger than the limit of 64 KB");

		Response lineage = call(CI, "POST", "/api/v1/lineage", "{\"x\":\"" + "x".repeat(100 * 1024) + "\"}");
		assertThat(lineage.status()).as("its own, larger limit lets it through (to whatever answers there)").isNotEqualTo(413);
	}

	@Test
	void chunkedBodiesAreCountedToo() throws Exception {
		byte[] big = ("{\"target\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes();
		var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/catalog/locations"))
			.header("Authorization", CI)
			.header("Content-Type", "application/json")
			// A body of unknown length is sent chunked.
			.POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
			.build();
		var answer = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).isEqualTo(413);
	}

	@Test
	void noTemplateHasInlineScriptsOrEventHandlers() throws IOException {
		Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bth:src=|[^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
		Pattern handler = Pattern.compile("\\s(th:)?on[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
		Pattern scriptUrl = Pattern.compile("(href|src|action)\\s*=\\s*\"\\s*javascript:", Pattern.CASE_INSENSITIVE);
		List<String> problems = new ArrayList<>();
		for (Path root : List.of(Path.of("src/main/resources/templates"), Path.of("src/test/resources/templates"))) {
			if (!Files.isDirectory(root)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(root)) {
				for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
					String html = Files.readString(file);
					for (Pattern p : List.of(inlineScript, handler, scriptUrl)) {
						Matcher m = p.matcher(html);
						while (m.find()) {
							problems.add(file + ": " + m.group().trim());
						}
					}
				}
			}
		}
		assertThat(problems).as("the Content Security Policy forbids inline scripts: move them to static files").isEmpty();
	}

	private static String scriptSources(String csp) {
		for (String directive : csp.split(";")) {
			if (directive.trim().startsWith("script-src") || directive.trim().startsWith("default-src")) {
				return directive;
			}
		}
		return "";
	}

	/** Signs in as the guest over HTTP, as the sign-in page's form does. */
	private Session guestSession() {
		Response page = call(null, "GET", "/sign-in", null, Map.of("Accept", "text/html"));
		Matcher cookie = SESSION.matcher(String.valueOf(page.header("Set-Cookie")));
		Matcher csrf = HIDDEN_CSRF.matcher(page.body());
		assertThat(cookie.find() && csrf.find()).as("the sign-in page starts a session and has a CSRF token").isTrue();
		Session session = new Session(cookie.group(1), null);
		Response signedIn = session.post("/sign-in/guest", "_csrf=" + csrf.group(1));
		assertThat(signedIn.status()).isEqualTo(302);
		Matcher fresh = SESSION.matcher(String.valueOf(signedIn.header("Set-Cookie")));
		assertThat(fresh.find()).as("signing in changes the session id").isTrue();
		assertThat(fresh.group(1)).isNotEqualTo(cookie.group(1));
		return new Session(fresh.group(1), signedIn.header("Set-Cookie"));
	}

	private final class Session {

		private final String id;

		private final String setCookie;

		Session(String id, String setCookie) {
			this.id = id;
			this.setCookie = setCookie;
		}

		String setCookie() {
			return setCookie;
		}

		Response get(String path) {
			return call(null, "GET", path, null, Map.of("Accept", "text/html", "Cookie", "ATRIUM_SESSION=" + id));
		}

		Response post(String path, String form) {
			return send("POST", path, form, Map.of("Content-Type", "application/x-www-form-urlencoded"));
		}

		Response send(String method, String path, String body, Map<String, String> headers) {
			Map<String, String> all = new java.util.HashMap<>(headers);
			all.putIfAbsent("Accept", "text/html");
			all.put("Cookie", "ATRIUM_SESSION=" + id);
			return call(null, method, path, body, all);
		}

	}

}
