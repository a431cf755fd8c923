package com.example.hello;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.atrium.platform.ActionContext;
import dev.atrium.platform.ScaffolderAction;

/**
 * The example plugin's scaffolder action: {@code hello:greet} writes a greeting into the workspace and
 * outputs it, so templates can use a plugin's action as they use a built-in one.
 */
class GreetAction implements ScaffolderAction {

	private final HelloProperties properties;

	GreetAction(HelloProperties properties) {
		this.properties = properties;
	}

	@Override
	public String id() {
		return "hello:greet";
	}

	@Override
	public String description() {
		return "Writes GREETING.txt into the workspace and outputs the greeting.";
	}

	@Override
	public Map<String, Object> inputSchema() {
		return Map.of("type", "object", "required", List.of("name"), "properties", Map.of("name", Map.of("type", "string")));
	}

	@Override
	public Map<String, Object> outputSchema() {
		return Map.of("type", "object", "properties", Map.of("greeting", Map.of("type", "string"), "url", Map.of("type", "string")));
	}

	@Override
	public boolean supportsDryRun() {
		return true;
	}

	@Override
	public void execute(ActionContext context) throws Exception {
		String greeting = properties.greeting() + " " + context.input().get("name");
		Path file = context.resolve("GREETING.txt");
		Files.writeString(file, greeting + "\n");
		context.log("Greeted: " + greeting);
		context.output("greeting", greeting);
		context.output("url", "https://hello.example.com/" + context.input().get("name"));
	}

}
