package dev.atrium.catalog.ingest;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import dev.atrium.catalog.CatalogApplicationTest;
import dev.atrium.catalog.descriptor.EntityPipeline;
import dev.atrium.platform.Entity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code url} locations against real HTTP(S) servers on 127.0.0.1: some allowed through
 * {@code atrium.catalog.reading-allow}, one not. Loopback, link-local and private addresses are
 * refused unless allowed, at registration and at every redirect hop (CVE-2026-24048), and a URL
 * location cannot lead to local files (GHSA-pcmq-25r3-5w9v).
 */
class UrlLocationTests extends CatalogApplicationTest {

	@Test
	void readsAMultiDocumentFileFromAnAllowedHost() {
		files.serve(path("catalog-info.yaml"), documents(component("a-" + token, "team-a"), component("b-" + token, "team-b")));
		String url = files.url(path("catalog-info.yaml"));

		Response response = api("POST", "/api/catalog/locations", locationBody("url", url));
		ingestion.refreshDue();

		assertThat(response.status()).isEqualTo(201);
		UUID id = UUID.fromString(response.json().at("/location/id").asString());
		assertThat(refsOf(id)).contains("component:default/a-" + token, "component:default/b-" + token);
		assertThat(errorsOf(id)).isEmpty();
		Entity a = entity("component:default/a-" + token).orElseThrow().entity();
		assertThat(a.annotation(EntityPipeline.MANAGED_BY_LOCATION)).isEqualTo("url:" + url);
	}

	@Test
	void readsAnHttpsUrlAndLocationsBetweenHttpAndHttps() {
		files.serve(path("plain.yaml"), component("plain-" + token, "team-a"));
		secure.serve(path("catalog-info.yaml"), documents(component("secure-" + token, "team-a"),
				locationOf(files.url(path("plain.yaml")))));
		String url = secure.url(path("catalog-info.yaml"));

		UUID id = register("url", url);

		assertThat(url).startsWith("https://127.0.0.1:");
		assertThat(refsOf(id)).contains("component:default/secure-" + token, "component:default/plain-" + token);
		assertThat(errorsOf(id)).isEmpty();
		assertThat(entity("component:default/secure-" + token).orElseThrow().entity()
			.annotation(EntityPipeline.MANAGED_BY_LOCATION)).isEqualTo("url:" + url);
		int notModified = secure.notModified(path("catalog-info.yaml"));
		refresh(id);
		assertThat(secure.notModified(path("catalog-info.yaml"))).isEqualTo(notModified + 1);
	}

	@Test
	void followsRelativeAndAbsoluteTargetsOfLocationsReadFromAUrl() {
		files.serve(path("catalog.yaml"), locationOf("./systems/index.yaml", files.url(path("absolute.yaml"))));
		files.serve(path("systems/index.yaml"), locationOf("one.yaml", "../two.yaml"));
		files.serve(path("systems/one.yaml"), component("one-" + token, "team-a"));
		files.serve(path("two.yaml"), component("two-" + token, "team-a"));
		files.serve(path("absolute.yaml"), component("absolute-" + token, "team-a"));

		UUID id = register("url", files.url(path("catalog.yaml")));

		assertThat(refsOf(id)).contains("component:default/one-" + token, "component:default/two-" + token,
				"component:default/absolute-" + token);
		assertThat(errorsOf(id)).isEmpty();
		Entity one = entity("component:default/one-" + token).orElseThrow().entity();
		assertThat(one.annotation(EntityPipeline.MANAGED_BY_LOCATION)).isEqualTo("url:" + files.url(path("systems/one.yaml")));
		assertThat(one.annotation(EntityPipeline.MANAGED_BY_ORIGIN_LOCATION)).isEqualTo("url:" + files.url(path("catalog.yaml")));
	}

	@Test
	void refusesToRegisterALoopbackHostThatIsNotAllowed() {
		forbidden.serve(path("secret.yaml"), component("secret-" + token, "team-a"));

		Response response = api("POST", "/api/catalog/locations", locationBody("url", forbidden.url(path("secret.yaml"))));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().at("/error/message").asString()).contains("loopback, link-local or private",
				"ATRIUM_READING_ALLOW");
		assertThat(forbidden.requestsUnder("/" + token)).isZero();
		assertThat(entity("component:default/secret-" + token)).isEmpty();
	}

	@Test
	void refusesPrivateLinkLocalAndUnspecifiedAddresses() {
		List<String> targets = List.of("http://10.1.2.3/catalog-info.yaml", "http://172.16.0.1/catalog-info.yaml",
				"http://192.168.1.1/catalog-info.yaml", "http://169.254.169.254/latest/meta-data/",
				"http://0.0.0.0:" + forbidden.port() + "/x.yaml", "http://[::1]:" + forbidden.port() + "/x.yaml",
				"http://[fe80::1]/x.yaml", "http://[fd00::1]/x.yaml", "http://[::ffff:127.0.0.1]:" + files.port() + "/x.yaml",
				"http://127.0.0.2:" + files.port() + "/x.yaml", "http://100.64.0.1/x.yaml");

		for (String target : targets) {
			Response response = api("POST", "/api/catalog/locations?dryRun=true", locationBody("url", target));

			assertThat(response.status()).as(target).isEqualTo(400);
			assertThat(response.json().at("/error/message").asString()).as(target).contains("Refused to read");
		}
		assertThat(forbidden.requestsUnder("/")).isZero();
	}

	@Test
	void refusesARedirectFromAnAllowedHostToAForbiddenOne() {
		forbidden.serve(path("secret.yaml"), component("secret-" + token, "team-a"));
		files.redirect(path("catalog-info.yaml"), forbidden.url(path("secret.yaml")));

		UUID id = register("url", files.url(path("catalog-info.yaml")));

		assertThat(files.requests(path("catalog-info.yaml"))).isPositive();
		assertThat(forbidden.requestsUnder("/" + token)).isZero();
		assertThat(entity("component:default/secret-" + token)).isEmpty();
		assertThat(location(id).status()).isEqualTo("error");
		assertThat(errorsOf(id)).singleElement()
			.asString()
			.contains("Refused to read " + forbidden.url(path("secret.yaml")), "loopback, link-local or private");
	}

	@Test
	void refusesARedirectToAFileUrl() {
		Path secret = write("secret.yaml", component("secret-" + token, "team-a"));
		files.redirect(path("catalog-info.yaml"), secret.toUri().toString());

		UUID id = register("url", files.url(path("catalog-info.yaml")));

		assertThat(entity("component:default/secret-" + token)).isEmpty();
		assertThat(errorsOf(id)).singleElement().asString().contains("only http and https URLs are read");
	}

	@Test
	void followsARedirectBetweenAllowedUrls() {
		files.serve(path("moved.yaml"), component("moved-" + token, "team-a"));
		files.redirect(path("catalog-info.yaml"), path("moved.yaml"));

		UUID id = register("url", files.url(path("catalog-info.yaml")));

		assertThat(refsOf(id)).contains("component:default/moved-" + token);
		assertThat(errorsOf(id)).isEmpty();
	}

	@Test
	void refusesANestedLocationThatPointsAtAForbiddenHost() {
		forbidden.serve(path("secret.yaml"), component("secret-" + token, "team-a"));
		files.serve(path("catalog.yaml"),
				documents(component("kept-" + token, "team-a"), locationOf(forbidden.url(path("secret.yaml")))));

		UUID id = register("url", files.url(path("catalog.yaml")));

		assertThat(refsOf(id)).contains("component:default/kept-" + token);
		assertThat(entity("component:default/secret-" + token)).isEmpty();
		assertThat(forbidden.requestsUnder("/" + token)).isZero();
		assertThat(errorsOf(id)).singleElement().asString().contains("Refused to read", "loopback, link-local or private");
	}

	@Test
	void refusesAFileLocationNestedInAUrlLocation() {
		Path local = write("local.yaml", component("local-" + token, "team-a"));
		files.serve(path("catalog.yaml"), documents(component("remote-" + token, "team-a"), """
				apiVersion: backstage.io/v1alpha1
				kind: Location
				metadata:
				  name: local-files-%s
				spec:
				  type: file
				  target: %s
				""".formatted(token, local)));

		UUID id = register("url", files.url(path("catalog.yaml")));

		assertThat(refsOf(id)).contains("component:default/remote-" + token);
		assertThat(entity("component:default/local-" + token)).isEmpty();
		assertThat(errorsOf(id)).singleElement().asString().contains("Location type 'file'", "is not allowed");
	}

	@Test
	void aNestedUrlLocationOfAFileLocationIsRead() {
		files.serve(path("remote.yaml"), component("remote-" + token, "team-a"));
		Path root = write("catalog.yaml", """
				apiVersion: backstage.io/v1alpha1
				kind: Location
				metadata:
				  name: remote-%s
				spec:
				  type: url
				  target: %s
				""".formatted(token, files.url(path("remote.yaml"))));

		UUID id = registerFile(root);

		assertThat(refsOf(id)).contains("component:default/remote-" + token);
		assertThat(errorsOf(id)).isEmpty();
	}

	@Test
	void aRedirectToAUrlWithoutAHostIsTheLocationsErrorNotAServerError() {
		files.redirect(path("catalog-info.yaml"), "http:///catalog-info.yaml");
		files.redirect(path("malformed.yaml"), "http://[::1/x.yaml");
		String target = files.url(path("catalog-info.yaml"));

		Response dryRun = api("POST", "/api/catalog/locations?dryRun=true", locationBody("url", target));
		Response malformed = api("POST", "/api/catalog/locations?dryRun=true", locationBody("url", files.url(path("malformed.yaml"))));
		Response registered = api("POST", "/api/catalog/locations", locationBody("url", target));

		assertThat(dryRun.status()).isEqualTo(400);
		assertThat(dryRun.json().at("/error/name").asString()).isEqualTo("InputError");
		assertThat(malformed.status()).isEqualTo(400);
		assertThat(registered.status()).isEqualTo(201);
		UUID id = UUID.fromString(registered.json().at("/location/id").asString());
		ingestion.refreshDue();
		assertThat(location(id).status()).isEqualTo("error");
		assertThat(location(id).message()).contains("no host");
	}

}
