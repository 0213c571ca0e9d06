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

  public SshModule(boolean remote, Path authorize) {
    this.remote = remote;
    this.authorize = authorize;
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
    return Optional.of("the controller " + node.controller() + " sends its key here; or pass --authorize KEY.pub");
  }

  @Override
  public List<Action> plan(Node node) throws SetupRefusal {
    List<Action> actions = new ArrayList<>();
    actions.add(new EnsureDir(node.user().inHome(".ssh"), node.user().owns("rwx------")));
    if (authorize != null) {
      actions.add(authorizedKeys(node, publicKey(authorize)));
      return actions;
    }
    actions.add(new SshKeyPair(node));
    actions.addAll(SshFilesModule.controllerFiles(node));
    if (remote) {
      for (String worker : node.workers()) {
        actions.add(new RemoteAuthorize(node, worker));
      }
    }
    return actions;
  }

  private static String publicKey(Path file) throws SetupRefusal {
    try {
      String key = Files.readString(file).trim();
      if (!key.matches("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp\\d+) [A-Za-z0-9+/=]+( [^\\r\\n]*)?")) {
        throw new SetupRefusal(file + ": not one OpenSSH public key line; pass the controller's wall_ed25519.pub");
      }
      return key;
    } catch (IOException e) {
      throw new SetupRefusal(file + ": cannot read (" + e.getMessage() + "); pass the controller's wall_ed25519.pub");
    }
  }

  /** authorized_keys with the key once; created 0600 for the user when missing. */
  static FileEdit authorizedKeys(Node node, String key) {
    return new FileEdit(
        node.user().inHome(".ssh/authorized_keys"),
        current -> {
          String text = current == null ? "" : current;
          boolean present = Text.lines(text).stream().anyMatch(l -> Text.strip(l).trim().equals(key));
          return present ? text : Text.terminated(text) + Text.utf8(key) + Text.eol(text);
        },
        node.user().owns("rw-------"));
  }
}
