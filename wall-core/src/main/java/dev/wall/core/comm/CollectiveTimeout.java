package dev.wall.core.comm;

import java.time.Duration;
import java.util.List;

/**
 * A collective call did not complete within its deadline: some rank never arrived. {@link #missing}
 * names the ranks this rank waited for and did not hear from: on the root, exactly the ranks that
 * did not arrive; on any other rank, the root (which it waits for alone).
 */
public final class CollectiveTimeout extends CommunicatorException {
  private final String collective;
  private final List<Integer> missing;
  private final Duration within;

  public CollectiveTimeout(String collective, List<Integer> missing, Duration within) {
    super(
        collective
            + ": no word from rank"
            + (missing.size() == 1 ? " " : "s ")
            + String.join(", ", missing.stream().map(String::valueOf).toList())
            + " within "
            + seconds(within),
        null);
    this.collective = collective;
    this.missing = List.copyOf(missing);
    this.within = within;
  }

  /** {@code barrier}, {@code gather} or {@code broadcast}. */
  public String collective() {
    return collective;
  }

  public List<Integer> missing() {
    return missing;
  }

  public Duration within() {
    return within;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0
        ? d.toSeconds() + " s"
        : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
