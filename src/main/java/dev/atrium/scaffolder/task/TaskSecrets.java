package dev.atrium.scaffolder.task;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.atrium.scaffolder.ScaffolderProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Encrypts a task's secrets for the database with AES-256-GCM under {@code atrium.scaffolder.secrets-key}.
 * Without a configured key, one is made at start: secrets then live only as long as this process, and
 * a task that another instance (or a restarted one) picks up fails with a message to submit them again.
 */
@Component
class TaskSecrets {

	private static final Logger log = LoggerFactory.getLogger(TaskSecrets.class);

	private static final byte VERSION = 1;

	private final SecretKeySpec key;

	private final SecureRandom random = new SecureRandom();

	TaskSecrets(ScaffolderProperties properties) {
		byte[] bytes;
		if (properties.secretsKey() == null || properties.secretsKey().isBlank()) {
			bytes = new byte[32];
			random.nextBytes(bytes);
			log.info("No atrium.scaffolder.secrets-key set: task secrets are encrypted with a key of this process only");
		}
		else {
			try {
				bytes = Base64.getDecoder().decode(properties.secretsKey().trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("atrium.scaffolder.secrets-key must be base64 of 32 random bytes (openssl rand -base64 32)");
			}
			if (bytes.length != 32) {
				throw new IllegalStateException("atrium.scaffolder.secrets-key must be 32 bytes (base64 of openssl rand -base64 32), not "
						+ bytes.length);
			}
		}
		this.key = new SecretKeySpec(bytes, "AES");
	}

	/** The sealed secrets, or null when there are none. */
	byte[] seal(Map<String, String> secrets) {
		if (secrets == null || secrets.isEmpty()) {
			return null;
		}
		try {
			byte[] iv = new byte[12];
			random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
			byte[] sealed = cipher.doFinal(TaskStore.JSON.writeValueAsBytes(secrets));
			return ByteBuffer.allocate(1 + iv.length + sealed.length).put(VERSION).put(iv).put(sealed).array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot encrypt task secrets", ex);
		}
	}

	/**
	 * Opens sealed secrets.
	 * @throws IllegalStateException when they were sealed with another key
	 */
	Map<String, String> open(byte[] sealed) {
		if (sealed == null || sealed.length == 0) {
			return Map.of();
		}
		try {
			ByteBuffer buffer = ByteBuffer.wrap(sealed);
			buffer.get();
			byte[] iv = new byte[12];
			buffer.get(iv);
			byte[] rest = new byte[buffer.remaining()];
			buffer.get(rest);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
			return TaskStore.JSON.readValue(cipher.doFinal(rest), new TypeReference<Map<String, String>>() {
			});
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The task's secrets were encrypted with another key (another instance without a shared "
					+ "atrium.scaffolder.secrets-key, or before a restart); retry the task with its secrets");
		}
	}

}
