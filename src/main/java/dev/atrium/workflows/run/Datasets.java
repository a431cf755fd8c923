package dev.atrium.workflows.run;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads datasets, as Marquez's lineage describes them; one query per method. */
@Component
public class Datasets {

	private final JdbcClient jdbc;

	public Datasets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A dataset: facets as JSON text, when it was first and last named by an event, and when a job
	 * last wrote it (null if none did).
	 */
	public record Dataset(UUID id, String namespace, String name, String facets, Instant createdAt, Instant updatedAt,
			Instant lastModifiedAt) {
	}

	/** The id the writer gives a dataset: a name-based UUID, as {@code RunEvent.Dataset#id}. */
	public static UUID idOf(String namespace, String name) {
		return UUID.nameUUIDFromBytes(("dataset\n" + namespace + '\n' + name).getBytes(StandardCharsets.UTF_8));
	}

	/** These datasets, in no particular order; unknown ids are left out. */
	public List<Dataset> byIds(Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		return jdbc.sql("SELECT d.id, d.namespace, d.name, d.facets::text AS facets, "
				+ "(extract(epoch FROM d.created_at) * 1000000)::bigint AS created_at_us, "
				+ "(extract(epoch FROM d.updated_at) * 1000000)::bigint AS updated_at_us, "
				+ "(SELECT (extract(epoch FROM max(e.last_seen)) * 1000000)::bigint FROM workflows_job_datasets e "
				+ "WHERE e.dataset_id = d.id AND e.direction = 'out') AS modified_at_us "
				+ "FROM workflows_datasets d WHERE d.id = ANY(?::uuid[])")
			.param(RunStore.array(ids))
			.query((rs, i) -> new Dataset(rs.getObject("id", UUID.class), rs.getString("namespace"), rs.getString("name"),
					rs.getString("facets"), RunStore.instant(rs, "created_at"), RunStore.instant(rs, "updated_at"),
					RunStore.instant(rs, "modified_at")))
			.list();
	}

}
