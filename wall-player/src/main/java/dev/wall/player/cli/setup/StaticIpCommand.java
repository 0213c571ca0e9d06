package dev.wall.player.cli.setup;

import dev.wall.player.cli.CommonOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wall setup static-ip}. */
@Command(name = "static-ip", description = "This node's static address: dhcpcd.conf (Buster, Bullseye) or a NetworkManager keyfile (Bookworm).")
public final class StaticIpCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Mixin SetupOptions setup;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return new SetupSession(setup, null, spec.commandLine().getOut())
        .run(node -> List.of(new dev.wall.core.setup.modules.StaticIpModule()), false);
  }
}
