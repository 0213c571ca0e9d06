package dev.wall.core.layout;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt field names and values: the closest known word, if close enough. */
public final class Suggestions {
  private Suggestions() {}

  public static Optional<String> closest(String typed, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String typedSquashed = squashed(typed);
    String typedLower = typed.toLowerCase(Locale.ROOT);
    int allowed = allowedDistance(typed);
    for (String candidate : known) {
      if (squashed(candidate).equals(typedSquashed)) {
        return Optional.of(candidate);
      }
      // The distance is at least the difference in length: a word much longer or shorter than
      // every known one is no typo, and is not compared letter by letter.
      if (Math.abs(typed.length() - candidate.length()) > allowed) {
        continue;
      }
      int distance = distance(typedLower, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= allowed ? Optional.ofNullable(best) : Optional.empty();
  }

  /** Short words must be nearly right to count as a typo; longer ones may be further off. */
  private static int allowedDistance(String typed) {
    if (typed.length() <= 2) {
      return 0;
    }
    return typed.length() <= 4 ? 1 : 2;
  }

  /** Case, '-' and '_' ignored: {@code media_root} and {@code MediaRoot} are {@code mediaRoot}. */
  private static String squashed(String s) {
    return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
  }

  /** Edit distance counting a swap of two neighbours as one edit ("widht" is 1 from "width"). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
