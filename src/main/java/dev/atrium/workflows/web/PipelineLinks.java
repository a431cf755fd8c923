package dev.atrium.workflows.web;

import java.util.UUID;

import dev.atrium.workflows.run.Job;
import org.springframework.web.util.UriUtils;

/** Where workflows' pages live. */
public final class PipelineLinks {

	private PipelineLinks() {
	}

	public static String index() {
		return "/workflows";
	}

	public static String pipeline(Job job) {
		return pipeline(job.namespace(), job.name());
	}

	/**
	 * A pipeline's page by name, or by id ({@code /workflows/jobs/<id>}) when its namespace or name holds
	 * what a path segment cannot carry through the server and Spring Security's firewall even encoded
	 * ({@code %2F} for {@code /}, {@code %25}, {@code %3B}, {@code %5C}, control characters, {@code .} or
	 * {@code ..}): {@code dag/task} or {@code s3://bucket} would be a 400.
	 */
	public static String pipeline(String namespace, String name) {
		if (!pathSafe(namespace) || !pathSafe(name)) {
			return byId(Job.idOf(namespace, name));
		}
		return "/workflows/pipelines/" + segment(namespace) + "/" + segment(name);
	}

	public static String byId(UUID jobId) {
		return "/workflows/jobs/" + jobId;
	}

	static boolean pathSafe(String value) {
		if (value.isEmpty() || value.equals(".") || value.equals("..")) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '/' || c == '\\' || c == '%' || c == ';' || c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
				return false;
			}
		}
		return true;
	}

	public static String run(UUID id) {
		return "/workflows/runs/" + id;
	}

	static String segment(String value) {
		return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
