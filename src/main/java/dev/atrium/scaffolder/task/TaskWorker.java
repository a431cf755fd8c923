package dev.atrium.scaffolder.task;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.atrium.platform.Entity;
import dev.atrium.platform.EntityRef;
import dev.atrium.platform.Identity;
import dev.atrium.platform.ScaffolderAction;
import dev.atrium.scaffolder.ScaffolderProperties;
import dev.atrium.scaffolder.render.Renderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's share of the work: claims open tasks (as many as {@code atrium.scaffolder.workers}),
 * runs them, renews their leases, and fails tasks whose instance stopped renewing theirs.
 */
@Component
class TaskWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(TaskWorker.class);

	private final TaskStore store;

	private final TaskSecrets secrets;

	private final TaskSignals signals;

	private final Renderer renderer;

	private final ScaffolderProperties properties;

	private final ObjectProvider<ScaffolderAction> actions;

	private final String instance = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);

	private final ConcurrentMap<UUID, AtomicBoolean> running = new ConcurrentHashMap<>();

	private final Semaphore slots;

	private volatile boolean active;

	private ExecutorService executor;

	private Thread loop;

	private Thread heartbeat;

	TaskWorker(TaskStore store, TaskSecrets secrets, TaskSignals signals, Renderer renderer, ScaffolderProperties properties,
			ObjectProvider<ScaffolderAction> actions) {
		this.store = store;
		this.secrets = secrets;
		this.signals = signals;
		this.renderer = renderer;
		this.properties = properties;
		this.actions = actions;
		this.slots = new Semaphore(Math.max(1, properties.workers()));
	}

	@Override
	public void start() {
		active = true;
		executor = Executors.newFixedThreadPool(Math.max(1, properties.workers()), r -> daemon(r, "scaffolder-task"));
		loop = daemon(this::claimLoop, "scaffolder-claims");
		heartbeat = daemon(this::heartbeatLoop, "scaffolder-heartbeat");
		loop.start();
		heartbeat.start();
	}

	@Override
	public void stop() {
		active = false;
		signals.workArrived();
		if (loop != null) {
			loop.interrupt();
			heartbeat.interrupt();
		}
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return active;
	}

	/** Cancels a task at once when it runs here; true when it did. */
	boolean cancelLocally(UUID id) {
		AtomicBoolean flag = running.get(id);
		if (flag != null) {
			flag.set(true);
			return true;
		}
		return false;
	}

	Map<String, ScaffolderAction> actions() {
		Map<String, ScaffolderAction> byId = new LinkedHashMap<>();
		actions.orderedStream().forEach(a -> byId.putIfAbsent(a.id(), a));
		return byId;
	}

	private void claimLoop() {
		while (active) {
			try {
				for (Task expired : store.expire()) {
					Map<String, Object> body = new LinkedHashMap<>();
					body.put("message", "The instance running this task stopped responding; the task failed and can be retried");
					body.put("status", Task.FAILED);
					body.put("error", Map.of("name", "TaskExpired", "message", "no heartbeat since " + expired.lastHeartbeatAt()));
					store.appendEvent(expired.id(), "completion", body);
					signals.eventWritten(expired.id());
				}
				while (active && slots.tryAcquire()) {
					Optional<TaskStore.Claim> claim = store.claim(instance, properties.lease());
					if (claim.isEmpty()) {
						slots.release();
						break;
					}
					executor.submit(() -> {
						try {
							execute(claim.get());
						}
						finally {
							slots.release();
							signals.workArrived();
						}
					});
				}
				signals.awaitWork(properties.pollInterval());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (active) {
					log.warn("Looking for scaffolder tasks failed: {}", ex.getMessage());
					sleep();
				}
			}
		}
	}

	private void heartbeatLoop() {
		while (active) {
			try {
				Thread.sleep(properties.heartbeat().toMillis());
				for (Map.Entry<UUID, AtomicBoolean> task : Set.copyOf(running.entrySet())) {
					Optional<Boolean> cancel = store.renew(task.getKey(), instance, properties.lease());
					if (cancel.isEmpty() || cancel.get()) {
						task.getValue().set(true);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Renewing scaffolder task leases failed: {}", ex.getMessage());
			}
		}
	}

	private void execute(TaskStore.Claim claim) {
		Task task = claim.task();
		AtomicBoolean cancelled = new AtomicBoolean();
		running.put(task.id(), cancelled);
		Path workspace = properties.workspaceRoot().resolve(task.id().toString());
		Map<String, Object> state = new LinkedHashMap<>(task.state());
		TaskRun.Result result;
		try {
			Map<String, String> taskSecrets = secrets.open(claim.secrets());
			prepareWorkspace(task, claim, workspace, state);
			Map<String, Object> parameters = new LinkedHashMap<>(Entity.map(task.spec().get("parameters")));
			for (String field : Entity.strings(task.spec().get("secretFields"))) {
				if (taskSecrets.containsKey(field)) {
					parameters.put(field, taskSecrets.get(field));
				}
			}
			TaskRun.Setup setup = new TaskRun.Setup(task.id().toString(), task.spec(), parameters, taskSecrets, identity(task),
					workspace, false);
			result = new TaskRun(setup, state, actions(), renderer, journal(task.id()), cancelled::get).run();
		}
		catch (RuntimeException | IOException ex) {
			log.warn("Task {} could not run: {}", task.id(), ex.getMessage());
			result = new TaskRun.Result(Task.FAILED, ex.getMessage());
		}
		finally {
			running.remove(task.id());
		}
		byte[] zipped = result.status().equals(Task.FAILED) ? Workspace.zip(workspace, properties.maxWorkspaceSize().toBytes()) : null;
		boolean held = store.finish(task.id(), instance, result.status(), result.error(), state, zipped);
		Workspace.delete(workspace);
		if (!held) {
			return; // the lease ran out meanwhile; the instance that failed the task wrote its end
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", "Run completed with status: " + result.status());
		body.put("status", result.status());
		if (result.error() != null) {
			body.put("error", Map.of("name", "Error", "message", result.error()));
		}
		if (result.status().equals(Task.COMPLETED)) {
			body.put("output", state.getOrDefault("output", Map.of()));
		}
		store.appendEvent(task.id(), result.status().equals(Task.CANCELLED) ? "cancelled" : "completion", body);
		signals.eventWritten(task.id());
	}

	/** A retry continues in the failed attempt's workspace, restored from the database when it ran elsewhere. */
	private void prepareWorkspace(Task task, TaskStore.Claim claim, Path workspace, Map<String, Object> state) throws IOException {
		if (claim.attempts() > 1) {
			Workspace.delete(workspace);
			if (claim.workspace() != null) {
				Workspace.unzip(claim.workspace(), workspace);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("message", "Retrying from the failed step (attempt " + claim.attempts() + ")");
				store.appendEvent(task.id(), "recovered", body);
				return;
			}
			state.put("steps", new LinkedHashMap<>());
			store.appendEvent(task.id(), "recovered",
					Map.of("message", "The failed attempt's workspace was not kept; starting again from the first step"));
		}
		Files.createDirectories(workspace);
	}

	private TaskRun.Journal journal(UUID id) {
		return new TaskRun.Journal() {
			@Override
			public void event(String type, Map<String, Object> body) {
				store.appendEvent(id, type, body);
				signals.eventWritten(id);
			}

			@Override
			public void state(Map<String, Object> state) {
				store.saveState(id, state);
			}
		};
	}

	static Identity identity(Task task) {
		Map<String, Object> user = Entity.map(task.spec().get("user"));
		String ref = Entity.string(user.get("ref"));
		String name = Entity.string(user.getOrDefault("name", task.createdBy()));
		return new Identity(name == null ? "anonymous" : name, Entity.string(user.getOrDefault("displayName", name)),
				ref == null ? null : EntityRef.parse(ref), Set.of(), Identity.Type.valueOf(
						Entity.string(user.getOrDefault("type", Identity.Type.ANONYMOUS.name()))),
				false);
	}

	private static void sleep() {
		try {
			Thread.sleep(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread daemon(Runnable body, String name) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		return thread;
	}

}
