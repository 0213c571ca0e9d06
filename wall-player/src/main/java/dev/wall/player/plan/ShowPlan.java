package dev.wall.player.plan;

import dev.wall.core.layout.Layout;
import java.nio.file.Path;

/**
 * One run of a show, resolved once by the CLI: the layout with every override of this run applied
 * (loops, media root), where its players draw, how much they log, and each node's run folder. The
 * controller launches it, and every rank receives it, whole, as its only input ({@code
 * wire/RankLaunch}); nothing downstream applies an override again.
 *
 * @param layoutFile the layout file as it was named; at the same path on every node (normally the
 *     NFS share)
 * @param layout the layout as validated, with this run's loops and media root
 * @param runDir each node's folder for the hostfile, status, sockets and player logs (absolute)
 * @param display the display settings every rank's player gets
 * @param debug verbose player logs and control transcripts
 * @param snapshot rank 0 saves a picture of its display here after the last loop, or null
 * @param prepared the folder of the prepared clips the layout plays instead of its sources ({@code
 *     wall media prepare}), or null: a rank that reads the layout file maps its screens to them
 * @param caches where {@code layout} plays each node's cached copies of its clips ({@code wall
 *     publish}): the record they follow and the layout on the share's files; null when it plays the
 *     share's files
 */
public record ShowPlan(
    Path layoutFile,
    Layout layout,
    Path runDir,
    DisplaySettings display,
    boolean debug,
    Path snapshot,
    Path prepared,
    Caches caches) {

  /**
   * A show that plays from each node's cache.
   *
   * @param record the publish record whose copies {@code layout} names; a rank that reads the
   *     layout file maps its screens to them
   * @param onShare the same show on the share's files: what the controller reads (it holds the
   *     share, not the nodes' caches)
   */
  public record Caches(Path record, Layout onShare) {}

  public ShowPlan(
      Path layoutFile,
      Layout layout,
      Path runDir,
      DisplaySettings display,
      boolean debug,
      Path snapshot,
      Path prepared) {
    this(layoutFile, layout, runDir, display, debug, snapshot, prepared, null);
  }

  public ShowPlan(
      Path layoutFile,
      Layout layout,
      Path runDir,
      DisplaySettings display,
      boolean debug,
      Path snapshot) {
    this(layoutFile, layout, runDir, display, debug, snapshot, null, null);
  }

  public ShowPlan {
    runDir = runDir.toAbsolutePath().normalize();
    display = display == null ? DisplaySettings.NONE : display;
    snapshot = snapshot == null ? null : snapshot.toAbsolutePath();
  }

  /**
   * The plan for {@code read}, the layout as the file has it, with this run's overrides.
   *
   * @param loops loops to play this run (0: forever), or null for the layout's
   * @param mediaRoot where the clips are on every node, or null for the layout's
   */
  public static ShowPlan resolve(
      Path layoutFile,
      Layout read,
      Integer loops,
      Path mediaRoot,
      Path runDir,
      DisplaySettings display,
      boolean debug,
      Path snapshot) {
    Layout layout = loops == null ? read : read.withLoops(loops);
    layout =
        mediaRoot == null ? layout : layout.withMediaRoot(mediaRoot.toAbsolutePath().toString());
    return new ShowPlan(layoutFile, layout, runDir, display, debug, snapshot);
  }

  /**
   * Reads the show's layout file again, with this run's overrides, as the command line first did:
   * what a running wall takes at its next seam (show control's {@code reload}).
   */
  @FunctionalInterface
  public interface Source {
    ShowPlan read() throws dev.wall.core.layout.InvalidLayoutException, java.io.IOException;

    /**
     * Whether {@code next}, read while {@code running} plays from the nodes' caches, needs its
     * clips published before it can play from them too.
     */
    default boolean needsPublish(ShowPlan running, ShowPlan next) {
      return false;
    }

    /**
     * Whether {@code next}, read while {@code running} plays clips prepared for its screens, has
     * clips to prepare first: its prepared clips no longer hold for it (a clip changed).
     */
    default boolean needsPrepare(ShowPlan running, ShowPlan next) {
      return false;
    }

    /**
     * Prepares {@code next}'s clips as {@code wall media prepare} would, into the folder {@code
     * running} plays its prepared clips from (what did not change is kept), and reads the file
     * again: the plan on its prepared clips. Slow (every changed clip is encoded): never on a
     * thread that answers the wall's control.
     *
     * @param progress told how it goes, in a few words at a time
     * @throws java.io.IOException when a clip could not be prepared: the message names the screen,
     *     its node, what failed and what to do
     */
    default ShowPlan prepare(
        ShowPlan running, ShowPlan next, java.util.function.Consumer<String> progress)
        throws dev.wall.core.layout.InvalidLayoutException,
            java.io.IOException,
            InterruptedException {
      return next;
    }

    /**
     * Puts {@code next}'s clips on the nodes, verified there, and reads the file again: the plan to
     * switch to, playing from the nodes' caches. Slow (files travel): never on a thread that
     * answers the wall's control.
     *
     * @throws java.io.IOException when a node does not hold its files afterwards: the message names
     *     each screen, node and why
     */
    default ShowPlan publish(ShowPlan running, ShowPlan next)
        throws dev.wall.core.layout.InvalidLayoutException, java.io.IOException {
      return next;
    }
  }

  /** Loops to play; 0 is forever. */
  public int loops() {
    return layout.loops();
  }

  public boolean forever() {
    return layout.loopsForever();
  }

  /**
   * The show on the files the controller can read, the share's: {@link #layout} unless it plays
   * from the nodes' caches. What the controller's own checks of the clips (ffprobe) read.
   */
  public Layout layoutOnShare() {
    return caches == null ? layout : caches.onShare();
  }

  /** Where every rank keeps its player's socket and logs. */
  public Path screensDir() {
    return screensDir(runDir);
  }

  /** Where every rank keeps its player's socket and logs, in the run folder {@code runDir}. */
  public static Path screensDir(Path runDir) {
    return runDir.resolve("screens");
  }

  /** The same show with another run folder (a node where the named one cannot be used). */
  public ShowPlan withRunDir(Path dir) {
    return new ShowPlan(layoutFile, layout, dir, display, debug, snapshot, prepared, caches);
  }

  /**
   * The same show, saying that its layout plays the clips prepared in {@code dir} (a rank that
   * reads the layout file maps its screens to them as the layout here is).
   */
  public ShowPlan withPrepared(Path dir) {
    return new ShowPlan(
        layoutFile, layout, runDir, display, debug, snapshot, dir.toAbsolutePath(), caches);
  }

  /**
   * The same show playing {@code cached}, its layout on each node's cached copies as the publish
   * record {@code record} names them; this plan's layout stays what the controller reads.
   */
  public ShowPlan withCaches(Path record, Layout cached) {
    return new ShowPlan(
        layoutFile,
        cached,
        runDir,
        display,
        debug,
        snapshot,
        prepared,
        new Caches(record.toAbsolutePath(), layoutOnShare()));
  }
}
