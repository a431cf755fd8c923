package dev.atrium.workflows.openlineage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.atrium.workflows.openlineage.RunBatch.Run;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The merge of observations of a run, which RunWriter's SQL repeats: order and repetition never matter. */
class RunMergeTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instant T0 = Instant.parse("2026-11-30T02:00:00Z");

	private static final UUID RUN = UUID.randomUUID();

	private static final UUID JOB = UUID.randomUUID();

	private static Run observed(String state, int second, String facet) {
		ObjectNode facets = JSON.createObjectNode();
		facets.putObject("airflow").put("seen", facet);
		Instant t = T0.plusSeconds(second);
		boolean running = state.equals("RUNNING");
		boolean terminal = RunBatch.TERMINAL.contains(state);
		return new Run(RUN, JOB, null, state, t, running ? t : null, terminal ? t : null, null, null, facets, t,
				state.equals("FAILED") ? "boom" : null, null, null, false, t);
	}

	@Test
	void everyOrderAndRepetitionOfTheSameEventsGivesTheSameRun() {
		List<Run> events = new ArrayList<>(List.of(observed("RUNNING", 0, "start"), observed("RUNNING", 20, "running"),
				observed("FAILED", 60, "fail"), observed("NEW", 90, "other")));
		Run expected = events.stream().reduce(RunBatch::merge).orElseThrow();
		assertThat(expected.state()).isEqualTo("FAILED");
		assertThat(expected.startedAt()).isEqualTo(T0);
		assertThat(expected.endedAt()).isEqualTo(T0.plusSeconds(60));
		assertThat(expected.errorMessage()).isEqualTo("boom");
		assertThat(expected.facets().path("airflow").path("seen").asString()).isEqualTo("other");
		Random random = new Random(7);
		for (int i = 0; i < 50; i++) {
			List<Run> shuffled = new ArrayList<>(events);
			shuffled.add(events.get(random.nextInt(events.size())));
			Collections.shuffle(shuffled, random);
			assertThat(shuffled.stream().reduce(RunBatch::merge).orElseThrow()).as("order %s", shuffled.stream().map(Run::state).toList())
				.isEqualTo(expected);
		}
	}

	@Test
	void betweenTwoEndingsTheLaterOneWins() {
		Run complete = observed("COMPLETED", 30, "a");
		Run fail = observed("FAILED", 40, "b");
		assertThat(RunBatch.merge(complete, fail).state()).isEqualTo("FAILED");
		assertThat(RunBatch.merge(fail, complete).state()).isEqualTo("FAILED");
		assertThat(RunBatch.merge(fail, complete).endedAt()).isEqualTo(T0.plusSeconds(40));
	}

}
