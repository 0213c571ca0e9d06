package dev.wall.player.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.ActionContext;
import dev.wall.core.setup.Journal.Entry;
import dev.wall.core.setup.Journal.Kind;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.modules.SshFilesModule;
import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The workers' ssh host keys in the wall's known-hosts file, trusted only once the technician has
 * seen them: each unknown worker's key is fetched ({@code ssh-keyscan}) and shown as a fingerprint;
 * it is written only with {@code --accept-host-keys} or a yes typed on the terminal. From then on
 * every ssh of the wall checks strictly, so a man in the middle at first contact is shown, not
 * trusted, and never gets a password.
 */
final class HostKeys implements Action {
  private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(20);
  static final String CONFIRM_FLAG = "--accept-host-keys";

  private final Node node;
  private final boolean accept;
  private final Predicate<String> confirm;

  /**
   * @param confirm asks the technician about one fingerprint line; null when there is no terminal
   */
  HostKeys(Node node, boolean accept, Predicate<String> confirm) {
    this.node = node;
    this.accept = accept;
    this.confirm = confirm;
  }

  @Override
  public String target() {
    return node.user().inHome(SshFilesModule.KNOWN_HOSTS);
  }

  @Override
  public Result apply(ActionContext ctx) throws IOException, SetupRefusal {
    Path file = ctx.tree().resolve(target());
    try {
      return apply(ctx, file);
    } catch (AtomicFile.UnsafePathException e) {
      throw new SetupRefusal(e.getMessage());
    }
  }

  private Result apply(ActionContext ctx, Path file) throws IOException, SetupRefusal {
    // Read as setup writes it: a link in its place is refused before ssh-keygen reads it by name.
    node.user().homeFiles(ctx.tree()).read(file);
    List<String> unknown = new ArrayList<>();
    for (String worker : node.workers()) {
      if (!known(file, worker)) {
        unknown.add(worker);
      }
    }
    if (unknown.isEmpty()) {
      return Result.of(target(), Status.ALREADY_SET);
    }
    List<String> lines = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    for (String worker : unknown) {
      List<String> keys = scan(worker);
      if (keys.isEmpty()) {
        unreachable.add(worker + node.addressOf(worker).map(a -> " (" + a + ")").orElse(""));
        continue;
      }
      for (String fingerprint : fingerprints(keys)) {
        ctx.out()
            .println(
                "ssh: host key of "
                    + worker
                    + node.addressOf(worker).map(a -> " (" + a + ")").orElse("")
                    + ": "
                    + fingerprint);
      }
      lines.addAll(keys);
    }
    if (!unreachable.isEmpty()) {
      throw new SetupRefusal(
          "ssh: cannot reach "
              + String.join(", ", unreachable)
              + " on port 22 to read its host key;"
              + " check that it is on, on the network and runs sshd, then run again");
    }
    if (ctx.dryRun()) {
      return new Result(
          target(), Status.WOULD_CHANGE, "would trust the host keys above once confirmed");
    }
    if (!accept
        && (confirm == null
            || !confirm.test(
                "Are these the keys of those nodes (compare on each node: "
                    + "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub)? [y/N] "))) {
      throw new SetupRefusal(
          "ssh: "
              + unknown.size()
              + " host key"
              + (unknown.size() == 1 ? "" : "s")
              + " to confirm (above): compare each with its node's own (on the node: ssh-keygen -lf"
              + " /etc/ssh/ssh_host_ed25519_key.pub), then run again with "
              + CONFIRM_FLAG);
    }
    AtomicFile home = node.user().homeFiles(ctx.tree());
    Optional<byte[]> existing = home.read(file);
    String before = existing.map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
    String after =
        (before.isEmpty() || before.endsWith("\n") ? before : before + "\n")
            + String.join("\n", lines)
            + "\n";
    if (existing.isEmpty()) {
      ctx.journal().add(new Entry(ctx.module(), Kind.CREATED_FILE, target(), ""));
    }
    home.write(
        file, after.getBytes(StandardCharsets.UTF_8), ctx.owned(node.user().owns("rw-r--r--")));
    return new Result(target(), Status.CHANGED, "trusted " + String.join(", ", unknown));
  }

  /** The known-hosts file goes with the key (SshKeyPair's undo removes what setup created). */
  @Override
  public Result undo(ActionContext ctx) {
    return Result.of(target(), Status.NOTHING_TO_UNDO);
  }

  private boolean known(Path file, String worker) throws IOException {
    if (!Files.exists(file)) {
      return false;
    }
    var found =
        Processes.run(
            List.of("ssh-keygen", "-F", hostName(worker), "-f", file.toString()),
            "",
            SCAN_TIMEOUT,
            Map.of());
    return found.exitCode() == 0 && !found.stdout().isBlank();
  }

  /** The name ssh looks the key up by: the address it connects to when the layout gives one. */
  private String hostName(String worker) {
    return node.addressOf(worker).orElse(worker);
  }

  /** The worker's host keys as known-hosts lines for its name and address. */
  private List<String> scan(String worker) throws IOException {
    String address = hostName(worker);
    var scanned =
        Processes.run(
            List.of("ssh-keyscan", "-T", "10", "-t", "ed25519,ecdsa,rsa", address),
            "",
            SCAN_TIMEOUT,
            Map.of());
    String names = address.equals(worker) ? worker : worker + "," + address;
    List<String> lines = new ArrayList<>();
    for (String line : scanned.stdout().lines().toList()) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 3 && !line.startsWith("#")) {
        lines.add(names + " " + words[1] + " " + words[2]);
      }
    }
    return lines;
  }

  /** {@code ED25519 SHA256:...} for each line, as ssh-keygen prints it. */
  private static List<String> fingerprints(List<String> lines) throws IOException {
    var listed =
        Processes.run(
            List.of("ssh-keygen", "-l", "-f", "-"),
            String.join("\n", lines) + "\n",
            SCAN_TIMEOUT,
            Map.of());
    List<String> out = new ArrayList<>();
    for (String line : listed.stdout().lines().toList()) {
      String[] words = line.trim().split("\\s+");
      if (words.length >= 2) {
        out.add(words[words.length - 1].replace("(", "").replace(")", "") + " " + words[1]);
      }
    }
    return out;
  }
}
