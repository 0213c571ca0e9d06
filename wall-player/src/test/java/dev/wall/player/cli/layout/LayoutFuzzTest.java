package dev.wall.player.cli.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The short, deterministic fuzz run of the unit tests: every seed through the whole CLI, then a
 * fixed sequence of mutations of them through the reading and printing of {@code wall validate},
 * each with the property of {@link LayoutFuzzTarget}. The long, coverage-guided run is {@link
 * LayoutFuzzIT}.
 */
@Tag("fast")
class LayoutFuzzTest {
  static final int MUTATIONS = 1000;

  @Test
  void everySeedAndAFixedRunOfMutationsKeepTheProperty() throws Exception {
    List<byte[]> seeds = LayoutFuzzSeeds.all();
    for (byte[] seed : seeds) {
      LayoutFuzzTarget.check(seed);
    }
    Random random = new Random(20);
    for (int i = 0; i < MUTATIONS; i++) {
      LayoutFuzzTarget.checkDirect(
          LayoutFuzzSeeds.mutate(seeds.get(random.nextInt(seeds.size())), seeds, random));
    }
    System.out.println("LayoutFuzzTest: " + LayoutFuzzTarget.stats());
    assertTrue(seeds.size() > 60, "only " + seeds.size() + " seeds");
  }
}
