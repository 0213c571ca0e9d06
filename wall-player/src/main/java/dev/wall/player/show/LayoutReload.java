package dev.wall.player.show;

import dev.wall.core.layout.InvalidLayoutException;
import dev.wall.core.layout.Problem;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.launch.WallController;
import dev.wall.player.plan.LiveChange;
import dev.wall.player.plan.ShowPlan;
import dev.wall.player.status.StatusBoard;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.LayoutWire;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running wall takes a changed layout file at its next loop seam: on show control's {@code
 * reload}, or when the file changes (a write, or a file renamed onto it, as {@code wall assign},
 * {@code wall loops} and editors save). The file is read and checked here as at a start; what a
 * running wall cannot take ({@link LiveChange}) is refused, naming it; rank 0 then has every rank
 * check its new clips, and every screen switches at the same seam, or none does. Whatever is
 * refused, the show plays on as it was, and {@code wall status} says why until the file changes
 * again.
 *
 * <p>A wall that plays clips prepared for its screens first prepares the changed ones as {@code
 * wall media prepare} would ({@link ShowPlan.Source#prepare}), on a thread of its own and within
 * {@link #PREPARE_WITHIN}; a clip that fails to encode is named in {@code wall status} and the show
 * plays on. A wall that plays from the nodes' caches then publishes the changed clips to their
 * nodes, verified there ({@link ShowPlan.Source#publish}), on a thread of its own and within {@link
 * #PUBLISH_WITHIN}: the command that asked is answered at once, the show plays on meanwhile, and
 * the switch goes out only once every node holds its files. A change that comes while a publish
 * runs is read once it ends.
 */
final class LayoutReload implements AutoCloseable {
  /** A save is often several writes: the file is read once it has been still this long. */
  private static final Duration SETTLE = Duration.ofMillis(300);

  /** The most a reload's publish may take before the reload is given up (the show plays on). */
  static final Duration PUBLISH_WITHIN = Duration.ofMinutes(15);

  /**
   * The most a reload's preparation may take (its encodes are then stopped, and the show plays on):
   * an hour of encodes, one per core, is more than a wall's new content of a few minutes needs.
   */
  static final Duration PREPARE_WITHIN = Duration.ofMinutes(60);

  private final ShowPlan.Source source;
  private final WallController controller;
  private final StatusBoard board;
  private final Path file;
  private final Duration within;
  private ShowPlan running;
  private WatchService watch;
  private Thread watcher;
  private volatile PrintWriter out;

  /** A reload's publish runs; {@link #again}: the file changed meanwhile. */
  private boolean publishing;

  private boolean again;

  /**
   * @param source the layout file read again with this run's overrides, or null for a wall that has
   *     no file to read again (the demo)
   * @param within how long rank 0 may take to answer
   */
  LayoutReload(
      ShowPlan.Source source,
      ShowPlan running,
      WallController controller,
      StatusBoard board,
      Duration within) {
    this.source = source;
    this.running = running;
    this.controller = controller;
    this.board = board;
    this.file = running.layoutFile();
    this.within = within;
  }

  /** Reads the file again and has every screen switch to it at the next seam, or refuses. */
  synchronized CommandOutcome reload(ControlCommand command) {
    if (source == null) {
      return CommandOutcome.refused(command, "this wall has no layout file to read again");
    }
    if (publishing) {
      again = true;
      return CommandOutcome.applied(
          command,
          "after the preparation or publish under way: " + file + " is read again once it ends");
    }
    ShowPlan next;
    List<Problem> uneven;
    try {
      next = source.read();
      // As at a start: a playlist's items as long on every screen (or unevenItems: hold).
      uneven =
          dev.wall.player.launch.ItemLengths.check(
              file.toString(), next.layoutOnShare(), next.runDir().resolve("probes"));
    } catch (InvalidLayoutException e) {
      List<Problem> problems = e.problems();
      return refused(
          command,
          problems.get(0).line()
              + (problems.size() > 1
                  ? " (and " + (problems.size() - 1) + " more: wall validate " + file + ")"
                  : ""));
    } catch (IOException | RuntimeException e) {
      return refused(command, file + " could not be read: " + e.getMessage());
    }
    if (!uneven.isEmpty()) {
      return refused(command, uneven.get(0).line());
    }
    List<String> notLive = LiveChange.notLive(running.layout(), next.layout());
    if (!notLive.isEmpty()) {
      return refused(
          command,
          file
              + " changes "
              + String.join(", ", notLive)
              + ", which a playing wall cannot take: restart wall play (or its service) to play it");
    }
    boolean prepare = source.needsPrepare(running, next);
    if (prepare || (controller.playing() && source.needsPublish(running, next))) {
      return readyThenSwitch(command, next, prepare);
    }
    if (next.layout().equals(running.layout())) {
      board.layoutNotice(null);
      return CommandOutcome.applied(command, "nothing that plays changed in " + file);
    }
    if (!controller.playing()) {
      // Closed by the schedule, or between two jobs: the next start plays it.
      adopt(next);
      return CommandOutcome.applied(
          command, "no job plays now; the next start plays " + file + " as it is now");
    }
    CommandOutcome outcome = controller.submit(command, LayoutWire.encode(next.layout()), within);
    if (!outcome.applied()) {
      board.layoutNotice(notice(outcome.message()));
      return outcome;
    }
    adopt(next);
    return outcome;
  }

  /**
   * Prepares and publishes {@code next}'s clips, as it needs, on a thread of its own, then has
   * every screen switch to it; the command is answered now.
   */
  private CommandOutcome readyThenSwitch(ControlCommand command, ShowPlan next, boolean prepare) {
    publishing = true;
    ShowPlan playing = running;
    board.layoutNotice(
        "layout "
            + file
            + " changed: its new clips are being "
            + (prepare ? "prepared for their screens" : "published to the nodes")
            + "; the show plays on as it was until "
            + (prepare ? "they are ready" : "every node holds them, verified"));
    Thread worker =
        new Thread(
            () -> {
              CommandOutcome outcome = switchOnceReady(command, playing, next, prepare);
              say(outcome);
              boolean readAgain;
              synchronized (this) {
                publishing = false;
                readAgain = again;
                again = false;
              }
              if (readAgain) {
                say(reload(new ControlCommand.Reload()));
              }
            },
            "layout-publish");
    worker.setDaemon(true);
    worker.start();
    return CommandOutcome.applied(
        command,
        (prepare ? "after preparing: " : "after a publish: ")
            + file
            + "'s changed clips are "
            + (prepare
                ? "prepared for their screens (and published, where the wall plays from"
                    + " the nodes' caches) first"
                : "sent to their nodes first")
            + ", and every screen switches at a loop seam once they are ready, verified (wall"
            + " status says how it goes)");
  }

  /** A slow step of a reload, off the control thread. */
  @FunctionalInterface
  private interface Step {
    ShowPlan run() throws Exception;
  }

  /** Why a step did not give its plan: the reload's refusal, already said. */
  private static final class StepFailed extends Exception {
    final transient CommandOutcome outcome;

    StepFailed(CommandOutcome outcome) {
      super(outcome.message(), null, false, false);
      this.outcome = outcome;
    }
  }

  /**
   * Runs {@code step} on a thread of its own, {@code within} at most (then it is interrupted: an
   * encode is stopped), and gives its plan.
   */
  private ShowPlan within(
      ControlCommand command, String name, Duration within, String timedOut, Step step)
      throws StepFailed {
    java.util.concurrent.CompletableFuture<ShowPlan> done =
        new java.util.concurrent.CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                done.complete(step.run());
              } catch (Exception | Error e) {
                done.completeExceptionally(e);
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
    try {
      return done.get(within.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      thread.interrupt();
      throw new StepFailed(refusedLater(command, timedOut));
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      throw new StepFailed(
          refusedLater(
              command,
              cause instanceof InvalidLayoutException invalid
                  ? invalid.problems().get(0).line()
                  : String.valueOf(cause.getMessage())));
    } catch (InterruptedException e) {
      thread.interrupt();
      Thread.currentThread().interrupt();
      throw new StepFailed(
          refusedLater(command, "the wall stopped while its new clips were made ready"));
    }
  }

  private CommandOutcome switchOnceReady(
      ControlCommand command, ShowPlan playing, ShowPlan next, boolean prepare) {
    ShowPlan ready = next;
    try {
      if (prepare) {
        ready =
            within(
                command,
                "layout-prepare-files",
                PREPARE_WITHIN,
                "preparing its new clips did not end within "
                    + PREPARE_WITHIN.toMinutes()
                    + " min; run wall media prepare "
                    + file
                    + " to see why, then wall ctl reload",
                () ->
                    source.prepare(
                        playing,
                        next,
                        progress ->
                            board.layoutNotice(
                                "layout "
                                    + file
                                    + " changed: its new clips are being prepared for their"
                                    + " screens ("
                                    + progress
                                    + "); the show plays on as it was until they are ready")));
      }
      if (controller.playing() && source.needsPublish(playing, ready)) {
        ShowPlan prepared = ready;
        board.layoutNotice(
            "layout "
                + file
                + " changed: its new clips are being published to the nodes; the show plays on"
                + " as it was until every node holds them, verified");
        ready =
            within(
                command,
                "layout-publish-files",
                PUBLISH_WITHIN,
                "publishing its new clips did not end within "
                    + PUBLISH_WITHIN.toSeconds()
                    + " s; check the nodes with wall doctor, run wall publish "
                    + file
                    + ", then wall ctl reload",
                () -> source.publish(playing, prepared));
      }
    } catch (StepFailed failed) {
      return failed.outcome;
    }
    ShowPlan published = ready;
    synchronized (this) {
      List<String> notLive = LiveChange.notLive(running.layout(), published.layout());
      if (!notLive.isEmpty()) {
        return refused(
            command, file + " changes " + String.join(", ", notLive) + " since it was read");
      }
      if (published.layout().equals(running.layout())) {
        board.layoutNotice(null);
        return CommandOutcome.applied(command, "nothing that plays changed in " + file);
      }
      if (!controller.playing()) {
        adopt(published);
        return CommandOutcome.applied(
            command, "no job plays now; the next start plays " + file + " as it is now");
      }
      CommandOutcome outcome =
          controller.submit(command, LayoutWire.encode(published.layout()), within);
      if (!outcome.applied()) {
        board.layoutNotice(notice(outcome.message()));
        return outcome;
      }
      adopt(published);
      return outcome;
    }
  }

  private synchronized CommandOutcome refusedLater(ControlCommand command, String why) {
    return refused(command, why);
  }

  /** The outcome of a reload no command waits for, on the wall's output. */
  private void say(CommandOutcome outcome) {
    PrintWriter to = out;
    if (to == null) {
      return;
    }
    synchronized (to) {
      to.println(
          "wall: " + file + ": " + (outcome.applied() ? "" : "not taken: ") + outcome.message());
      to.flush();
    }
  }

  private void adopt(ShowPlan next) {
    running = next;
    controller.adopt(next);
    board.layoutNotice(null);
  }

  private CommandOutcome refused(ControlCommand command, String why) {
    board.layoutNotice(notice(why));
    return CommandOutcome.refused(command, why + "; the show plays on as it was");
  }

  private String notice(String why) {
    return "layout " + file + " not taken: " + why + "; the show plays on as it was";
  }

  /**
   * Watches the layout file from now on, on a thread of its own, and reloads after each change,
   * saying how it went on {@code out}. A folder that cannot be watched is said once; the wall plays
   * on, and {@code wall ctl reload} still works.
   */
  void watch(PrintWriter out) {
    this.out = out;
    if (source == null) {
      return;
    }
    Path dir = file.toAbsolutePath().getParent();
    String name = file.getFileName().toString();
    try {
      watch = dir.getFileSystem().newWatchService();
      dir.register(
          watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException | RuntimeException e) {
      synchronized (out) {
        out.println(
            "wall: changes to "
                + file
                + " are not watched ("
                + e.getMessage()
                + "); after a change, run wall ctl reload");
        out.flush();
      }
      close();
      return;
    }
    watcher =
        new Thread(
            () -> {
              try {
                while (true) {
                  if (!concerns(watch.take(), name)) {
                    continue;
                  }
                  // The file still for SETTLE: a save of several writes is read once, whole.
                  // Other files of the folder (a share's busy media folder) do not hold it up.
                  long settled = System.nanoTime() + SETTLE.toNanos();
                  for (long left = SETTLE.toNanos(); left > 0; left = settled - System.nanoTime()) {
                    WatchKey more = watch.poll(left, TimeUnit.NANOSECONDS);
                    if (more == null) {
                      break;
                    }
                    if (concerns(more, name)) {
                      settled = System.nanoTime() + SETTLE.toNanos();
                    }
                  }
                  CommandOutcome outcome = reload(new ControlCommand.Reload());
                  synchronized (out) {
                    out.println(
                        "wall: "
                            + file
                            + " changed: "
                            + (outcome.applied() ? "" : "not taken: ")
                            + outcome.message());
                    out.flush();
                  }
                }
              } catch (InterruptedException | ClosedWatchServiceException e) {
                // The wall stops.
              }
            },
            "layout-watch");
    watcher.setDaemon(true);
    watcher.start();
  }

  /** Whether {@code key}'s events name the file {@code name}; the key is ready again after. */
  private static boolean concerns(WatchKey key, String name) {
    boolean ours = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      ours |= event.context() != null && event.context().toString().equals(name);
    }
    key.reset();
    return ours;
  }

  @Override
  public void close() {
    if (watch != null) {
      try {
        watch.close();
      } catch (IOException e) {
        // Closing for good; nothing to tell.
      }
    }
  }
}
