package dev.wall.player.cli;

import dev.wall.core.io.RunFolder;
import dev.wall.player.cli.common.BadInputException;
import dev.wall.player.cli.common.CommonOptions;
import dev.wall.player.cli.common.ExitCodes;
import dev.wall.player.cli.common.WallFailure;
import dev.wall.player.wire.ControlCommand;
import dev.wall.player.wire.CtlExchange;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wall ctl}: show control on the controller, and its key. */
@Command(
    name = "ctl",
    description = "Control the running wall, or make the key HTTP and OSC control take.",
    footer = {
      "",
      "Commands (every screen applies each on the same frame):",
      "  pause, resume, goto ITEM, next, previous, restart, blank, unblank, loops N, power on|off,",
      "  trigger CLIP [every|span] [resume|start]   (a clip under the media root, once, then back),",
      "  reload   (the layout file again: new clips and loops from the next loop seam)",
      "",
      "Examples:",
      "  wall ctl pause                          # the wall started with the default run folder",
      "  wall ctl goto 2 --run-dir /srv/run      # the wall started with that --run-dir",
      "  wall ctl --new-key                      # a new key in ~/.config/wall/control.key, printed last",
      "  wall ctl --new-key --key-file /etc/wall/control.key",
      "",
      "Exit codes: 0 applied, 1 refused by the wall (or no wall running), 2 bad input.",
    })
public final class CtlCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--new-key",
      description =
          "Make a new control key, keep it in a file only you can read (0600), and print it last.")
  boolean newKey;

  @Option(
      names = "--key-file",
      paramLabel = "FILE",
      description =
          "Where the key is kept (default: ~/.config/wall/control.key; the layout's control.keyFile"
              + " names another).")
  Path keyFile;

  @Option(
      names = "--run-dir",
      paramLabel = "DIR",
      description =
          "The run folder of the wall to command (default: as wall play's, $RUNTIME_DIRECTORY,"
              + " $XDG_RUNTIME_DIR/wall, /run/wall for root, else /tmp/wall-USER).")
  Path runDir;

  @Parameters(
      paramLabel = "COMMAND",
      arity = "0..*",
      description = "A command for the running wall, with its arguments: goto 2.")
  List<String> command;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (newKey) {
      if (command != null && !command.isEmpty()) {
        throw new BadInputException("wall ctl --new-key takes no command");
      }
      return NewKey.make(keyFile, System.getenv(), out);
    }
    if (command == null || command.isEmpty()) {
      throw new BadInputException(
          "wall ctl takes a command ("
              + String.join(", ", ControlCommand.VERBS)
              + ") or --new-key; see wall ctl --help");
    }
    ControlCommand parsed;
    try {
      parsed = ControlCommand.parse(command);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage());
    }
    Path socket = socket(runDir != null ? runDir : RunFolder.defaultPath());
    String answer;
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(
          ByteBuffer.wrap((CtlExchange.request(parsed) + "\n").getBytes(StandardCharsets.UTF_8)));
      var reader =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(
                  Channels.newInputStream(channel), StandardCharsets.UTF_8));
      answer = reader.readLine();
    } catch (IOException e) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          "no wall answers on "
              + socket
              + " ("
              + e.getMessage()
              + "); is wall play running with this run folder? (--run-dir)");
    }
    if (answer == null) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE, "the wall closed " + socket + " without an answer");
    }
    out.println("wall: " + CtlExchange.text(answer));
    out.flush();
    return CtlExchange.applied(answer) ? 0 : ExitCodes.RUNTIME_FAILURE;
  }

  /**
   * The control socket in {@code dir}, if it is one of this user's: never another's, nor a link.
   */
  private static Path socket(Path dir) throws IOException {
    Path socket = dir.toAbsolutePath().normalize().resolve(CtlExchange.SOCKET);
    PosixFileAttributes attributes;
    try {
      attributes =
          Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          "no wall is running with run folder "
              + dir
              + " (no "
              + CtlExchange.SOCKET
              + " there); give the wall's --run-dir");
    }
    String me = System.getProperty("user.name");
    if (!attributes.isOther()) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE, socket + " is not a socket (a link, or a file); not used");
    }
    if (!attributes.owner().getName().equals(me)) {
      throw new WallFailure(
          ExitCodes.RUNTIME_FAILURE,
          socket
              + " belongs to "
              + attributes.owner().getName()
              + ", not to you ("
              + me
              + "); run wall ctl as that user (sudo -u "
              + attributes.owner().getName()
              + " wall ctl ...)");
    }
    return socket;
  }
}
