package dev.wall.player.cli.setup;

import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.modules.AutostartModule;
import dev.wall.core.setup.modules.BlankingModule;
import dev.wall.core.setup.modules.HostsModule;
import dev.wall.core.setup.modules.NfsClientModule;
import dev.wall.core.setup.modules.NfsServerModule;
import dev.wall.core.setup.modules.RadiosModule;
import dev.wall.core.setup.modules.StaticIpModule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Every {@code wall setup} module, one line each, in the order help lists them and {@code wall
 * setup all} runs them: {@link SetupCommand}'s subcommands, its error text, {@link AllCommand}'s
 * modules and the golden cases (SetupGoldenTest) all read this list.
 */
final class SetupModules {
  /**
   * One module.
   *
   * @param name its subcommand
   * @param command its subcommand's command object
   * @param inAll the module as {@code wall setup all} runs it on a node, or null when {@code all}
   *     leaves it out
   */
  record Entry(
      String name, Supplier<Object> command, BiFunction<Node, SshOptions, SetupModule> inAll) {}

  static final List<Entry> ALL =
      List.of(
          new Entry("hosts", HostsCommand::new, (node, ssh) -> new HostsModule()),
          new Entry("static-ip", StaticIpCommand::new, (node, ssh) -> new StaticIpModule()),
          new Entry("ssh", SshCommand::new, (node, ssh) -> SshCommand.module(ssh)),
          new Entry("nfs-server", NfsServerCommand::new, (node, ssh) -> new NfsServerModule()),
          new Entry("nfs-client", NfsClientCommand::new, (node, ssh) -> new NfsClientModule()),
          new Entry("blanking", BlankingCommand::new, (node, ssh) -> new BlankingModule()),
          new Entry("radios", RadiosCommand::new, (node, ssh) -> new RadiosModule()),
          new Entry(
              "autostart",
              AutostartCommand::new,
              (node, ssh) -> new AutostartModule(AutostartCommand.display(node, null))),
          new Entry("install", InstallCommand::new, null));

  /** The subcommand that runs every module {@code all} takes, after the others. */
  static final String ALL_MODULES = "all";

  private SetupModules() {}

  /** {@code wall setup} with a subcommand per module, then {@code all}. */
  static CommandLine commandLine() {
    CommandLine setup = new CommandLine(new SetupCommand());
    for (Entry entry : ALL) {
      setup.addSubcommand(entry.name(), entry.command().get());
    }
    setup.addSubcommand(ALL_MODULES, new AllCommand());
    return setup;
  }

  /** Every module {@code all} runs on {@code node}, in order. */
  static List<SetupModule> forAll(Node node, SshOptions ssh) {
    List<SetupModule> modules = new ArrayList<>();
    for (Entry entry : ALL) {
      if (entry.inAll() != null) {
        modules.add(entry.inAll().apply(node, ssh));
      }
    }
    return modules;
  }

  /** The subcommands as a sentence: {@code hosts, static-ip, ..., install or all}. */
  static String names() {
    return String.join(", ", ALL.stream().map(Entry::name).toList()) + " or " + ALL_MODULES;
  }
}
