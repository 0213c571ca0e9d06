package dev.wall.player.setup;

import dev.wall.core.setup.Action;
import dev.wall.core.setup.EnsureDir;
import dev.wall.core.setup.FileEdit;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupModule;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.Text;
import dev.wall.core.setup.modules.SshFilesModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code wall setup ssh}. On the controller: a dedicated ed25519 key (never overwriting one), the
 * ssh config and {@code plm_rsh_agent} for mpirun, and the public key appended once to each
 * worker's {@code authorized_keys} over ssh (a password prompt the first time). On a worker, with
 * {@code --authorize KEY.pub}: the same append, locally.
 */
public final class SshModule implements SetupModule {
  private final boolean remote;
  private final Path authorize;
  private final boolean acceptHostKeys;

  public SshModule(boolean remote, Path authorize, boolean acceptHostKeys) {
    this.remote = remote;
    this.authorize = authorize;
    this.acceptHostKeys = acceptHostKeys;
  }

  @Override
  public String name() {
    return SshFilesModule.NAME;
  }

  @Override
  public Optional<String> skipReason(Node node) {
    if (node.isController() || authorize != null) {
      return Optional.empty();
    }
    return Optional.of(
        "the controller " + node.controller() + " sends its key here; or pass --authorize KEY.pub");
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    List<Action> actions = new ArrayList<>();
    actions.add(new EnsureDir(node.user().inHome(".ssh"), node.user().owns("rwx------")));
    if (authorize != null) {
      actions.add(noted(node, authorizedKeys(node, publicKey(authorize))));
      return actions;
    }
    actions.add(new SshKeyPair(node));
    actions.addAll(SshFilesModule.controllerFiles(node));
    if (remote && !node.workers().isEmpty()) {
      actions.add(new HostKeys(node, acceptHostKeys, terminalConfirmation()));
      for (String worker : node.workers()) {
        actions.add(noted(node, new RemoteAuthorize(node, worker)));
      }
    }
    return actions;
  }

  /** An authorization whose line says so when the key gets no {@code from=}. */
  private static Action noted(Node node, Action authorization) {
    return SshFilesModule.anyAddressNote(node)
        .<Action>map(note -> new Noted(authorization, note))
        .orElse(authorization);
  }

  /**
   * A yes on the terminal, when there is one; null otherwise (a script must pass
   * --accept-host-keys).
   */
  private static java.util.function.Predicate<String> terminalConfirmation() {
    java.io.Console console = System.console();
    if (console == null) {
      return null;
    }
    return question -> {
      String answer = console.readLine("%s", question);
      return answer != null && answer.trim().toLowerCase(java.util.Locale.ROOT).startsWith("y");
    };
  }

  private static String publicKey(Path file) throws SetupRefusal {
    try {
      String key = Files.readString(file).trim();
      if (!key.matches(
          "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( [^\\r\\n]*)?")) {
        throw new SetupRefusal(
            file + ": not one OpenSSH public key line; pass the controller's wall_ed25519.pub");
      }
      return key;
    } catch (IOException e) {
      throw new SetupRefusal(
          file + ": cannot read (" + e.getMessage() + "); pass the controller's wall_ed25519.pub");
    }
  }

  /**
   * authorized_keys with the key once, as {@link SshFilesModule#authorizedLine} restricts it; a
   * line of the same key with other options (an older setup's) is replaced. Created 0600 for the
   * user.
   */
  static FileEdit authorizedKeys(Node node, String key) {
    String line = SshFilesModule.authorizedLine(node, key);
    String blob = SshFilesModule.blob(key);
    return FileEdit.inHome(
        node.user(),
        ".ssh/authorized_keys",
        current -> {
          String text = current == null ? "" : current;
          List<String> lines = Text.lines(text);
          if (lines.stream().anyMatch(l -> Text.strip(l).trim().equals(line))) {
            return text;
          }
          StringBuilder kept = new StringBuilder();
          for (String l : lines) {
            if (!List.of(Text.strip(l).trim().split("\\s+")).contains(blob)) {
              kept.append(l);
            }
          }
          String rest = kept.toString();
          return Text.terminated(rest) + Text.utf8(line) + Text.eol(text);
        },
        "rw-------");
  }
}
