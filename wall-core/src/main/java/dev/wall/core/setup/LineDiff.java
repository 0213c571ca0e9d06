package dev.wall.core.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Line diffs: the unified diff {@code --dry-run} prints, and the reverse patch {@code --undo}
 * applies, which takes back setup's own change and keeps every other edit made since.
 */
public final class LineDiff {
  private static final int CONTEXT = 3;

  private LineDiff() {}

  /**
   * One change: {@code before} lines at {@code beforeStart} became {@code after} at {@code
   * afterStart}.
   */
  public record Hunk(int beforeStart, List<String> before, int afterStart, List<String> after) {}

  /**
   * The changes from {@code a} to {@code b}, as runs of differing lines (longest common
   * subsequence).
   */
  public static List<Hunk> hunks(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Hunk> hunks = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        i++;
        j++;
        continue;
      }
      int startI = i;
      int startJ = j;
      while ((i < n || j < m) && !(i < n && j < m && a.get(i).equals(b.get(j)))) {
        if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
          i++;
        } else {
          j++;
        }
      }
      hunks.add(new Hunk(startI, a.subList(startI, i), startJ, b.subList(startJ, j)));
    }
    return hunks;
  }

  /** A unified diff ({@code diff -u} style, 3 lines of context); empty when the texts are equal. */
  public static String unified(String before, String after, String beforeLabel, String afterLabel) {
    List<String> a = Text.lines(before);
    List<String> b = Text.lines(after);
    List<Hunk> hunks = hunks(a, b);
    if (hunks.isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(beforeLabel).append('\n');
    out.append("+++ ").append(afterLabel).append('\n');
    int k = 0;
    while (k < hunks.size()) {
      int last = k;
      while (last + 1 < hunks.size()
          && hunks.get(last + 1).beforeStart() - end(hunks.get(last)) <= 2 * CONTEXT) {
        last++;
      }
      appendGroup(out, a, b, hunks.subList(k, last + 1));
      k = last + 1;
    }
    return out.toString();
  }

  private static int end(Hunk h) {
    return h.beforeStart() + h.before().size();
  }

  private static void appendGroup(
      StringBuilder out, List<String> a, List<String> b, List<Hunk> group) {
    Hunk first = group.get(0);
    Hunk last = group.get(group.size() - 1);
    int lead = Math.min(CONTEXT, first.beforeStart());
    int trail = Math.min(CONTEXT, a.size() - end(last));
    int aStart = first.beforeStart() - lead;
    int bStart = first.afterStart() - lead;
    int aLen = end(last) + trail - aStart;
    int bLen = last.afterStart() + last.after().size() + trail - bStart;
    out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen));
    out.append(" @@\n");
    int pos = aStart;
    for (Hunk h : group) {
      for (; pos < h.beforeStart(); pos++) {
        line(out, ' ', a.get(pos));
      }
      h.before().forEach(l -> line(out, '-', l));
      h.after().forEach(l -> line(out, '+', l));
      pos = end(h);
    }
    for (; pos < end(last) + trail; pos++) {
      line(out, ' ', a.get(pos));
    }
  }

  private static String range(int start, int length) {
    int shown = length == 0 ? start : start + 1;
    return length == 1 ? String.valueOf(shown) : shown + "," + length;
  }

  private static void line(StringBuilder out, char mark, String line) {
    out.append(mark).append(Text.strip(line)).append('\n');
    if (!line.endsWith("\n")) {
      out.append("\\ No newline at end of file\n");
    }
  }

  /**
   * Takes the change {@code original -> changed} back out of {@code current}, which may hold other
   * edits made since. Each changed run is found in {@code current} by its content and surrounding
   * lines; empty when some run cannot be found unambiguously.
   */
  public static Optional<String> reverse(String original, String changed, String current) {
    if (current.equals(changed)) {
      return Optional.of(original);
    }
    List<String> a = Text.lines(original);
    List<String> b = Text.lines(changed);
    List<String> c = new ArrayList<>(Text.lines(current));
    List<Hunk> hunks = coalesce(a, b, hunks(a, b));
    for (int k = hunks.size() - 1; k >= 0; k--) {
      Hunk h = hunks.get(k);
      int lead = Math.min(CONTEXT, h.afterStart());
      int trail = Math.min(CONTEXT, b.size() - h.afterStart() - h.after().size());
      List<String> window =
          b.subList(h.afterStart() - lead, h.afterStart() + h.after().size() + trail);
      int at = uniqueMatch(c, window, h.afterStart() - lead);
      if (at < 0) {
        return Optional.empty();
      }
      List<String> region = c.subList(at + lead, at + lead + h.after().size());
      region.clear();
      region.addAll(h.before());
    }
    return Optional.of(String.join("", c));
  }

  /**
   * Joins changes whose context windows overlap, so that reverting one never breaks the next's
   * context.
   */
  private static List<Hunk> coalesce(List<String> a, List<String> b, List<Hunk> hunks) {
    List<Hunk> joined = new ArrayList<>();
    for (Hunk h : hunks) {
      if (!joined.isEmpty()) {
        Hunk prev = joined.get(joined.size() - 1);
        int prevAfterEnd = prev.afterStart() + prev.after().size();
        if (h.afterStart() - prevAfterEnd <= 2 * CONTEXT) {
          joined.set(
              joined.size() - 1,
              new Hunk(
                  prev.beforeStart(),
                  a.subList(prev.beforeStart(), end(h)),
                  prev.afterStart(),
                  b.subList(prev.afterStart(), h.afterStart() + h.after().size())));
          continue;
        }
      }
      joined.add(h);
    }
    return joined;
  }

  private static int uniqueMatch(List<String> lines, List<String> window, int expected) {
    int found = -1;
    int bestDistance = Integer.MAX_VALUE;
    boolean tie = false;
    for (int at = 0; at + window.size() <= lines.size(); at++) {
      if (lines.subList(at, at + window.size()).equals(window)) {
        int distance = Math.abs(at - expected);
        tie = distance == bestDistance;
        if (distance < bestDistance) {
          bestDistance = distance;
          found = at;
          tie = false;
        }
      }
    }
    return tie ? -1 : found;
  }
}
