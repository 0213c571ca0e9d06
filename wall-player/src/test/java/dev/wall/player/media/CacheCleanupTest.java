package dev.wall.player.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cleanup's choice, from a cache listing in memory. */
class CacheCleanupTest {
  private static final long NOW = 1_800_000_000L;

  private static String name(char c) {
    return String.valueOf(c).repeat(64) + ".mp4";
  }

  private static CacheCleanup.Entry file(char c, long size, long daysAgo) {
    return new CacheCleanup.Entry(name(c), 'f', size, NOW - daysAgo * 86_400);
  }

  @Test
  void theLeastRecentlyUsedUnneededFilesGoUntilTheRestFit() {
    List<CacheCleanup.Entry> cache =
        List.of(file('a', 40, 1), file('b', 40, 9), file('c', 40, 5), file('d', 40, 30));
    // d is the oldest but needed: b (9 days) then c (5 days) go, a (1 day) stays.
    CacheCleanup.Choice choice = CacheCleanup.choose(cache, Set.of(name('d')), 80, NOW);
    assertEquals(List.of(name('b'), name('c')), choice.remove());
    assertEquals(80, choice.keptBytes());
    assertEquals(40, choice.neededBytes());
  }

  @Test
  void aFileARunningWallPlaysStaysEvenOldAndUnneeded() {
    List<CacheCleanup.Entry> cache =
        List.of(file('a', 40, 1), file('b', 40, 9), file('c', 40, 5), file('d', 40, 30));
    // d is needed, b (the oldest of the rest) plays now: c goes, then a; b stays over the limit.
    CacheCleanup.Choice choice =
        CacheCleanup.choose(cache, Set.of(name('d')), Set.of(name('b')), 40, NOW);
    assertEquals(List.of(name('c'), name('a')), choice.remove());
    assertEquals(80, choice.keptBytes());
    assertEquals(40, choice.neededBytes(), "the playing file is not this layout's own");
  }

  @Test
  void nothingGoesUnderTheLimit() {
    CacheCleanup.Choice choice =
        CacheCleanup.choose(List.of(file('a', 40, 1), file('b', 40, 9)), Set.of(), 80, NOW);
    assertEquals(List.of(), choice.remove());
  }

  @Test
  void neededFilesStayEvenOverTheLimit() {
    CacheCleanup.Choice choice =
        CacheCleanup.choose(
            List.of(file('a', 100, 1), file('b', 100, 9)), Set.of(name('a'), name('b')), 50, NOW);
    assertEquals(List.of(), choice.remove());
    assertEquals(200, choice.neededBytes());
  }

  @Test
  void onlyTheWallsOwnRegularFilesAreEverChosen() {
    List<CacheCleanup.Entry> cache =
        List.of(
            new CacheCleanup.Entry(name('a'), 'l', 1000, 0), // a link: never followed or removed
            new CacheCleanup.Entry("notes.txt", 'f', 1000, 0),
            new CacheCleanup.Entry("sub", 'd', 1000, 0),
            new CacheCleanup.Entry(".incoming-" + name('b'), 'f', 10, NOW - 3 * 86_400),
            new CacheCleanup.Entry(".incoming-" + name('c'), 'f', 10, NOW - 60),
            file('e', 10, 2));
    CacheCleanup.Choice choice = CacheCleanup.choose(cache, Set.of(), 5, NOW);
    // The stale transfer, and the one content file; the fresh transfer may be another publish's.
    assertEquals(List.of(".incoming-" + name('b'), name('e')), choice.remove());
  }
}
