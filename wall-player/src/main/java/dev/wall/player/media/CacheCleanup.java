package dev.wall.player.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which files of a node's cache go, to bring it under its size limit: the least recently used of
 * the files this layout does not need and no running wall plays, oldest first, until the rest fit.
 * Only what the wall itself put there is ever chosen: regular files named as content ({@code
 * <sha256>.<ext>}), and transfers left half done more than {@link #STALE_INCOMING_SECONDS} ago. A
 * link, a folder or a file of any other name is left alone and not counted.
 */
public final class CacheCleanup {
  /** A transfer's temporary file, before it is verified and renamed into place. */
  public static final Pattern INCOMING =
      Pattern.compile("\\.incoming-[0-9a-f]{64}\\.[a-z0-9]{1,5}");

  /** An older temporary file belongs to a publish that ended without finishing it. */
  static final long STALE_INCOMING_SECONDS = 24 * 3600;

  private CacheCleanup() {}

  /**
   * One entry of the cache folder, as the node lists it.
   *
   * @param type {@code f} a regular file, {@code l} a link, {@code d} a folder (find's %y)
   * @param usedSeconds its modification time, which publish sets on every file it verifies
   */
  public record Entry(String name, char type, long size, long usedSeconds) {}

  /**
   * The choice.
   *
   * @param remove names to delete, in that order
   * @param keptBytes what the wall's files take once they are gone
   * @param neededBytes what this layout's own files take (more than the limit: they stay anyway)
   */
  public record Choice(List<String> remove, long keptBytes, long neededBytes) {
    public Choice {
      remove = List.copyOf(remove);
    }
  }

  public static Choice choose(List<Entry> entries, Set<String> needed, long limitBytes, long now) {
    return choose(entries, needed, Set.of(), limitBytes, now);
  }

  /**
   * @param playing names a running wall plays from this cache now: never removed, as {@code
   *     needed}, but not counted as this layout's own
   */
  public static Choice choose(
      List<Entry> entries, Set<String> needed, Set<String> playing, long limitBytes, long now) {
    List<String> remove = new ArrayList<>();
    List<Entry> candidates = new ArrayList<>();
    long total = 0;
    long neededBytes = 0;
    for (Entry e : entries) {
      if (e.type() != 'f') {
        continue;
      }
      if (INCOMING.matcher(e.name()).matches()) {
        if (now - e.usedSeconds() > STALE_INCOMING_SECONDS) {
          remove.add(e.name());
        } else {
          total += e.size();
        }
        continue;
      }
      if (!PublishPlan.CACHE_NAME.matcher(e.name()).matches()) {
        continue;
      }
      total += e.size();
      if (needed.contains(e.name())) {
        neededBytes += e.size();
      } else if (!playing.contains(e.name())) {
        candidates.add(e);
      }
    }
    candidates.sort(Comparator.comparingLong(Entry::usedSeconds).thenComparing(Entry::name));
    for (Entry e : candidates) {
      if (total <= limitBytes) {
        break;
      }
      remove.add(e.name());
      total -= e.size();
    }
    return new Choice(remove, total, neededBytes);
  }
}
