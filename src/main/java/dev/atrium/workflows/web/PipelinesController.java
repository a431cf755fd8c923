package dev.atrium.workflows.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import dev.atrium.workflows.run.Pipelines;
import dev.atrium.workflows.run.Pipelines.Filter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** The pipelines index: every pipeline, failing and late ones first, with filters kept in the URL. */
@Controller
class PipelinesController {

	static final int PAGE_SIZE = 50;

	private final Pipelines pipelines;

	private final Clock clock;

	PipelinesController(Pipelines pipelines, ObjectProvider<Clock> clock) {
		this.pipelines = pipelines;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
	}

	@GetMapping("/workflows")
	String index(@RequestParam(required = false) String state, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String namespace, @RequestParam(required = false) String text,
			@RequestParam(defaultValue = "0") int page, @RequestHeader(name = "HX-Request", required = false) String htmx,
			Model model) {
		Filter filter = new Filter(blank(state), blank(owner), blank(namespace), blank(text));
		Pipelines.Page result = pipelines.index(filter, page, PAGE_SIZE);
		Instant now = clock.instant();
		model.addAttribute("rows", result.items().stream().map(s -> PipelineRow.of(s, now)).toList());
		model.addAttribute("filter", filter);
		model.addAttribute("page", result.page());
		model.addAttribute("pageCount", result.pageCount());
		model.addAttribute("total", result.total());
		model.addAttribute("failing", result.failing());
		model.addAttribute("late", result.late());
		model.addAttribute("states", Pipelines.STATES);
		model.addAttribute("namespaces", pipelines.namespaces());
		model.addAttribute("owners", result.owners());
		model.addAttribute("base", base(filter));
		return htmx != null ? "workflows/index :: results" : "workflows/index";
	}

	private static String base(Filter f) {
		UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/workflows");
		add(uri, "state", f.state());
		add(uri, "owner", f.owner());
		add(uri, "namespace", f.namespace());
		add(uri, "text", f.text());
		return uri.encode().build().toUriString();
	}

	private static void add(UriComponentsBuilder uri, String name, String value) {
		if (value != null) {
			uri.queryParam(name, value);
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() || Objects.equals(value, "all") ? null : value.trim();
	}

}
