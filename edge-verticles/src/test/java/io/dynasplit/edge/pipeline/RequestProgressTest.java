package io.dynasplit.edge.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynasplit.energy.EnergyMeter;
import io.dynasplit.energy.EnergyReading;
import io.dynasplit.scheduler.Decision;
import io.dynasplit.scheduler.Policy;
import io.dynasplit.schemas.Configuration;
import io.dynasplit.schemas.EnergySource;
import io.dynasplit.schemas.FrontEntry;
import io.dynasplit.schemas.TailResult;
import io.dynasplit.schemas.TailTiming;
import io.dynasplit.schemas.mqtt.TraceParent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestProgressTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 5_000 * MS;

  private static final AdmittedRequest REQUEST =
      new AdmittedRequest(
          "req-1", "yolo", 300, null, false, List.of(), null, T0, 0, 0, TraceParent.start());

  private static final FrontEntry ENTRY =
      new FrontEntry(Configuration.atSplit(2), 90, 100, 30, 20, 40, 2048, 1, 1, null, 5);

  private static final Plan PLAN =
      new Plan(new Decision(Policy.ADAPTIVE, Decision.Status.MISSES_SLA, ENTRY, 90, 2, false), 35);

  /** A window that counts how often it is closed. */
  private static final class CountingWindow implements EnergyMeter.Window {
    int closes;

    @Override
    public EnergyReading close() {
      closes++;
      return new EnergyReading(0.75, EnergySource.INA219, T0, T0 + 50 * MS);
    }
  }

  /** Verifies the stages a request goes through and what the plan sets. */
  @Test
  void followsTheStages() {
    RequestProgress p = new RequestProgress(REQUEST);
    assertSame(REQUEST, p.request());
    assertEquals(RequestProgress.Stage.SCHEDULE, p.stage());
    assertNull(p.config());

    p.edgeStarted(PLAN, T0 + 4 * MS, new CountingWindow());
    assertEquals(RequestProgress.Stage.EDGE, p.stage());
    assertSame(ENTRY, p.entry());
    assertEquals(Configuration.atSplit(2), p.config());
    assertEquals(35, p.localTailMs(), 0);
    assertEquals(T0 + 4 * MS, p.startNanos());

    p.cloudCalled();
    assertEquals(RequestProgress.Stage.CLOUD, p.stage());
    p.fellBack();
    assertEquals(RequestProgress.Stage.FALLBACK, p.stage());
    assertTrue(p.fallback());
    p.finishSent(T0 + 80 * MS);
    assertEquals(RequestProgress.Stage.FINISH, p.stage());
    assertEquals("finish", p.stage().label());
  }

  /** Verifies that every job's wait for a worker adds up, each from when it was sent. */
  @Test
  void addsUpTheWorkerWaits() {
    RequestProgress p = new RequestProgress(REQUEST);
    p.edgeStarted(PLAN, T0 + 4 * MS, new CountingWindow());
    p.headRan(T0 + 10 * MS, 30, 1.5, 2048);
    p.cloudCalled();
    p.fellBack();
    p.localTailRan(T0 + 50 * MS, T0 + 54 * MS, 38);
    p.finishSent(T0 + 95 * MS);
    p.finished(T0 + 97 * MS, 6);

    assertEquals(6 + 4 + 2, p.workerWaitMs(), 1e-9);
    assertEquals(30, p.headMs(), 0);
    assertEquals(1.5, p.encodeMs(), 0);
    assertEquals(2048, p.bytes());
    assertEquals(38, p.tailMs(), 0);
    assertEquals(6, p.finishMs(), 0);
    assertFalse(p.cloudAnswered());
  }

  /**
   * Verifies the cloud's figures: transfer is the round trip less the cloud's time, never below 0,
   * and a cloud without energy figures leaves the cloud energy at 0 with no source.
   */
  @Test
  void takesTheCloudsFigures() {
    RequestProgress p = new RequestProgress(REQUEST);
    p.edgeStarted(PLAN, T0, new CountingWindow());
    p.cloudCalled();
    p.cloudAnswered(
        new TailAnswer(TailResult.ok("req-1", "w1", new TailTiming(8, 40), null), List.of(), 45));

    assertTrue(p.cloudAnswered());
    assertEquals(8, p.cloudQueueMs(), 0);
    assertEquals(40, p.tailMs(), 0);
    assertEquals(48, p.cloudMs(), 0);
    assertEquals(0, p.transferMs(), 0);
    assertEquals(0, p.cloudJoules(), 0);
    assertNull(p.cloudSource());
    assertEquals(RequestProgress.Stage.CLOUD, p.stage());
  }

  /** Verifies that the energy window is closed exactly once, whether the request ends or fails. */
  @Test
  void closesTheWindowOnce() {
    RequestProgress p = new RequestProgress(REQUEST);
    p.discardWindow(); // before the edge work: nothing to close

    CountingWindow window = new CountingWindow();
    p.edgeStarted(PLAN, T0, window);
    assertEquals(0.75, p.closeWindow().joules(), 0);
    p.discardWindow();
    assertEquals(1, window.closes);
    assertThrows(IllegalStateException.class, p::closeWindow);

    RequestProgress failed = new RequestProgress(REQUEST);
    CountingWindow other = new CountingWindow();
    failed.edgeStarted(PLAN, T0, other);
    failed.discardWindow();
    failed.discardWindow();
    assertEquals(1, other.closes);
  }
}
