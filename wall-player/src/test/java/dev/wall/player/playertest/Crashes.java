package dev.wall.player.playertest;

import dev.wall.player.players.Player;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Kills a prepared player's process from outside, as a crash would, and takes its report. */
public final class Crashes {
  private Crashes() {}

  /**
   * Kills process {@code pid} (the player's) and returns what {@code player} reported of it; fails
   * unless the report comes within one second.
   */
  public static String killAndAwaitReport(Player player, long pid, String label) throws Exception {
    CompletableFuture<String> report = new CompletableFuture<>();
    player.onUnexpectedExit(report::complete);
    long killed = System.nanoTime();
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    String message = report.get(1, TimeUnit.SECONDS);
    System.out.printf(
        "%s crash reported after %.0f ms: %s%n",
        label, (System.nanoTime() - killed) / 1e6, message);
    return message;
  }
}
