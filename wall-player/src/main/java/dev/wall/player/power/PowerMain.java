package dev.wall.player.power;

import dev.wall.player.wire.PowerOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs on a node, under mpirun, between two runs of the wall: turns one display off or on and says
 * how in one line. Not an MPI program: it never calls MPI_Init. Exit 0 when it answered (even when
 * only none worked: the screen is black either way), 2 for arguments it could not read.
 */
public final class PowerMain {
  private PowerMain() {}

  public static void main(String[] args) {
    PowerOrder order;
    try {
      order = PowerOrder.parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.out.println("wall power: " + e.getMessage());
      System.exit(2);
      return;
    }
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putAll(order.display().variables());
    PowerSwitch.Result result =
        PowerSwitch.here(environment)
            .set(
                order.on(), order.kind(), PowerEnvironment.here(order.output(), null, environment));
    System.out.println(order.resultLine(result.describe()));
    System.out.flush();
  }
}
