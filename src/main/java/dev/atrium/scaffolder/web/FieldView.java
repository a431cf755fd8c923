package dev.atrium.scaffolder.web;

import java.util.List;

/**
 * One form field as the page renders it.
 *
 * @param widget text, textarea, password, number, checkbox, select, radio, checkboxes or entity
 * @param value the value typed (or the default), as text
 * @param values the values chosen, for checkboxes
 */
public record FieldView(String name, String label, String description, String help, String placeholder, String widget,
		boolean required, boolean autofocus, String value, List<String> values, List<Option> options, String error,
		String pattern, Integer minLength, Integer maxLength, String min, String max, String step) {

	public record Option(String value, String label) {
	}

	public String id() {
		return "field-" + name;
	}

	public boolean chosen(String option) {
		return values.contains(option) || option.equals(value);
	}

}
