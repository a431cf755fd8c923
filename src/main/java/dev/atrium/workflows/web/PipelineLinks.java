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

	public static String pipeline(String namespace, String name) {
		return "/workflows/pipelines/" + segment(namespace) + "/" + segment(name);
	}

	public static String run(UUID id) {
		return "/workflows/runs/" + id;
	}

	static String segment(String value) {
		return UriUtils.encodePathSegment(value, java.nio.charset.StandardCharsets.UTF_8);
	}

}
