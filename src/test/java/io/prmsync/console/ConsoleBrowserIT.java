package io.prmsync.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prmsync.sandbox.Endpoint;
import io.prmsync.sandbox.SalesforceSimulator;
import io.prmsync.sandbox.SimulatedFailure;
import io.prmsync.support.SyncDriver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console in a real browser: Debian's headless Chromium, driven through its own chromedriver (never one
 * downloaded at test time), against the service on the sandbox. Each test leaves a screenshot in
 * {@code target/console-screenshots/}.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:console-browser;DB_CLOSE_DELAY=-1",
            "prm-sync.admin.tokens=" + ConsoleBrowserIT.TOKEN,
            "prm-sync.schedule.first-run-delay=3600000",
            "prm-sync.sync.settle-lag=PT0S",
            "prm-sync.sandbox.millisecond-stamps=true"
        })
class ConsoleBrowserIT {

    static final String TOKEN = "console-browser-token-81d3e0";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    private static Path profile;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    SalesforceSimulator salesforce;

    @Autowired
    ProducerTemplate template;

    WebDriver browser;

    @BeforeAll
    static void startDriver() throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("The console's browser tests need Debian's Chromium and ChromeDriver at " + CHROMIUM + " and "
                        + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver (.ci/run does)")
                .isTrue();
        // Named explicitly, so Selenium Manager has nothing to look up and downloads nothing.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        profile = Files.createTempDirectory("console-chromium-");
        Files.createDirectories(SCREENSHOTS);
    }

    @BeforeEach
    void openBrowser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(profile, "run-"));
        // A driver process per browser: quitting the browser stops its driver too.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @AfterEach
    void closeBrowser(TestInfo test) throws IOException {
        if (browser != null) {
            File shot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(
                    shot.toPath(),
                    SCREENSHOTS.resolve(test.getTestMethod().orElseThrow().getName() + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
            browser.quit();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void logIn() {
        browser.get(url("/console/login"));
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        submit(By.id("login"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console"));
    }

    /**
     * Clicks a button that submits its form (or follows a link) and waits for the next page: the click returns before
     * the browser has left the page, and on a loaded machine a check made at once still read the old one.
     */
    private void submit(By button) {
        WebElement before = browser.findElement(By.tagName("html"));
        browser.findElement(button).click();
        waitUpTo(Duration.ofSeconds(30)).until(page -> gone(before));
    }

    /**
     * Whether the page an element belonged to has been left. Chromium reports an element of a page being replaced
     * as stale, or, caught half-way, as a node that "does not belong to the document".
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException left) {
            return true;
        } catch (org.openqa.selenium.WebDriverException leaving) {
            if (String.valueOf(leaving.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw leaving;
        }
    }

    private WebDriverWait waitUpTo(Duration duration) {
        return new WebDriverWait(browser, duration);
    }

    @Test
    void aStrangerIsSentToTheLoginFormAndAWrongTokenLetsNobodyIn() {
        browser.get(url("/console/dead-letters"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login"));

        browser.findElement(By.id("token")).sendKeys("not-the-token");
        submit(By.id("login"));

        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("not an admin token");
        browser.get(url("/console"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login"));
    }

    @Test
    void anAdminLogsInAndOutAgain() {
        logIn();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Flows");
        assertThat(browser.getPageSource()).doesNotContain(TOKEN);

        submit(By.id("logout"));

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login?loggedOut"));
        browser.get(url("/console/partners"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/login"));
    }

    @Test
    void aFullRunStartedFromTheOverviewIsFollowedToItsEnd() {
        logIn();
        String row = "tr[data-flow='partner-accounts'][data-direction='inbound']";

        submit(By.id("run-full-partner-accounts-inbound"));

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("Started full run of partner-accounts inbound");
        waitUpTo(Duration.ofSeconds(90))
                .until(page -> page.findElement(By.cssSelector(row + " [data-field=state]"))
                        .getText()
                        .equals("SUCCEEDED"));
        // The page was refreshed in place by console.js, and the run's progress reached its end.
        waitUpTo(Duration.ofSeconds(10))
                .until(page -> page.findElement(By.id("flows")).getAttribute("data-refreshed") != null);
        // Found again at every try: console.js replaces the rows it refreshes.
        waitUpTo(Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .until(page -> "100"
                        .equals(page.findElement(By.cssSelector(row + " progress"))
                                .getAttribute("value")));
        assertThat(browser.findElement(By.cssSelector(row + " [data-field=lag]"))
                        .getText())
                .as("how far its reading is behind now")
                .matches("\\d+ (s|min|h \\d+ min|days)");
        String count = browser.findElement(By.cssSelector(row + " .count")).getText();
        assertThat(Long.parseLong(count.split(" ")[0])).isPositive();
        assertThat(browser.findElement(By.cssSelector(row + " [data-field=records]"))
                        .getText())
                .isNotEqualTo("0");
    }

    @Test
    void aPartnersPageExplainsItsTierCriterionByCriterion() {
        insertPrmPartner("P-CONSOLE-1", "Console Explained Ltd");
        logIn();
        browser.get(url("/console/partners"));
        browser.findElement(By.id("q")).sendKeys("explained");
        submit(By.id("search"));

        List<WebElement> found = browser.findElements(By.cssSelector("#partners tbody a"));
        assertThat(found).extracting(WebElement::getText).containsExactly("P-CONSOLE-1");
        WebElement before = browser.findElement(By.tagName("html"));
        found.get(0).click();
        waitUpTo(Duration.ofSeconds(30)).until(page -> gone(before));

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Console Explained Ltd (P-CONSOLE-1)");
        List<WebElement> tables = browser.findElements(By.cssSelector("table.explanation"));
        assertThat(tables).isNotEmpty();
        List<WebElement> cells = tables.get(0).findElements(By.cssSelector("tbody tr:first-child td"));
        assertThat(cells).hasSize(4);
        assertThat(cells.get(0).getText()).isNotBlank();
        assertThat(cells.get(3).getText()).isIn("yes", "no");
        assertThat(browser.findElement(By.tagName("thead")).getText()).contains("Required", "Actual", "Met");
        // A new partner holds no tier yet: the lowest tier's unmet criteria are what it still needs.
        WebElement next = browser.findElement(By.id("next-tier"));
        assertThat(next.findElement(By.tagName("caption")).getText()).isNotBlank();
        assertThat(next.findElements(By.cssSelector("tbody tr"))).isNotEmpty();
    }

    @Test
    void aDeadLetterReplayedFromTheConsoleCloses() {
        salesforce
                .faults()
                .rejectRecords(
                        "Account",
                        "Name",
                        "Console Blocked Inc",
                        "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                        "Partner name is not allowed");
        insertPrmPartner("P-CONSOLE-DL", "Console Blocked Inc");
        new SyncDriver(template).outbound("partner-accounts");
        salesforce.faults().clear();
        logIn();
        browser.get(url("/console/dead-letters?flow=partner-accounts"));
        WebElement letter = browser.findElements(By.cssSelector("#dead-letters tbody tr")).stream()
                .filter(tr -> tr.getText().contains("P-CONSOLE-DL"))
                .findFirst()
                .orElseThrow();
        String id = letter.getAttribute("data-id");
        assertThat(letter.getText()).contains("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Console Blocked Inc");

        submit(By.id("replay-" + id));

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("Replaying dead letter " + id);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    browser.get(url("/console/dead-letters?flow=partner-accounts&status=RESOLVED"));
                    assertThat(browser.findElements(
                                    By.cssSelector("#dead-letters tbody tr[data-id='" + id + "'] .status")))
                            .extracting(WebElement::getText)
                            .containsExactly("RESOLVED");
                });
        browser.get(url("/console/dead-letters?flow=partner-accounts"));
        assertThat(browser.findElements(By.cssSelector("#dead-letters tbody tr[data-id='" + id + "']")))
                .isEmpty();
    }

    @Test
    void deadLettersFilteredByTheirErrorCodeAreTickedAndReplayedTogether() {
        for (String name : List.of("Console Pair One", "Console Pair Two")) {
            salesforce
                    .faults()
                    .rejectRecords("Account", "Name", name, "DUPLICATE_VALUE", "duplicate value found: " + name);
        }
        insertPrmPartner("P-CONSOLE-PAIR-1", "Console Pair One");
        insertPrmPartner("P-CONSOLE-PAIR-2", "Console Pair Two");
        new SyncDriver(template).outbound("partner-accounts");
        salesforce.faults().clear();
        logIn();
        browser.get(url("/console/dead-letters"));
        browser.findElement(By.id("errorCode")).sendKeys("DUPLICATE_VALUE");
        submit(By.id("filter"));

        List<WebElement> rows = browser.findElements(By.cssSelector("#dead-letters tbody tr[data-id]"));
        assertThat(rows)
                .extracting(WebElement::getText)
                .allMatch(text -> text.contains("DUPLICATE_VALUE"))
                .anyMatch(text -> text.contains("P-CONSOLE-PAIR-1"))
                .anyMatch(text -> text.contains("P-CONSOLE-PAIR-2"));
        List<String> ids = rows.stream()
                .filter(tr -> tr.getText().contains("P-CONSOLE-PAIR-"))
                .map(tr -> tr.getAttribute("data-id"))
                .toList();
        ids.forEach(id -> browser.findElement(By.id("select-" + id)).click());
        submit(By.id("replay-selected-button"));

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .startsWith("Replaying 2 dead letters");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM dead_letter WHERE status = 'RESOLVED' AND id IN (:ids)")
                                .param("ids", ids.stream().map(Long::valueOf).toList())
                                .query(Long.class)
                                .single()
                        == 2);
    }

    /** Without a mouse: the token typed and Enter pressed, then the tab key walks to a page's link. */
    @Test
    void theConsoleIsReachableFromTheKeyboard() {
        browser.get(url("/console/login"));
        WebElement token = browser.findElement(By.id("token"));
        assertThat(browser.switchTo().activeElement())
                .as("the token field has the focus")
                .isEqualTo(token);
        WebElement before = browser.findElement(By.tagName("html"));
        token.sendKeys(TOKEN, org.openqa.selenium.Keys.ENTER);
        waitUpTo(Duration.ofSeconds(30)).until(page -> gone(before));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console"));

        WebElement runs = browser.findElement(By.linkText("Runs"));
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser);
        for (int presses = 0;
                presses < 10 && !browser.switchTo().activeElement().equals(runs);
                presses++) {
            keys.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        }
        assertThat(browser.switchTo().activeElement())
                .as("reached with the tab key")
                .isEqualTo(runs);
        WebElement overview = browser.findElement(By.tagName("html"));
        keys.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
        waitUpTo(Duration.ofSeconds(30)).until(page -> gone(overview));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Runs");
    }

    @Test
    void aTierDryRunShowsTheProblemsOfBadRulesAndTheMovesOfGoodOnes() {
        logIn();
        browser.get(url("/console/tiers"));
        assertThat(browser.findElements(By.cssSelector("#rules tbody tr"))).isNotEmpty();
        WebElement candidate = browser.findElement(By.id("candidate"));
        String inForce = candidate.getAttribute("value");
        assertThat(inForce).contains("tiers:");

        candidate.clear();
        candidate.sendKeys("rules-version: x\ntiers: nope\n");
        submit(By.id("dry-run"));
        assertThat(browser.findElement(By.id("problems")).getText()).contains("line");

        browser.findElement(By.id("candidate")).clear();
        setValue(browser.findElement(By.id("candidate")), inForce);
        submit(By.id("dry-run"));
        assertThat(browser.findElement(By.cssSelector("#report h2")).getText())
                .matches("\\d+ partners evaluated, 0 would move");
    }

    @Test
    void aRunIsListedWithItsCountsAndItsDetailOpens() {
        new SyncDriver(template).inbound("partner-accounts");
        logIn();
        browser.get(url("/console/runs?flow=partner-accounts&direction=inbound"));

        WebElement latest = browser.findElement(By.cssSelector("#runs tbody tr"));
        String runId = latest.getAttribute("data-run");
        assertThat(latest.findElement(By.cssSelector(".state")).getText()).isEqualTo("SUCCEEDED");
        assertThat(latest.getText()).contains("partner-accounts inbound");
        submit(By.cssSelector("#runs tbody tr[data-run='" + runId + "'] a"));

        assertThat(browser.getCurrentUrl()).isEqualTo(url("/console/runs/" + runId));
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("SUCCEEDED");
        assertThat(browser.findElement(By.id("done")).getText()).matches("\\d+.*");
    }

    @Test
    void aFailedWebhookEventIsRetriedFromTheInboxAndSynced() {
        insertPrmPartner("P-CONSOLE-WH", "Console Webhook Retried Ltd");
        jdbc.sql("INSERT INTO webhook_inbox (source, event_id, entity, record_id, operation, received_at, status,"
                        + " attempts, last_error) VALUES ('prm', 'console-retry', 'partner-account', 'P-CONSOLE-WH',"
                        + " 'upsert', CURRENT_TIMESTAMP, 'FAILED', 8, 'UNABLE_TO_LOCK_ROW: gave up after 8 attempts')")
                .update();
        long id = jdbc.sql("SELECT id FROM webhook_inbox WHERE event_id = 'console-retry'")
                .query(Long.class)
                .single();
        logIn();
        browser.get(url("/console/webhooks"));
        assertThat(browser.findElement(By.cssSelector("#failed-events tr[data-id='" + id + "']"))
                        .getText())
                .contains("UNABLE_TO_LOCK_ROW", "P-CONSOLE-WH");

        submit(By.id("retry-" + id));

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Webhook event " + id + " waits in the inbox again");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "DONE"
                        .equals(jdbc.sql("SELECT status FROM webhook_inbox WHERE id = :id")
                                .param("id", id)
                                .query(String.class)
                                .single()));
        assertThat(salesforce.org().findByField("Account", "PRM_Partner_Id__c", "P-CONSOLE-WH"))
                .hasSize(1);
        browser.get(url("/console/webhooks"));
        assertThat(browser.findElements(By.cssSelector("#failed-events tr[data-id='" + id + "']")))
                .isEmpty();
    }

    @Test
    void theOverviewShowsTheCircuitBreakerTheBudgetAndResumesAThrottledFlow() {
        salesforce.faults().failNext(Endpoint.QUERY_ALL, 1, SimulatedFailure.requestLimitExceeded());
        new SyncDriver(template).inbound("certifications");
        logIn();

        assertThat(browser.findElement(By.cssSelector("[data-field=circuitBreaker]"))
                        .getText())
                .isEqualTo("CLOSED");
        assertThat(browser.findElement(By.cssSelector("[data-field=apiUsed]")).getText())
                .matches("\\d+ of \\d+ calls used");
        String paused = "tr[data-flow='certifications'][data-direction='inbound'] [data-field=paused]";
        assertThat(browser.findElement(By.cssSelector(paused)).getText()).contains("REQUEST_LIMIT_EXCEEDED");

        submit(By.id("resume-certifications-inbound"));

        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText())
                .isEqualTo("Resumed certifications");
        assertThat(browser.findElement(By.id("resume-certifications-inbound")).isDisplayed())
                .isFalse();
        new SyncDriver(template).inbound("certifications");
        assertThat(jdbc.sql("SELECT state FROM sync_run WHERE flow = 'certifications' AND direction = 'INBOUND'"
                                + " ORDER BY started_at DESC FETCH FIRST 1 ROWS ONLY")
                        .query(String.class)
                        .single())
                .isEqualTo("SUCCEEDED");
    }

    @Test
    void reconcilingAFlowFromTheConsoleShowsBothSidesAgree() {
        new SyncDriver(template).inbound("partner-accounts");
        new SyncDriver(template).outbound("partner-accounts");
        logIn();
        browser.get(url("/console/reconciliation"));
        assertThat(browser.findElements(By.id("report")))
                .as("nothing read before asked")
                .isEmpty();

        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reconcile-flow")))
                .selectByValue("partner-accounts");
        submit(By.id("reconcile"));

        assertThat(browser.findElement(By.cssSelector("#report h2")).getText())
                .isEqualTo("partner-accounts: both sides agree");
        assertThat(Long.parseLong(browser.findElement(By.id("matched")).getText()))
                .isPositive();
        assertThat(browser.findElement(By.id("unexplained")).getText()).isEqualTo("0");
    }

    /**
     * At a phone's width every page fits: wide tables scroll inside their own box, the page never sideways. And on
     * every page each form field and button has a name a screen reader can say (a label, an aria-label or its text).
     */
    @Test
    void onANarrowWindowNoPageIsWiderThanTheWindowAndEveryFieldIsLabelled() {
        insertPrmPartner("P-CONSOLE-NARROW", "Console Narrow Window Partners International Holdings Ltd");
        new SyncDriver(template).inbound("partner-accounts");
        browser.manage().window().setSize(new Dimension(390, 844));
        logIn();
        for (String page : List.of(
                "/console",
                "/console/runs",
                "/console/dead-letters",
                "/console/webhooks",
                "/console/reconciliation",
                "/console/partners",
                "/console/partners/P-CONSOLE-NARROW",
                "/console/tiers")) {
            browser.get(url(page));
            Object overflow = ((ChromeDriver) browser)
                    .executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(((Number) overflow).longValue())
                    .as("pixels %s spills past a 390 px window", page)
                    .isLessThanOrEqualTo(0);
            Object unnamed = ((ChromeDriver) browser)
                    .executeScript("return Array.from(document.querySelectorAll("
                            + "'input:not([type=hidden]), select, textarea, button'))"
                            + ".filter(function (el) {"
                            + "  var labelled = el.labels && el.labels.length > 0;"
                            + "  var named = (el.getAttribute('aria-label') || '').trim() !== '';"
                            + "  var text = el.tagName === 'BUTTON' && el.textContent.trim() !== '';"
                            + "  return !(labelled || named || text); })"
                            + ".map(function (el) { return el.outerHTML; });");
            assertThat((List<?>) unnamed)
                    .as("form fields without a name on %s", page)
                    .isEmpty();
        }
        browser.get(url("/console"));
    }

    /** Types a long text in one go (sendKeys would auto-indent nothing here, but is slow on a whole file). */
    private void setValue(WebElement field, String text) {
        ((ChromeDriver) browser).executeScript("arguments[0].value = arguments[1];", field, text);
    }

    private void insertPrmPartner(String key, String name) {
        jdbc.sql("MERGE INTO partner_account (partner_id, name, created_at, updated_at) KEY (partner_id)"
                        + " VALUES (:k, :n, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")
                .param("k", key)
                .param("n", name)
                .update();
    }
}
