package dev.wall.core.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wall.core.layout.SyncSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CommonInstantTest {
  private static final String MACHINE = "b6f0c1de-boot-id";
  private static final long T = 5_000_000_000L;
  private static final long MS = 1_000_000L;

  private static RankStatus playing(double position, double rate, long sampledAt, String clock) {
    return RankStatus.healthy(position, 20, false, rate).sampledAt(sampledAt, clock);
  }

  @Test
  void aRankThatSampledLateIsMovedBackToTheEarliestSampleOnItsClock() {
    double[] positions =
        CommonInstant.positions(
            List.of(
                playing(10.000, 1.0, T, MACHINE),
                playing(10.025, 1.0, T + 25 * MS, MACHINE),
                playing(10.0095, 0.95, T + 10 * MS, MACHINE)));
    assertArrayEquals(new double[] {10.000, 10.000, 10.000}, positions, 1e-9);
  }

  @Test
  void ranksOnOtherClocksKeepTheirOwnInstants() {
    double[] positions =
        CommonInstant.positions(
            List.of(
                playing(10.000, 1.0, T, MACHINE),
                playing(10.025, 1.0, 987 * MS, "another-machine"),
                playing(10.040, 1.0, T + 40 * MS, null)));
    assertArrayEquals(new double[] {10.000, 10.025, 10.040}, positions, 1e-9);
  }

  @Test
  void aHeldLastFrameAndAFailedRankAreNotMoved() {
    List<RankStatus> all =
        List.of(
            RankStatus.failed("s1 on rpi1: mpv exited").sampledAt(T - 900 * MS, MACHINE),
            RankStatus.healthy(19.967, 20, true, 1.0).sampledAt(T + 30 * MS, MACHINE),
            playing(19.500, 1.0, T + 10 * MS, MACHINE),
            playing(19.480, 1.0, T, MACHINE));
    double[] positions = CommonInstant.positions(all);
    assertEquals(19.967, positions[1], 1e-9, "held");
    assertEquals(
        19.490, positions[2], 1e-9, "moved back to the healthy earliest, not the failed rank's");
    assertEquals(19.480, positions[3], 1e-9);
  }

  @Test
  void aRecoveringScreenIsNeitherMovedNorTheEarliest() {
    RankStatus.Health recovering =
        new RankStatus.Health(ScreenState.RECOVERING, 1, "mpv exited", 1);
    double[] positions =
        CommonInstant.positions(
            List.of(
                RankStatus.healthy(3, 20, false, 1)
                    .sampledAt(T - 500 * MS, MACHINE)
                    .with(recovering),
                playing(10.010, 1.0, T + 10 * MS, MACHINE),
                playing(10.000, 1.0, T, MACHINE)));
    assertEquals(3, positions[0], 1e-9);
    assertEquals(10.000, positions[1], 1e-9);
  }

  /**
   * Eight identical players on one busy machine: each rank is scheduled up to 25 ms after the
   * barrier (as measured with 8 players on 2 cores) and reads its position then. Compared as
   * sampled, the late ones look ahead and the loop trims them; moved to one instant, it rests.
   */
  @Test
  void onABusyMachineLateSamplesNoLongerLookLikeSkew() {
    Simulation asSampled =
        simulate(statuses -> statuses.stream().mapToDouble(RankStatus::position).toArray());
    Simulation aligned = simulate(CommonInstant::positions);
    assertTrue(
        asSampled.roundsWithTrims > 20, "the scheduling delay alone makes it hunt: " + asSampled);
    assertTrue(aligned.roundsWithTrims <= 3, "aligned: " + aligned);
    assertTrue(aligned.maxRateError < 0.001, "aligned: " + aligned);
    assertTrue(aligned.maxSpreadSeconds < 0.005, "aligned: " + aligned);
  }

  private record Simulation(int roundsWithTrims, double maxRateError, double maxSpreadSeconds) {}

  private static Simulation simulate(Function<List<RankStatus>, double[]> compare) {
    int screens = 8;
    Random random = new Random(7);
    double[] truePosition = new double[screens];
    double[] rate = new double[screens];
    Arrays.fill(rate, 1.0);
    DriftCorrector corrector = new DriftCorrector(SyncSettings.DEFAULTS, screens);
    boolean[] playing = new boolean[screens];
    Arrays.fill(playing, true);
    int roundsWithTrims = 0;
    double maxRateError = 0;
    double maxSpread = 0;
    long barrier = T;
    for (int round = 0; round < 300; round++) {
      List<RankStatus> statuses = new ArrayList<>();
      for (int i = 0; i < screens; i++) {
        double late = random.nextDouble() * 0.025;
        double reading = random.nextGaussian() * 0.001; // the position estimate's own noise
        statuses.add(
            playing(
                truePosition[i] + late * rate[i] + reading,
                rate[i],
                barrier + (long) (late * 1e9),
                MACHINE));
      }
      DriftCorrector.Correction correction =
          corrector.correct(compare.apply(statuses), playing, 1.0);
      roundsWithTrims += correction.trims() > 0 ? 1 : 0;
      for (int i = 0; i < screens; i++) {
        rate[i] = correction.rates()[i];
        maxRateError = Math.max(maxRateError, Math.abs(rate[i] - 1));
        truePosition[i] += rate[i];
      }
      maxSpread =
          Math.max(
              maxSpread,
              Arrays.stream(truePosition).max().getAsDouble()
                  - Arrays.stream(truePosition).min().getAsDouble());
      barrier += 1_000_000_000L;
    }
    return new Simulation(roundsWithTrims, maxRateError, maxSpread);
  }
}
