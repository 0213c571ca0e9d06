package dev.wall.player.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stops every live child when the JVM shuts down (Ctrl-C, SIGTERM, normal exit), so no player or
 * mpirun outlives us. One shutdown hook for the whole process, registered on first use.
 */
public final class ProcessDestroyer {
  private static final Duration GRACE = Duration.ofMillis(1500);
  private static final ProcessDestroyer INSTANCE = new ProcessDestroyer();

  private final Set<ChildProcess> children = ConcurrentHashMap.newKeySet();
  private volatile boolean hooked;
  private volatile boolean shuttingDown;
  private final List<Runnable> afterStop = new java.util.concurrent.CopyOnWriteArrayList<>();

  private ProcessDestroyer() {}

  public static ProcessDestroyer instance() {
    return INSTANCE;
  }

  /**
   * Starts {@code builder}'s process and keeps it, as {@code wrap} makes it; refuses once this JVM
   * is shutting down, for a child started after the hook stopped the others would outlive us.
   */
  synchronized ChildProcess start(
      ProcessBuilder builder, java.util.function.Function<Process, ChildProcess> wrap)
      throws java.io.IOException {
    hookOnce();
    if (shuttingDown) {
      throw new java.io.IOException(
          "not starting " + builder.command().get(0) + ": wall is stopping");
    }
    ChildProcess child = wrap.apply(builder.start());
    children.add(child);
    return child;
  }

  void remove(ChildProcess child) {
    children.remove(child);
  }

  /**
   * Runs {@code action} in the shutdown hook once the children it found are stopped: the only place
   * a signal-stopped command can still say so, since its main thread may never resume.
   */
  public void afterStoppingOnShutdown(Runnable action) {
    hookOnce();
    afterStop.add(action);
  }

  /**
   * True once the JVM is shutting down (Ctrl-C, SIGTERM): children ending now were stopped by us.
   */
  public boolean shuttingDown() {
    return shuttingDown;
  }

  public int liveCount() {
    return children.size();
  }

  private synchronized void hookOnce() {
    if (!hooked) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    synchronized (this) {
                      shuttingDown = true;
                    }
                    boolean hadChildren = !children.isEmpty();
                    stopAll();
                    if (hadChildren) {
                      afterStop.forEach(Runnable::run);
                    }
                  },
                  "wall-process-destroyer"));
      hooked = true;
    }
  }

  /** Stops all children in parallel, so the total wait is one grace period, not one per child. */
  public void stopAll() {
    List<Thread> stoppers = new ArrayList<>();
    for (ChildProcess child : List.copyOf(children)) {
      Thread stopper = new Thread(() -> child.stop(GRACE), "stop-" + child.label());
      stopper.start();
      stoppers.add(stopper);
    }
    for (Thread stopper : stoppers) {
      try {
        stopper.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
