package dev.atrium.support;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * Headless Chromium for end-to-end tests, driven by Selenium with the system's browser and driver
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}: Debian's chromium and chromium-driver),
 * so Selenium Manager never downloads anything. Register it as a static field; the browser starts on
 * first use, is shared by the class's tests and quits after them. When a test fails, a screenshot
 * and the page's HTML are written to {@code target/screenshots/<TestClass>-<method>.png|.html}.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final Browser browser = new Browser();
 *
 * &#64;BeforeEach
 * void baseUrl(&#64;LocalServerPort int port) {
 *     browser.baseUrl("http://localhost:" + port);
 * }
 * </pre>
 *
 * Pages that change something need a signed-in browser: {@link #signInAsGuest()} (see {@link TestSignIn}).
 * The paths can be changed with the system properties {@code atrium.test.chromium} and
 * {@code atrium.test.chromedriver}.
 */
public final class Browser implements AfterTestExecutionCallback, AfterAllCallback {

	private static final Path CHROMIUM = Path.of(System.getProperty("atrium.test.chromium", "/usr/bin/chromium"));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("atrium.test.chromedriver", "/usr/bin/chromedriver"));

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

	private ChromeDriver driver;

	private ChromeDriverService service;

	private Path profile;

	private String baseUrl = "";

	/** Where {@link #open(String)} resolves paths, e.g. {@code http://localhost:41234}. */
	public Browser baseUrl(String baseUrl) {
		this.baseUrl = baseUrl.replaceAll("/+$", "");
		return this;
	}

	/** The WebDriver, started on first use. */
	public synchronized WebDriver driver() {
		if (this.driver == null) {
			start();
		}
		return this.driver;
	}

	/** Opens a path of the application (or an absolute URL) and waits for the page to load. */
	public Browser open(String pathOrUrl) {
		driver().get(pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl : this.baseUrl + pathOrUrl);
		return this;
	}

	/**
	 * Signs in as the guest through the sign-in page (the guest sign-in is on in tests, as without an
	 * OpenID Connect provider) and comes back to the home page; see {@link TestSignIn} for the API.
	 */
	public Browser signInAsGuest() {
		open("/sign-in");
		find(By.id("sign-in-guest")).click();
		// Off the sign-in page first: signed in already (an earlier test), its header shows the badge too,
		// and a page opened before the sign-in's redirect lands would be replaced by it.
		waitFor(driver -> !driver.getCurrentUrl().contains("/sign-in") && !driver.findElements(By.id("guest-badge")).isEmpty());
		return this;
	}

	/** Signs out through the header's button, if someone is signed in. */
	public Browser signOut() {
		open("/");
		List<WebElement> button = findAll(By.id("sign-out"));
		if (!button.isEmpty()) {
			button.get(0).click();
			waitFor(driver -> !driver.findElements(By.id("sign-in-link")).isEmpty());
		}
		return this;
	}

	/** Waits up to 10 seconds until the condition holds and returns its value. */
	public <T> T waitFor(Function<? super WebDriver, T> condition) {
		return waitFor(DEFAULT_WAIT, condition);
	}

	public <T> T waitFor(Duration timeout, Function<? super WebDriver, T> condition) {
		return new WebDriverWait(driver(), timeout).until(condition);
	}

	/** Waits for an element to be visible and returns it. */
	public WebElement visible(By locator) {
		return waitFor(ExpectedConditions.visibilityOfElementLocated(locator));
	}

	public WebElement find(By locator) {
		return driver().findElement(locator);
	}

	public List<WebElement> findAll(By locator) {
		return driver().findElements(locator);
	}

	/** The visible text of the whole page. */
	public String text() {
		return driver().findElement(By.tagName("body")).getText();
	}

	public String title() {
		return driver().getTitle();
	}

	/** The element that has the keyboard focus. */
	public WebElement focused() {
		return driver().switchTo().activeElement();
	}

	/** Writes a screenshot to {@code target/screenshots/<name>.png} and returns its path. */
	public Path screenshot(String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path png = SCREENSHOTS.resolve(fileName(name) + ".png");
			File shot = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.FILE);
			Files.move(shot.toPath(), png, StandardCopyOption.REPLACE_EXISTING);
			return png.toAbsolutePath();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Quits the browser and deletes its profile; the next use starts a fresh one. */
	public synchronized void quit() {
		try {
			if (this.driver != null) {
				this.driver.quit();
			}
		}
		finally {
			this.driver = null;
			if (this.service != null) {
				this.service.stop();
				this.service = null;
			}
			if (this.profile != null) {
				try {
					FileSystemUtils.deleteRecursively(this.profile);
				}
				catch (IOException ex) {
					// A leftover temporary profile is harmless.
				}
				this.profile = null;
			}
		}
	}

	@Override
	public void afterTestExecution(ExtensionContext context) {
		if (context.getExecutionException().isEmpty() || this.driver == null) {
			return;
		}
		String name = context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName();
		try {
			Path png = screenshot(name);
			Path html = png.resolveSibling(fileName(name) + ".html");
			Files.writeString(html, this.driver.getPageSource(), StandardCharsets.UTF_8);
			context.publishReportEntry("screenshot", png.toString());
			System.err.println("Browser: " + this.driver.getCurrentUrl() + " at the failure of " + name + " saved as " + png
					+ " and " + html);
		}
		catch (RuntimeException | IOException ex) {
			System.err.println("Browser: no screenshot for " + name + ": " + ex);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		quit();
	}

	private void start() {
		requireExecutable(CHROMIUM, "Chromium (Debian package chromium)", "atrium.test.chromium");
		requireExecutable(CHROMEDRIVER, "ChromeDriver (Debian package chromium-driver)", "atrium.test.chromedriver");
		// The explicit driver and browser paths keep Selenium Manager from looking for (and downloading) either.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		try {
			this.profile = Files.createTempDirectory("atrium-chromium-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--disable-quic", "--window-size=1400,1000", "--user-data-dir=" + this.profile);
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogOutput(OutputStream.nullOutputStream())
			.build();
		try {
			this.driver = new ChromeDriver(this.service, options);
		}
		catch (WebDriverException ex) {
			quit();
			throw ex;
		}
		this.driver.manage().window().setSize(new Dimension(1400, 1000));
		this.driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
	}

	private static void requireExecutable(Path path, String what, String property) {
		if (!Files.isExecutable(path)) {
			throw new IllegalStateException(what + " is needed for browser tests and was not found at " + path
					+ " (install it, or point the system property " + property + " at it)");
		}
	}

	private static String fileName(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}
