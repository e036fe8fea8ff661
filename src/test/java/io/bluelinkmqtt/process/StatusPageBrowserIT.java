package io.bluelinkmqtt.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bluelinkmqtt.demo.DemoMode;
import io.bluelinkmqtt.publish.Topics;
import io.bluelinkmqtt.testsupport.Await;
import io.bluelinkmqtt.testsupport.MosquittoProcess;
import io.bluelinkmqtt.testsupport.MqttObserver;
import io.bluelinkmqtt.testsupport.MqttObserver.Received;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status page in a real headless Chromium (Debian's chromium and chromium-driver, driven by Selenium), served by
 * the packaged jar in demo mode on a Mosquitto the test owns: the page shows exactly what went out on MQTT for both
 * demo cars, a button's outcome shows on the page and on MQTT, the page follows a broker restart and works after
 * it, and screenshots land in target/. Skipped where Chromium is not installed.
 */
@ExtendWith(VertxExtension.class)
class StatusPageBrowserIT {

  private static final Logger LOG = LoggerFactory.getLogger(StatusPageBrowserIT.class);
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** The leaves the page shows per car, as docs/http.md lists them. */
  private static final List<String> LEAVES = List.of(Topics.BATTERY_LEVEL, Topics.EV_RANGE,
      Topics.BATTERY_CHARGING_STATUS, Topics.BATTERY_PLUG_STATUS, Topics.BATTERY_AUX_LEVEL, Topics.DOORS_LOCKED,
      Topics.VEHICLE_LOCATION, Topics.VEHICLE_ODOMETER, Topics.EV_CHARGE_LIMIT, Topics.STATUS_LAST_UPDATED,
      Topics.STATUS_DATA_SOURCE, Topics.STATUS_UPDATE_METHOD);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private MosquittoProcess broker;
  private MqttObserver observer;
  private BridgeProcess bridge;
  private ChromeDriver browser;
  private final Topics topics = new Topics(DemoMode.BASE_TOPIC);

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "Chromium is not installed (Debian packages chromium and chromium-driver): the status page is not tested in a browser");
    broker = MosquittoProcess.startDefault();
    observer = Await.result(MqttObserver.start(vertx, broker.host(), broker.port(), DemoMode.BASE_TOPIC + "/#"),
        Duration.ofSeconds(10));
    int port = MosquittoProcess.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("MQTT_BROKER_HOST", broker.host());
    env.put("MQTT_BROKER_PORT", Integer.toString(broker.port()));
    env.put("HA_DISCOVERY", "false");
    env.put("LOG_FORMAT", "text");
    env.put("HTTP_PORT", Integer.toString(port));
    bridge = BridgeProcess.start(env, "--demo");
    bridge.awaitLog("status page on http://127.0.0.1:" + port + "/", Duration.ofSeconds(40));

    Path profile = Files.createTempDirectory("chromium-profile-");
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--window-size=1280,1500");
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    browser.get("http://127.0.0.1:" + port + "/");
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.quit();
    }
    BridgeProcess.stopAll(bridge, observer, broker);
  }

  @Test
  @DisplayName("the page shows what MQTT got for both demo cars, a button's outcome, and recovers after a broker restart")
  void pageFollowsMqtt(Vertx vertx) throws Exception {
    Set<String> cars = demoCars(vertx);
    waitFor(d -> d.findElements(By.cssSelector(".car [data-field='battery/level'][data-value]")).size() == 2);
    assertEquals("live", text("#live"));
    assertEquals("MQTT connected", text("#mqtt"));
    for (String car : cars) {
      assertCarShowsMqtt(car);
    }

    String first = cars.iterator().next();
    String outcomeId = press(first, "cached");
    JsonObject onMqtt = outcomeOnMqtt(first, outcomeId);
    assertEquals("ok", onMqtt.getString("status"), onMqtt.encode());
    assertTrue(outcomeLine(first).getText().startsWith("cached: ok"), outcomeLine(first).getText());
    assertEquals("ok", car(first).findElement(By.cssSelector("[data-outcome-id='" + outcomeId + "']"))
        .getAttribute("data-status"));

    broker.kill();
    waitFor(d -> text("#mqtt").equals("MQTT down"));
    assertEquals("not ready", text("#ready"));
    broker.restart();
    Await.result(observer.reconnect(), Duration.ofSeconds(10));
    waitFor(d -> text("#mqtt").equals("MQTT connected"));
    waitFor(d -> text("#ready").equals("ready"));

    String second = List.copyOf(cars).get(1);
    String afterRestart = press(second, "smart");
    JsonObject smart = outcomeOnMqtt(second, afterRestart);
    assertEquals("ok", smart.getString("status"), smart.encode());
    assertTrue(outcomeLine(second).getText().startsWith("smart:3600: ok"), outcomeLine(second).getText());
    for (String car : cars) {
      assertCarShowsMqtt(car);
    }
    screenshot("status-page.png");
    browser.manage().window().setSize(new Dimension(390, 1800));
    screenshot("status-page-phone.png");
  }

  /** The two demo cars, once both have published their battery level. */
  private Set<String> demoCars(Vertx vertx) {
    Set<String> cars = new TreeSet<>();
    Await.condition(vertx, () -> {
      observer.messages().stream().filter(m -> m.topic().endsWith("/" + Topics.BATTERY_LEVEL))
          .forEach(m -> cars.add(m.topic().split("/")[1]));
      return cars.size() == 2;
    }, Duration.ofSeconds(30));
    return cars;
  }

  private void assertCarShowsMqtt(String car) {
    for (String leaf : LEAVES) {
      List<Received> published = observer.messages(topics.vehicle(car, leaf));
      WebElement shown = car(car).findElement(By.cssSelector("[data-field='" + leaf + "']"));
      if (published.isEmpty()) {
        assertNull(shown.getAttribute("data-value"), car + " " + leaf + " was never published: the page shows none");
        continue;
      }
      Object value = new JsonObject(published.get(published.size() - 1).payload()).getValue("value");
      Object onPage = new JsonObject("{\"value\":" + shown.getAttribute("data-value") + "}").getValue("value");
      assertEquals(value, onPage, car + " " + leaf);
      if (value instanceof Number n) {
        assertTrue(shown.getText().startsWith(n.toString()), car + " " + leaf + " reads " + shown.getText());
      }
    }
    Number level = (Number) new JsonObject(last(car, Topics.BATTERY_LEVEL)).getValue("value");
    assertEquals(level + "%", browser.executeScript("return arguments[0].style.width",
        car(car).findElement(By.cssSelector(".soc .bar > div"))),
        "the battery bar is as long as the level (styles pass the page's Content-Security-Policy)");
    JsonObject location = (JsonObject) new JsonObject(last(car, Topics.VEHICLE_LOCATION)).getValue("value");
    String href = car(car).findElement(By.cssSelector("[data-field='vehicle/location'] a")).getAttribute("href");
    assertTrue(href.contains("mlat=" + location.getValue("latitude")), href);
  }

  private String last(String car, String leaf) {
    List<Received> published = observer.messages(topics.vehicle(car, leaf));
    return published.get(published.size() - 1).payload();
  }

  /** Presses a car's button and waits until the page shows the outcome; returns the command id. */
  private String press(String car, String mode) {
    car(car).findElement(By.cssSelector("button[data-mode='" + mode + "']")).click();
    waitFor(d -> outcomeLine(car).getAttribute("data-result") != null);
    return outcomeLine(car).getAttribute("data-result");
  }

  private JsonObject outcomeOnMqtt(String car, String id) {
    Received message = Await.result(observer.awaitMessage(topics.commandResult(car),
        m -> id.equals(new JsonObject(m.payload()).getString("id"))), WAIT);
    return new JsonObject(message.payload());
  }

  private WebElement car(String id) {
    return browser.findElement(By.cssSelector(".car[data-vehicle='" + id + "']"));
  }

  private WebElement outcomeLine(String car) {
    return car(car).findElement(By.cssSelector(".outcome"));
  }

  private String text(String css) {
    return browser.findElement(By.cssSelector(css)).getText();
  }

  private void waitFor(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
    new WebDriverWait(browser, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(ExpectedConditions.refreshed(condition::apply));
  }

  private void screenshot(String name) throws Exception {
    Path target = Path.of(System.getProperty("project.basedir", "."), "target", name);
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    LOG.info("screenshot of the status page: {}", target);
  }
}
