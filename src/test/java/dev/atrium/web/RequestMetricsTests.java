package dev.atrium.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators scrape (request timings by route, the request threads' queue) and what refused clients read, over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "atrium.catalog.demo=false")
class RequestMetricsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Test
	void requestsAreTimedByRouteMethodAndStatus() throws Exception {
		assertThat(get("/api/catalog/entities/by-name/component/default/no-such-service").statusCode()).isEqualTo(404);
		assertThat(get("/api/catalog/entities/by-name/component/default/another-missing-one").statusCode()).isEqualTo(404);
		assertThat(get("/catalog").statusCode()).isEqualTo(200);
		assertThat(get("/search/suggestions?term=pay").statusCode()).isEqualTo(200);

		String metrics = get("/actuator/prometheus").body();

		assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\",outcome=\"CLIENT_ERROR\","
				+ "status=\"404\",uri=\"/api/catalog/entities/by-name/{kind}/{namespace}/{name}\"} 2");
		assertThat(metrics).contains("http_server_requests_seconds_count{exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
				+ "status=\"200\",uri=\"/catalog\"} 1");
		assertThat(metrics).doesNotContain("no-such-service");
		assertThat(metrics).contains("atrium_web_requests_active").contains("atrium_web_requests_waiting");
		// The pool searches read through (ADR 0015), beside the application's.
		assertThat(metrics).contains("hikaricp_connections_max{pool=\"atrium-search\"} 6.0");
	}

	@Test
	void aRefusedPostIsReportedAsThePostItWas() throws Exception {
		HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/lineage"))
			.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.body()).contains("\"method\":\"POST\"").contains("\"url\":\"/api/v1/lineage\"");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
