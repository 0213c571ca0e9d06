package dev.wall.player.wire;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Layout;
import dev.wall.player.plan.DisplaySettings;
import dev.wall.player.plan.ShowPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the controller asks every rank to do, as the rank's command line: the show's plan, once, as
 * one word ({@code --plan WORD}), and {@code --warm-up} for a rank that only loads what a rank
 * loads. Written by {@link #args} on the controller, read back by {@link #parse} in the rank. A
 * plain parser, not picocli: the rank is started four or more times on a small machine, and
 * picocli's start-up alone costs a rank about 0.4 s.
 *
 * @param plan the show, with every override applied
 * @param warmUp load what a rank loads and exit, without MPI or a player (to record a class
 *     archive)
 */
public record RankLaunch(ShowPlan plan, boolean warmUp) {
  /**
   * mpirun's own command line holds every rank's: past this much plan in all, the word leaves the
   * layout out and the ranks read the layout file instead, applying the plan's loops and media root
   * (Linux allows 2 MB of arguments; a layout is about 400 bytes a screen).
   */
  static final int LAYOUT_DATA_BUDGET = 256 * 1024;

  static final String PLAN = "--plan";
  static final String WARM_UP = "--warm-up";

  /** Reads a layout file the way the controller did: for a plan that left its layout out. */
  @FunctionalInterface
  public interface LayoutSource {
    Layout read(Path file) throws InvalidLayoutException, IOException;

    /**
     * {@code layout} with its screens on the clips prepared in {@code dir}, as the controller found
     * them (its manifest): for a plan that left its layout out and plays prepared clips.
     */
    default Layout prepared(Layout layout, Path dir) throws IOException {
      throw new IOException("prepared clips in " + dir + " cannot be read here");
    }

    /**
     * {@code layout} with its screens on each node's cached copies, as the publish record {@code
     * record} names them: for a plan that left its layout out and plays from the caches.
     */
    default Layout published(Layout layout, Path record) throws IOException {
      throw new IOException("the publish record " + record + " cannot be read here");
    }
  }

  /**
   * The plan as it travels: the layout itself, or null when the ranks read {@code layoutFile} and
   * apply {@code loops} and {@code mediaRoot}; paths as text, display settings as NAME=VALUE.
   */
  record Word(
      String layoutFile,
      Layout layout,
      int loops,
      String mediaRoot,
      String runDir,
      List<String> display,
      boolean debug,
      String snapshot,
      String prepared,
      String published) {}

  /** The rank's arguments, for a job of {@code ranks} ranks that all get them. */
  public List<String> args(int ranks) {
    List<String> args = new ArrayList<>(List.of(PLAN, word(true)));
    if ((long) args.get(1).length() * ranks > LAYOUT_DATA_BUDGET) {
      args.set(1, word(false));
    }
    if (warmUp) {
      args.add(WARM_UP);
    }
    return args;
  }

  /** The rank's arguments, for one rank per screen. */
  public List<String> args() {
    return args(plan.layout().screens().size());
  }

  private String word(boolean withLayout) {
    List<String> display = new ArrayList<>();
    plan.display().variables().forEach((name, value) -> display.add(name + "=" + value));
    Layout layout = plan.layout();
    return LayoutWire.encode(
        Word.class,
        new Word(
            plan.layoutFile().toAbsolutePath().toString(),
            withLayout ? layout : null,
            layout.loops(),
            layout.mediaRoot(),
            plan.runDir().toString(),
            display,
            plan.debug(),
            plan.snapshot() == null ? null : plan.snapshot().toString(),
            plan.prepared() == null ? null : plan.prepared().toString(),
            plan.caches() == null ? null : plan.caches().record().toString()));
  }

  /**
   * Reads what {@link #args} wrote; anything else is an {@link IllegalArgumentException}.
   *
   * @param source reads the layout file when the plan left its layout out
   */
  public static RankLaunch parse(LayoutSource source, String... args)
      throws InvalidLayoutException, IOException {
    String word = null;
    boolean warmUp = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(WARM_UP)) {
        warmUp = true;
      } else if (args[i].equals(PLAN) && i + 1 < args.length && word == null) {
        word = args[++i];
      } else {
        throw new IllegalArgumentException(
            "unknown rank option "
                + args[i]
                + " (a rank takes "
                + PLAN
                + " WORD"
                + " and "
                + WARM_UP
                + ")");
      }
    }
    if (word == null) {
      throw new IllegalArgumentException("a rank needs " + PLAN + " WORD");
    }
    Word plan = LayoutWire.decode(Word.class, word);
    DisplaySettings display = DisplaySettings.NONE;
    for (String assignment : plan.display()) {
      display = display.with(assignment);
    }
    Path layoutFile = Path.of(plan.layoutFile());
    Path prepared = plan.prepared() == null ? null : Path.of(plan.prepared());
    Layout layout =
        plan.layout() != null
            ? plan.layout()
            : source.read(layoutFile).withLoops(plan.loops()).withMediaRoot(plan.mediaRoot());
    if (plan.layout() == null && prepared != null) {
      layout = source.prepared(layout, prepared);
    }
    ShowPlan.Caches caches = null;
    if (plan.published() != null) {
      Path record = Path.of(plan.published());
      // A rank reads no clip of the share's itself; the layout as it came stands in for it.
      Layout onShare = layout;
      if (plan.layout() == null) {
        layout = source.published(layout, record);
      }
      caches = new ShowPlan.Caches(record, onShare);
    }
    return new RankLaunch(
        new ShowPlan(
            layoutFile,
            layout,
            Path.of(plan.runDir()),
            display,
            plan.debug(),
            plan.snapshot() == null ? null : Path.of(plan.snapshot()),
            prepared,
            caches),
        warmUp);
  }
}
