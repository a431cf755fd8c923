package dev.atrium.scaffolder;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the scaffolder, {@code atrium.scaffolder.*} (the git host has its own record under
 * {@code atrium.scaffolder.git.*}).
 *
 * @param workspaceRoot where tasks' workspaces are made; the system's temporary folder by default
 * @param secretsKey base64 of a 32-byte AES key that encrypts task secrets in the database; without one,
 *     a key is made at start, so secrets survive neither a restart nor a move to another instance
 * @param workers tasks one instance runs at once
 * @param lease how long a claimed task stays with its instance without a heartbeat; after that it fails
 * @param heartbeat how often a running task's lease is renewed (and cancellation checked)
 * @param pollInterval how often an instance looks for open tasks and expired leases
 * @param maxWorkspaceSize the largest workspace kept (zipped, in the database) for retrying a failed task
 * @param maxFiles the most files a fetch may copy
 * @param maxRenderedSize the largest text one template rendering may produce
 * @param maxLoopIterations loop iterations one rendering may run
 */
@ConfigurationProperties("atrium.scaffolder")
public record ScaffolderProperties(Path workspaceRoot, String secretsKey, @DefaultValue("4") int workers,
		@DefaultValue("30s") Duration lease, @DefaultValue("5s") Duration heartbeat,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("50MB") DataSize maxWorkspaceSize,
		@DefaultValue("5000") int maxFiles, @DefaultValue("5MB") DataSize maxRenderedSize,
		@DefaultValue("10000") int maxLoopIterations) {

	public ScaffolderProperties {
		if (workspaceRoot == null) {
			workspaceRoot = Path.of(System.getProperty("java.io.tmpdir"), "atrium-scaffolder");
		}
	}

}
