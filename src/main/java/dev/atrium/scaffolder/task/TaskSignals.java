package dev.atrium.scaffolder.task;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.springframework.stereotype.Component;

/**
 * Wakes this instance's waiters at once: the worker when a task is submitted, event streams when a
 * task writes an event. Waiters also wake on a timeout and read the database, so events written by
 * another instance arrive too, a poll interval later.
 */
@Component
class TaskSignals {

	private final Object work = new Object();

	private final ConcurrentMap<UUID, Object> tasks = new ConcurrentHashMap<>();

	void workArrived() {
		synchronized (work) {
			work.notifyAll();
		}
	}

	void awaitWork(Duration timeout) throws InterruptedException {
		synchronized (work) {
			work.wait(Math.max(1, timeout.toMillis()));
		}
	}

	void eventWritten(UUID task) {
		Object monitor = tasks.get(task);
		if (monitor != null) {
			synchronized (monitor) {
				monitor.notifyAll();
			}
		}
	}

	void awaitEvent(UUID task, Duration timeout) throws InterruptedException {
		Object monitor = tasks.computeIfAbsent(task, id -> new Object());
		synchronized (monitor) {
			monitor.wait(Math.max(1, timeout.toMillis()));
		}
	}

}
