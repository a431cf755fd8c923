package dev.atrium.scaffolder.task;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.atrium.platform.ConflictException;
import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityLookup;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identities;
import dev.atrium.platform.Identity;
import dev.atrium.platform.NotFoundException;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.ScaffolderProperties;
import dev.atrium.scaffolder.render.Renderer;
import dev.atrium.scaffolder.template.Parameters;
import dev.atrium.scaffolder.template.Template;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs of templates: submitted here, stored in PostgreSQL and run by whichever instance claims them;
 * read, cancelled and retried here. Dry runs render into a temporary workspace and store nothing.
 */
@Component
public class Tasks {

	/** The most events one read returns. */
	private static final int EVENT_PAGE = 1_000;

	private final TaskStore store;

	private final TaskSecrets secrets;

	private final TaskSignals signals;

	private final TaskWorker worker;

	private final Renderer renderer;

	private final ScaffolderProperties properties;

	private final EntityLookup catalog;

	private final ObjectProvider<Identities> identities;

	Tasks(TaskStore store, TaskSecrets secrets, TaskSignals signals, TaskWorker worker, Renderer renderer,
			ScaffolderProperties properties, EntityLookup catalog, ObjectProvider<Identities> identities) {
		this.identities = identities;
		this.store = store;
		this.secrets = secrets;
		this.signals = signals;
		this.worker = worker;
		this.renderer = renderer;
		this.properties = properties;
		this.catalog = catalog;
	}

	/** A dry run's outcome. */
	public record DryRun(List<TaskEvent> log, Map<String, Object> steps, String status, String error, Map<String, Object> output,
			List<File> files) {
	}

	/** A file a dry run produced. */
	public record File(String path, boolean executable, byte[] content) {

		public String base64() {
			return Base64.getEncoder().encodeToString(content);
		}

		/** The content as text, or null when it is binary. */
		public String text() {
			for (int i = 0; i < Math.min(content.length, 8000); i++) {
				if (content[i] == 0) {
					return null;
				}
			}
			return new String(content, java.nio.charset.StandardCharsets.UTF_8);
		}

	}

	/**
	 * Submits a run of a template.
	 * @throws InvalidValuesException when the values do not satisfy the parameter schemas
	 */
	public UUID submit(Template template, Map<String, Object> values, Map<String, String> requestSecrets, Identity who) {
		Map<String, Object> parameters = checked(template, values);
		Map<String, String> taskSecrets = secretsOf(template, parameters, requestSecrets);
		template.secretFields().forEach(parameters::remove);
		UUID id = UUID.randomUUID();
		store.insert(id, template.ref().toString(), spec(template, parameters, who), who.name(), secrets.seal(taskSecrets));
		store.appendEvent(id, "log", Map.of("message", "Task created by " + who.displayName()));
		signals.workArrived();
		return id;
	}

	public Optional<Task> find(UUID id) {
		return store.find(id);
	}

	public Task require(UUID id) {
		return find(id).orElseThrow(() -> new NotFoundException("Found no task with id " + id));
	}

	/**
	 * A task the caller may see: one they created, or any for admins. Someone else's task is
	 * "not found", exactly like a task that does not exist, so ids reveal nothing.
	 */
	public Task visible(UUID id, Identity who) {
		return find(id).filter(task -> visibleTo(task, who)).orElseThrow(() -> new NotFoundException("Found no task with id " + id));
	}

	/** Whether a caller may see (and cancel or retry) a task: its creator and admins may. */
	public static boolean visibleTo(Task task, Identity who) {
		return who.admin() || (who.authenticated() && who.name().equals(task.createdBy()));
	}

	/**
	 * Whose tasks a caller's list shows: for admins the creator asked for (null: everyone's); for
	 * others their own, and nobody's (empty) when they ask for someone else's or are not signed in.
	 */
	public static Optional<String> listedCreator(String requested, Identity who) {
		if (who.admin()) {
			return Optional.ofNullable(requested == null ? null : creator(requested));
		}
		if (!who.authenticated() || (requested != null && !isCaller(requested, who))) {
			return Optional.empty();
		}
		return Optional.of(who.name());
	}

	/** Whether a requested creator names the caller: by name, or by user entity ref as Backstage's clients ask. */
	public static boolean isCaller(String requested, Identity who) {
		return requested.equals(who.name()) || (who.userRef() != null && creator(requested).equals(who.userRef().toString()));
	}

	/** A creator as tasks store it: a user entity ref in its canonical form, any other name as given. */
	private static String creator(String requested) {
		if (requested.indexOf(':') < 0 || requested.indexOf('@') >= 0) {
			return requested;
		}
		try {
			return EntityRef.parse(requested, "user", "default").toString();
		}
		catch (IllegalArgumentException ex) {
			return requested;
		}
	}

	/** Tasks newest first; createdBy null for everyone's. */
	public List<Task> list(String createdBy, List<String> statuses, int limit, int offset) {
		return store.list(createdBy, statuses, Math.max(1, Math.min(limit, 500)), Math.max(0, offset));
	}

	public long count(String createdBy, List<String> statuses) {
		return store.count(createdBy, statuses);
	}

	/** The task's events after the given id. */
	public List<TaskEvent> events(UUID id, long after) {
		require(id);
		return store.events(id, after, EVENT_PAGE);
	}

	/** Events after the given id, waiting up to the timeout for the first one. */
	public List<TaskEvent> awaitEvents(UUID id, long after, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			List<TaskEvent> events = store.events(id, after, EVENT_PAGE);
			long left = deadline - System.nanoTime();
			if (!events.isEmpty() || left <= 0) {
				return events;
			}
			signals.awaitEvent(id, Duration.ofNanos(Math.min(left, Duration.ofMillis(500).toNanos())));
		}
	}

	/**
	 * Cancels a task: an open one at once, a running one at its next check (its action sees
	 * {@code cancelled()}, the next step does not start).
	 * @throws ConflictException when it has finished already
	 */
	public void cancel(UUID id) {
		require(id);
		Optional<String> status = store.requestCancel(id);
		if (status.isEmpty()) {
			throw new ConflictException("Task " + id + " has finished already and cannot be cancelled");
		}
		if (status.get().equals(Task.CANCELLED)) {
			store.appendEvent(id, "cancelled", Map.of("message", "Run cancelled before it started", "status", Task.CANCELLED));
			signals.eventWritten(id);
		}
		else {
			worker.cancelLocally(id);
			store.appendEvent(id, "log", Map.of("message", "Cancellation requested"));
			signals.eventWritten(id);
		}
	}

	/**
	 * Runs a failed task again from its failed step; the steps before it keep their outputs.
	 * @param newSecrets secrets to use instead of the stored ones, or null
	 * @throws ConflictException when the task has not failed
	 */
	public void retry(UUID id, Map<String, String> newSecrets) {
		require(id);
		if (!store.reopen(id, newSecrets == null || newSecrets.isEmpty() ? null : secrets.seal(newSecrets))) {
			throw new ConflictException("Only a failed task can be retried; task " + id + " has not failed");
		}
		store.appendEvent(id, "log", Map.of("message", "Retry requested"));
		signals.eventWritten(id);
		signals.workArrived();
	}

	/** The actions templates may use, by id. */
	public Map<String, ScaffolderAction> actions() {
		return worker.actions();
	}

	/**
	 * Renders a template into a temporary workspace without publishing or registering anything: actions
	 * that do not support dry runs are skipped. Nothing is stored.
	 * @param files the template's own files for an inline template (path to content), or null to read them
	 *     from the template's location
	 */
	public DryRun dryRun(Template template, Map<String, Object> values, Map<String, String> requestSecrets, Identity who,
			Map<String, byte[]> files) {
		Map<String, Object> parameters = checked(template, values);
		Map<String, String> taskSecrets = secretsOf(template, parameters, requestSecrets);
		String id = "dry-run-" + UUID.randomUUID();
		Path root = properties.workspaceRoot().resolve(id);
		Path workspace = root.resolve("workspace");
		try {
			Files.createDirectories(workspace);
			Map<String, Object> spec = spec(template, Map.of(), who);
			if (files != null) {
				Path templateDir = root.resolve("template");
				Files.createDirectories(templateDir);
				for (Map.Entry<String, byte[]> file : files.entrySet()) {
					Path target = Workspace.resolve(templateDir, file.getKey());
					Files.createDirectories(target.getParent());
					Files.write(target, file.getValue());
				}
				Entity.map(spec.get("templateInfo")).put("baseUrl", "file:" + templateDir.resolve("template.yaml"));
			}
			List<TaskEvent> log = new ArrayList<>();
			Map<String, Object> state = new LinkedHashMap<>();
			TaskRun.Journal journal = new TaskRun.Journal() {
				@Override
				public void event(String type, Map<String, Object> body) {
					log.add(new TaskEvent(log.size() + 1, null, type, body, java.time.Instant.now()));
				}

				@Override
				public void state(Map<String, Object> s) {
				}
			};
			TaskRun.Setup setup = new TaskRun.Setup(id, spec, parameters, taskSecrets, who, workspace, true);
			TaskRun.Result result = new TaskRun(setup, state, actions(), renderer, journal, () -> false).run();
			return new DryRun(log, Entity.map(state.get("steps")), result.status(), result.error(),
					Entity.map(state.get("output")), collect(workspace));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			Workspace.delete(root);
		}
	}

	/** The values with the schema's defaults filled in, checked against the parameter schemas. */
	private static Map<String, Object> checked(Template template, Map<String, Object> values) {
		Map<String, Object> parameters = new LinkedHashMap<>(Parameters.defaults(template));
		parameters.putAll(values == null ? Map.of() : values);
		List<Parameters.Problem> problems = Parameters.validate(template, parameters);
		if (!problems.isEmpty()) {
			throw new InvalidValuesException(problems);
		}
		return parameters;
	}

	/** The request's secrets and the values of the template's secret fields. */
	private static Map<String, String> secretsOf(Template template, Map<String, Object> parameters, Map<String, String> request) {
		Map<String, String> all = new LinkedHashMap<>(request == null ? Map.of() : request);
		for (String field : template.secretFields()) {
			if (parameters.get(field) != null) {
				all.put(field, parameters.get(field).toString());
			}
		}
		return all;
	}

	/** Who is asking: the platform's current identity, or nobody while no security module is present. */
	public Identity caller() {
		Identities available = identities.getIfAvailable();
		return available == null ? Identity.ANONYMOUS : available.current();
	}

	private static List<File> collect(Path workspace) throws IOException {
		List<File> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(workspace)) {
			for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
				if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
					files.add(new File(workspace.relativize(p).toString().replace('\\', '/'), Files.isExecutable(p),
							Files.readAllBytes(p)));
				}
			}
		}
		return files;
	}

	private Map<String, Object> spec(Template template, Map<String, Object> parameters, Identity who) {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("apiVersion", template.entity().apiVersion());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("name", template.entity().name());
		metadata.put("title", template.title());
		if (template.description() != null) {
			metadata.put("description", template.description());
		}
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("entityRef", template.ref().toString());
		info.put("baseUrl", template.location());
		info.put("entity", Map.of("metadata", metadata));
		spec.put("templateInfo", info);
		spec.put("parameters", parameters);
		spec.put("secretFields", template.secretFields());
		List<Map<String, Object>> steps = new ArrayList<>();
		for (Template.Step step : template.steps()) {
			Map<String, Object> s = new LinkedHashMap<>();
			s.put("id", step.id());
			s.put("name", step.name());
			s.put("action", step.action());
			s.put("input", step.input());
			if (step.condition() != null) {
				s.put("if", step.condition());
			}
			steps.add(s);
		}
		spec.put("steps", steps);
		spec.put("output", template.output());
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("name", who.name());
		user.put("displayName", who.displayName());
		user.put("type", who.type().name());
		if (who.userRef() != null) {
			user.put("ref", who.userRef().toString());
			catalog.find(who.userRef()).ifPresent(e -> user.put("entity", e.body()));
		}
		spec.put("user", user);
		return spec;
	}

}
