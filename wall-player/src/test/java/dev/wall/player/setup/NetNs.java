package dev.wall.player.setup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A network namespace the test owns: only its own loopback, no default route, so nothing in it can
 * reach any other machine. Addresses from the layout live on that loopback. Deleted on close.
 */
final class NetNs implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();
  final String name;

  private NetNs(String name) {
    this.name = name;
  }

  static NetNs create(String... addresses) throws IOException, InterruptedException {
    NetNs ns = new NetNs("wall-it-" + ProcessHandle.current().pid() + "-" + COUNT.incrementAndGet());
    check(Cmd.run(List.of("ip", "netns", "add", ns.name)));
    try {
      check(Cmd.run(ns.exec("ip", "link", "set", "lo", "up")));
      for (String address : addresses) {
        check(Cmd.run(ns.exec("ip", "addr", "add", address + "/32", "dev", "lo")));
      }
      String routes = Cmd.run(ns.exec("ip", "route", "show", "default")).out();
      if (!routes.isBlank()) {
        throw new IllegalStateException("namespace has a default route: " + routes);
      }
    } catch (IOException | RuntimeException e) {
      ns.close();
      throw e;
    }
    return ns;
  }

  List<String> exec(String... argv) {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
    all.addAll(List.of(argv));
    return all;
  }

  List<String> exec(List<String> argv) {
    return exec(argv.toArray(String[]::new));
  }

  private static void check(Cmd.Result result) {
    if (result.code() != 0) {
      throw new IllegalStateException("ip failed: " + result.stderr());
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    Cmd.run(List.of("ip", "netns", "del", name));
  }
}
