package dev.atrium.scaffolder.task;

import java.util.List;
import java.util.stream.Collectors;

import dev.atrium.platform.InputException;
import dev.atrium.scaffolder.template.Parameters;

/** Submitted values that do not satisfy the template's parameter schemas. */
public class InvalidValuesException extends InputException {

	private final List<Parameters.Problem> problems;

	public InvalidValuesException(List<Parameters.Problem> problems) {
		super("Invalid values: " + problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; ")));
		this.problems = List.copyOf(problems);
	}

	public List<Parameters.Problem> problems() {
		return problems;
	}

}
