package dev.atrium.workflows.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.atrium.platform.EntityRef;
import dev.atrium.workflows.WorkflowsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Pipelines as the pages list them: stored summaries (each job row carries its latest runs) joined
 * with their catalog owners and schedules, filtered, and sorted failing first, then late, then by
 * name.
 * <p>
 * Every view of the index needs every pipeline (to count the failing and late ones, to filter and
 * sort), so the rows read are kept for {@code atrium.workflows.summary-cache} (1 s) and shared by
 * all views meanwhile: a commit of this instance's writer drops them at once (a page reloaded after
 * sending events shows them), events another instance wrote show after at most that long. What
 * depends on the time (late or not) is decided on every view.
 */
@Component
public class Pipelines {

	/** Index states: a run state, or {@code late}. */
	public static final List<String> STATES = List.of("failed", "late", "running", "completed", "aborted", "new");

	/** Order within each urgency: title ignoring case, then key. */
	private static final Comparator<Entry> BY_NAME = Comparator.comparing(Entry::titleKey).thenComparing(e -> e.job().key());

	private final RunStore store;

	private final PipelineOwners owners;

	private final WorkflowsProperties properties;

	private final Clock clock;

	private final long cacheNanos;

	private final AtomicLong writes = new AtomicLong();

	/** Per pipeline that events were written for: the value of {@link #writes} after its latest commit. */
	private final Map<UUID, Long> touched = new ConcurrentHashMap<>();

	private final ReentrantLock reading = new ReentrantLock();

	/** How many times the pipelines were read (each view's generation). */
	private final AtomicLong readings = new AtomicLong();

	private volatile View view;

	public Pipelines(RunStore store, PipelineOwners owners, WorkflowsProperties properties, ObjectProvider<Clock> clock) {
		this.store = store;
		this.owners = owners;
		this.properties = properties;
		this.clock = clock.getIfAvailable(Clock::systemUTC);
		this.cacheNanos = properties.summaryCache() == null ? 0 : properties.summaryCache().toNanos();
	}

	/** What the index is asked for; null fields do not filter. */
	public record Filter(String state, String owner, String namespace, String text) {
	}

	/**
	 * One page of the index. {@code generation} tells which reading of the pipelines it comes from: pages
	 * of the same generation were read together (within {@code atrium.workflows.summary-cache}, with no
	 * commit or change of owners since).
	 */
	public record Page(List<PipelineSummary> items, int page, int pageCount, int total, long failing, long late,
			List<String> owners, long generation) {
	}

	/** The writer committed events of these pipelines (ids of top-level jobs): the next view reads the pipelines again. */
	public void changed(Collection<UUID> pipelineIds) {
		long version = writes.incrementAndGet();
		pipelineIds.forEach(id -> touched.put(id, version));
	}

	/**
	 * How many commits this instance had made when it last wrote events of this pipeline (a top-level
	 * job's id): what is read of a pipeline is good as long as this is what it was before reading.
	 */
	public long generation(UUID pipelineId) {
		return touched.getOrDefault(pipelineId, 0L);
	}

	public Page index(Filter filter, int page, int size) {
		View current = view();
		Instant now = clock.instant();
		String namespace = filter.namespace();
		long failing = 0;
		long late = 0;
		List<PipelineSummary> failed = new ArrayList<>();
		List<PipelineSummary> overdue = new ArrayList<>();
		List<PipelineSummary> rest = new ArrayList<>();
		Set<String> ownerRefs = new TreeSet<>();
		for (Entry e : current.entries()) {
			if (namespace != null && !namespace.equals(e.job().namespace())) {
				continue;
			}
			PipelineSummary s = e.summary(now);
			failing += s.failing() ? 1 : 0;
			late += s.late() ? 1 : 0;
			if (e.ownerRef() != null) {
				ownerRefs.add(e.ownerRef());
			}
			if (matches(e, s, filter)) {
				(s.urgency() == 0 ? failed : s.urgency() == 1 ? overdue : rest).add(s);
			}
		}
		List<PipelineSummary> matched = new ArrayList<>(failed.size() + overdue.size() + rest.size());
		matched.addAll(failed);
		matched.addAll(overdue);
		matched.addAll(rest);
		int pageCount = Math.max(1, (matched.size() + size - 1) / size);
		int currentPage = Math.min(Math.max(page, 0), pageCount - 1);
		List<PipelineSummary> items = List.copyOf(matched.subList(Math.min(currentPage * size, matched.size()),
				Math.min((currentPage + 1) * size, matched.size())));
		return new Page(items, currentPage, pageCount, matched.size(), failing, late, List.copyOf(ownerRefs), current.generation());
	}

	/** The failing and late pipelines these owners (a group, its members' refs) own, failing first. */
	public List<PipelineSummary> needingAttention(Set<EntityRef> ownerRefs) {
		Instant now = clock.instant();
		List<PipelineSummary> failed = new ArrayList<>();
		List<PipelineSummary> overdue = new ArrayList<>();
		for (Entry e : view().entries()) {
			Ownership o = e.ownership();
			if (o == null || o.owner() == null || !ownerRefs.contains(o.owner())) {
				continue;
			}
			PipelineSummary s = e.summary(now);
			if (s.failing()) {
				failed.add(s);
			}
			else if (s.late()) {
				overdue.add(s);
			}
		}
		failed.addAll(overdue);
		return failed;
	}

	/** Every pipeline, with owners, freshness and recent runs, sorted by name. */
	public List<PipelineSummary> summaries(String namespace) {
		Instant now = clock.instant();
		List<PipelineSummary> summaries = new ArrayList<>();
		for (Entry e : view().entries()) {
			if (namespace == null || namespace.equals(e.job().namespace())) {
				summaries.add(e.summary(now));
			}
		}
		return summaries;
	}

	/** Namespaces of all jobs, sorted. */
	public List<String> namespaces() {
		return view().namespaces();
	}

	public PipelineSummary summarize(Job job, Ownership ownership, Instant now) {
		Instant due = dueBy(job, ownership);
		return new PipelineSummary(job, ownership, due != null && now.isAfter(due), due);
	}

	/** The summary of one pipeline (read with its recent runs). */
	public PipelineSummary summary(Job job) {
		return summarize(job, owners.of(job.key()), clock.instant());
	}

	/** A scheduled pipeline the catalog declares that never sent an event, as the index lists it. */
	public Optional<PipelineSummary> unreported(UUID jobId) {
		Instant now = clock.instant();
		return view().entries().stream().filter(e -> e.unreported() && e.job().id().equals(jobId)).map(e -> e.summary(now)).findFirst();
	}

	private Instant dueBy(Job job, Ownership ownership) {
		if (ownership == null) {
			return null;
		}
		Duration grace = Freshness.grace(ownership.grace()).orElse(properties.scheduleGrace());
		return Freshness.dueBy(ownership.schedule(), job.lastCompletedAt(), job.createdAt(), grace);
	}

	/**
	 * Pipelines the catalog declares with a schedule ({@code openlineage.io/job} and {@code atrium.io/schedule})
	 * that never sent an event: listed with no runs since the annotation was first seen, so they become late.
	 */
	private List<Job> unreported(List<Job> listed, Map<String, Ownership> byJob) {
		Set<String> keys = new HashSet<>();
		listed.forEach(j -> keys.add(j.key()));
		Map<UUID, Job> missing = new LinkedHashMap<>();
		byJob.forEach((key, o) -> {
			int slash = key.indexOf('/');
			if (!keys.contains(key) && Freshness.valid(o.schedule()) && slash > 0) {
				Job job = Job.unreported(key.substring(0, slash), key.substring(slash + 1), o.since());
				missing.put(job.id(), job);
			}
		});
		if (!missing.isEmpty()) {
			store.existing(missing.keySet()).forEach(missing::remove);
		}
		return List.copyOf(missing.values());
	}

	/**
	 * The pipelines as last read, if still good for this view, else read now, once for all views
	 * waiting. After a commit of this instance or a change of owners, views wait for the new read; when
	 * the rows read are only older than the cache time, one view reads them again and the others go on
	 * with those read before.
	 */
	private View view() {
		Map<String, Ownership> byJob = owners.all();
		View current = view;
		if (fresh(current, byJob)) {
			return current;
		}
		boolean onlyOld = current != null && current.version() == writes.get() && current.owners() == byJob;
		if (onlyOld) {
			if (!reading.tryLock()) {
				return current;
			}
		}
		else {
			reading.lock();
		}
		try {
			current = view;
			if (fresh(current, byJob)) {
				return current;
			}
			// Taken before reading: a commit meanwhile makes this view stale at once.
			long version = writes.get();
			long readAt = System.nanoTime();
			List<Job> jobs = store.pipelines((String) null);
			List<Job> unreported = unreported(jobs, byJob);
			Set<String> namespaces = new TreeSet<>(store.namespaces().stream().map(RunStore.Namespace::name).toList());
			List<Entry> entries = new ArrayList<>(jobs.size() + unreported.size());
			for (Job job : jobs) {
				entries.add(entry(job, byJob.get(job.key()), false));
			}
			for (Job job : unreported) {
				entries.add(entry(job, byJob.get(job.key()), true));
				namespaces.add(job.namespace());
			}
			entries.sort(BY_NAME);
			View read = new View(version, readAt, byJob, List.copyOf(entries), List.copyOf(namespaces), readings.incrementAndGet());
			if (cacheNanos > 0) {
				view = read;
			}
			return read;
		}
		finally {
			reading.unlock();
		}
	}

	private Entry entry(Job job, Ownership o, boolean unreported) {
		return new Entry(job, o, dueBy(job, o), lower(o != null ? o.title() : job.name()), lower(job.key()),
				o == null || o.owner() == null ? null : o.owner().toString(), unreported);
	}

	private boolean fresh(View v, Map<String, Ownership> byJob) {
		return v != null && v.version() == writes.get() && v.owners() == byJob && System.nanoTime() - v.readAt() < cacheNanos;
	}

	private static String lower(String s) {
		return s == null ? "" : s.toLowerCase(Locale.ROOT);
	}

	private static boolean matches(Entry e, PipelineSummary s, Filter f) {
		if (f.state() != null && !f.state().isBlank()) {
			String state = f.state().toLowerCase(Locale.ROOT);
			boolean ok = state.equals("late") ? s.late() : state.equals(s.state().toLowerCase(Locale.ROOT));
			if (!ok) {
				return false;
			}
		}
		if (f.owner() != null && !f.owner().isBlank()) {
			EntityRef owner = s.ownership() == null ? null : s.ownership().owner();
			if (owner == null || !(owner.toString().equalsIgnoreCase(f.owner().trim())
					|| owner.name().equalsIgnoreCase(f.owner().trim()))) {
				return false;
			}
		}
		if (f.text() != null && !f.text().isBlank()) {
			String text = f.text().toLowerCase(Locale.ROOT).trim();
			return e.keyKey().contains(text) || e.titleKey().contains(text);
		}
		return true;
	}

	/** A pipeline as read, with what does not change until it is read again. */
	private record Entry(Job job, Ownership ownership, Instant dueBy, String titleKey, String keyKey, String ownerRef,
			boolean unreported) {

		PipelineSummary summary(Instant now) {
			return new PipelineSummary(job, ownership, dueBy != null && now.isAfter(dueBy), dueBy);
		}

	}

	/** The pipelines read at {@code readAt} (System.nanoTime), after {@code version} commits, joined with these owners; the {@code generation}-th reading. */
	private record View(long version, long readAt, Map<String, Ownership> owners, List<Entry> entries, List<String> namespaces,
			long generation) {
	}

}
