package io.dynasplit.edge.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.energy.PowerModel;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.Json;
import io.dynasplit.testsupport.sysfs.FakeSysfs;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.Timeout;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
@Timeout(value = 30, timeUnit = TimeUnit.SECONDS)
class HardwareVerticleTest {

  @TempDir Path dir;

  private Vertx vertx;
  private FakeSysfs sysfs;
  private HardwareVerticle verticle;
  private String deployment;

  @BeforeEach
  void deploy(VertxTestContext ctx) {
    vertx =
        Vertx.vertx(
            new VertxOptions()
                .setMaxEventLoopExecuteTime(200)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    sysfs =
        FakeSysfs.at(dir)
            .policy(0, List.of(600_000, 1_200_000), List.of("schedutil", "userspace"), 1_200_000);
    HardwareOptions options =
        HardwareOptions.defaults()
            .withSysfsRoot(sysfs.root())
            .withPowercapRoot(dir.resolve("no-powercap"))
            .withModel(new PowerModel(3.0, 1.0, 4))
            .withStatePeriod(Duration.ofMillis(50));
    verticle = new HardwareVerticle(options);
    vertx
        .deployVerticle(verticle)
        .onComplete(
            ctx.succeeding(
                id -> {
                  deployment = id;
                  ctx.completeNow();
                }));
  }

  @AfterEach
  void close(VertxTestContext ctx) {
    vertx.close().onComplete(ctx.succeedingThenComplete());
  }

  /** Verifies that the deployed verticle meters a request window with the model source. */
  @Test
  void metersAWindowWithTheModel(VertxTestContext ctx) throws Exception {
    EnergyMeter meter = verticle.energyMeter();
    assertEquals(EnergySource.MODEL, meter.source());
    EnergyMeter.Window window = meter.open();
    Thread.sleep(20);
    EnergyReading reading = window.close();
    ctx.verify(
        () -> {
          assertEquals(EnergySource.MODEL, reading.source());
          assertTrue(
              reading.joules() >= 3.0 * reading.seconds() - 1e-9,
              reading.toString()); // idle 3 W at least
        });
    ctx.completeNow();
  }

  /** Verifies that a configuration applied through the interface sets the fake tree's frequency. */
  @Test
  void appliesThroughTheInterface(VertxTestContext ctx) {
    verticle
        .apply(Configuration.atSplit(4).withCpuFreqMHz(600))
        .onComplete(
            ctx.succeeding(
                applied ->
                    ctx.verify(
                        () -> {
                          assertTrue(applied.cpuFrequencyChanged());
                          assertEquals("600000", sysfs.read(0, "scaling_setspeed"));
                          assertEquals(600, verticle.state().cpuFreqMHz());
                          ctx.completeNow();
                        })));
  }

  /**
   * Verifies that the event bus applies a configuration and refuses an unsupported one with 400.
   */
  @Test
  void appliesOverTheEventBus(VertxTestContext ctx) {
    JsonObject good = HardwareVerticle.toJson(Configuration.atSplit(1).withCpuFreqMHz(1200));
    JsonObject bad = good.copy().put("cpuFreqMHz", 999);
    vertx
        .eventBus()
        .<JsonObject>request(HardwareVerticle.APPLY_ADDRESS, good)
        .compose(
            reply -> {
              ctx.verify(
                  () ->
                      assertEquals(
                          1200,
                          reply.body().getJsonObject("configuration").getInteger("cpuFreqMHz")));
              return vertx.eventBus().<JsonObject>request(HardwareVerticle.APPLY_ADDRESS, bad);
            })
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                        () -> {
                          ReplyException reply = (ReplyException) e;
                          assertEquals(400, reply.failureCode());
                          assertTrue(
                              reply.getMessage().contains("999 MHz is not offered"),
                              reply.getMessage());
                          ctx.completeNow();
                        })));
  }

  /**
   * Verifies that the state is published periodically with the energy source and positive mean
   * power.
   */
  @Test
  void publishesState(VertxTestContext ctx) {
    vertx
        .eventBus()
        .<JsonObject>consumer(
            HardwareVerticle.STATE_ADDRESS,
            message ->
                ctx.verify(
                    () -> {
                      HardwareState state =
                          Json.fromBytes(message.body().toBuffer().getBytes(), HardwareState.class);
                      assertEquals("model", state.energySource());
                      assertTrue(state.cpuFreqManaged());
                      assertTrue(
                          state.watts() >= 3.0 - 1e-9, state.toString()); // idle 3 W at least
                      ctx.completeNow();
                    }));
  }

  /**
   * Verifies that the state's energy window is read off the event loop: with a RAPL counter that
   * blocks (a FIFO with no data), the verticle still answers an apply over the event bus.
   */
  @Test
  void slowEnergyCounterDoesNotBlockTheEventLoop(VertxTestContext ctx) throws Exception {
    // the only hardware verticle on the bus, so the apply below goes to the one whose counter
    // blocks
    vertx.undeploy(deployment).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    FakeSysfs rapl = FakeSysfs.at(dir.resolve("rapl")).raplZone(0, 1_000_000, 1_000_000_000L);
    HardwareVerticle blocking =
        new HardwareVerticle(
            HardwareOptions.defaults()
                .withSysfsRoot(sysfs.root())
                .withPowercapRoot(rapl.powercapDir())
                .withStatePeriod(Duration.ofMillis(20)));
    vertx
        .deployVerticle(blocking)
        .toCompletionStage()
        .toCompletableFuture()
        .get(20, TimeUnit.SECONDS);
    assertEquals(EnergySource.RAPL, blocking.energyMeter().source());

    // swap the counter for a FIFO: the next state period's read blocks until the test writes to it
    Path counter = rapl.powercapDir().resolve("intel-rapl:0/energy_uj");
    Path fifo = dir.resolve("energy_uj.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());
    Files.move(fifo, counter, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    // opening the write end returns once a state period opened the read end: that read now waits
    // for data
    CompletableFuture<OutputStream> writer =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return Files.newOutputStream(counter);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    OutputStream out = writer.get(20, TimeUnit.SECONDS);

    JsonObject good = HardwareVerticle.toJson(Configuration.atSplit(1).withCpuFreqMHz(1200));
    vertx
        .eventBus()
        .<JsonObject>request(
            HardwareVerticle.APPLY_ADDRESS, good, new DeliveryOptions().setSendTimeout(10_000))
        .onComplete(
            ar -> {
              try { // let the blocked read finish: a regular counter again for later periods, then
                // data for this one
                Path plain = dir.resolve("energy_uj.plain");
                Files.writeString(plain, "2000000\n");
                Files.move(
                    plain,
                    counter,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
                out.write("2000000\n".getBytes(StandardCharsets.US_ASCII));
                out.close();
              } catch (IOException e) {
                ctx.failNow(e);
                return;
              }
              ctx.verify(
                  () -> {
                    assertTrue(
                        ar.succeeded(),
                        () -> "apply not answered while the energy counter blocked: " + ar.cause());
                    assertEquals(
                        1200,
                        ar.result().body().getJsonObject("configuration").getInteger("cpuFreqMHz"));
                  });
              ctx.completeNow();
            });
  }
}
