package dev.atrium.platform;

import java.util.Map;

/**
 * A piece of a page: a Thymeleaf template, a fragment selector inside it, and the model it renders.
 *
 * @param template template name, such as {@code workflows/fragments/pipeline-tab}
 * @param selector fragment selector inside the template, such as {@code tab}; null for the whole template
 * @param model the variables the fragment reads
 */
public record Fragment(String template, String selector, Map<String, Object> model) {

	public Fragment {
		model = Map.copyOf(model);
	}

	/** The Thymeleaf view name, {@code template :: selector}. */
	public String viewName() {
		return selector == null ? template : template + " :: " + selector;
	}

}
