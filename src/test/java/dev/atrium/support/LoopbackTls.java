package dev.atrium.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 made once per test run with the JDK's keytool, for {@link LoopbackServer}'s
 * HTTPS servers. Making it also installs a default SSLContext that trusts it besides the JDK's own
 * authorities, so the application's HTTP clients (built from the default) read those servers as they
 * would read any https URL. Nothing else changes: every other certificate is checked as before.
 */
final class LoopbackTls {

	private static final char[] PASSWORD = "atrium-test".toCharArray();

	private static SSLContext server;

	private LoopbackTls() {
	}

	static synchronized SSLContext serverContext() {
		if (server == null) {
			try {
				KeyStore keys = generate();
				KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				kmf.init(keys, PASSWORD);
				server = SSLContext.getInstance("TLS");
				server.init(kmf.getKeyManagers(), null, null);
				X509Certificate certificate = (X509Certificate) keys.getCertificate("loopback");
				SSLContext client = SSLContext.getInstance("TLS");
				client.init(null, trusting(certificate), null);
				SSLContext.setDefault(client);
			}
			catch (GeneralSecurityException | IOException ex) {
				throw new IllegalStateException("Could not make a TLS certificate for 127.0.0.1 with keytool", ex);
			}
		}
		return server;
	}

	private static KeyStore generate() throws IOException, GeneralSecurityException {
		Path dir = Files.createTempDirectory("atrium-tls-");
		Path file = dir.resolve("loopback.p12");
		String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
		Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "loopback", "-keyalg", "EC", "-groupname",
				"secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
				"-keystore", file.toString(), "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
			.redirectErrorStream(true)
			.start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new IOException("keytool failed: " + new String(process.getInputStream().readAllBytes()));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		KeyStore keys = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(file)) {
			keys.load(in, PASSWORD);
		}
		Files.delete(file);
		Files.delete(dir);
		return keys;
	}

	/** The JDK's own authorities and this certificate, checked by the JDK's own trust manager. */
	private static TrustManager[] trusting(X509Certificate certificate) throws IOException, GeneralSecurityException {
		KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
		try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
			anchors.load(in, null);
		}
		anchors.setCertificateEntry("atrium-loopback", certificate);
		TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		tmf.init(anchors);
		return tmf.getTrustManagers();
	}

}
