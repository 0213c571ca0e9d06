package dev.wall.player.setup;

import dev.wall.core.io.AtomicFile;
import dev.wall.core.io.FileAttrs;
import dev.wall.core.setup.Action;
import dev.wall.core.setup.ActionContext;
import dev.wall.core.setup.Journal;
import dev.wall.core.setup.Journal.Entry;
import dev.wall.core.setup.Journal.Kind;
import dev.wall.core.setup.Node;
import dev.wall.core.setup.NodeUser;
import dev.wall.core.setup.SetupRefusal;
import dev.wall.core.setup.modules.SshFilesModule;
import dev.wall.player.process.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The controller's dedicated ed25519 key for mpirun, without a passphrase (mpirun cannot type one).
 * An existing key is never overwritten. ssh-keygen writes into a private folder of this process's,
 * and the key is then written into the user's home through {@link NodeUser#homeFiles} (no link
 * there is followed), the private half first.
 */
final class SshKeyPair implements Action {
  private static final Duration KEYGEN_TIMEOUT = Duration.ofSeconds(30);
  private final Node node;
  private final String key;

  SshKeyPair(Node node) {
    this.node = node;
    this.key = node.user().inHome(SshFilesModule.KEY);
  }

  @Override
  public String target() {
    return key;
  }

  @Override
  public Result apply(ActionContext ctx) throws IOException, SetupRefusal {
    Path privateKey = ctx.tree().resolve(key);
    Path publicKey = ctx.tree().resolve(key + ".pub");
    AtomicFile home = node.user().homeFiles(ctx.tree());
    boolean hasPrivate = present(home, privateKey);
    boolean hasPublic = present(home, publicKey);
    if (hasPrivate) {
      return hasPublic
          ? Result.of(key, Status.ALREADY_SET)
          : restorePublic(ctx, home, privateKey, publicKey);
    }
    if (hasPublic) {
      throw new SetupRefusal(
          ctx.tree().show(key + ".pub")
              + ": exists without its private key; move it away, then run again");
    }
    if (ctx.dryRun()) {
      ctx.out().println("ssh-keygen -t ed25519 -N '' -C " + comment() + " -f " + key);
      return Result.of(key, Status.WOULD_CHANGE);
    }
    generate(ctx, home, privateKey, publicKey);
    return new Result(key, Status.CHANGED, "new ed25519 key");
  }

  /** Whether {@code file} is there; a link (or anything but a file) in its place is refused. */
  private static boolean present(AtomicFile home, Path file) throws IOException, SetupRefusal {
    try {
      return home.attributes(file).isPresent();
    } catch (AtomicFile.UnsafePathException e) {
      throw new SetupRefusal(e.getMessage());
    }
  }

  private String comment() {
    return "wall@" + node.host();
  }

  private void generate(ActionContext ctx, AtomicFile home, Path privateKey, Path publicKey)
      throws IOException {
    Path work = Files.createTempDirectory("wall-keygen");
    try {
      Path made = work.resolve("key");
      var outcome =
          Processes.run(
              List.of(
                  "ssh-keygen",
                  "-q",
                  "-t",
                  "ed25519",
                  "-N",
                  "",
                  "-C",
                  comment(),
                  "-f",
                  made.toString()),
              "",
              KEYGEN_TIMEOUT,
              Map.of());
      if (outcome.exitCode() != 0) {
        throw new IOException("ssh-keygen failed: " + outcome.stderr().trim());
      }
      Journal journal = ctx.journal();
      for (String suffix : List.of("", ".pub")) {
        FileAttrs attrs = ctx.owned(node.user().owns(suffix.isEmpty() ? "rw-------" : "rw-r--r--"));
        journal.add(new Entry(ctx.module(), Kind.CREATED_FILE, key + suffix, ""));
        home.write(
            suffix.isEmpty() ? privateKey : publicKey,
            Files.readAllBytes(work.resolve("key" + suffix)),
            attrs);
      }
    } finally {
      try (var left = Files.list(work)) {
        for (Path p : left.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(work);
    }
  }

  /** A private key whose public half was lost (a crash between the writes): derive it again. */
  private Result restorePublic(ActionContext ctx, AtomicFile home, Path privateKey, Path publicKey)
      throws IOException {
    if (ctx.dryRun()) {
      ctx.out().println("ssh-keygen -y -f " + key + " > " + key + ".pub");
      return Result.of(key + ".pub", Status.WOULD_CHANGE);
    }
    // ssh-keygen reads the key from its standard input, as read without following a link.
    var outcome =
        Processes.run(
            List.of("ssh-keygen", "-y", "-f", "/dev/stdin"),
            home.read(privateKey).orElseThrow(),
            KEYGEN_TIMEOUT,
            Map.of());
    if (outcome.exitCode() != 0) {
      throw new IOException("ssh-keygen -y failed: " + outcome.stderr().trim());
    }
    String line = outcome.stdout().trim() + " " + comment() + "\n";
    home.write(
        publicKey, line.getBytes(StandardCharsets.UTF_8), ctx.owned(node.user().owns("rw-r--r--")));
    return new Result(key + ".pub", Status.CHANGED, "derived from the private key");
  }

  /** Removes the key files and the known-hosts file, but only those setup created. */
  @Override
  public Result undo(ActionContext ctx) throws IOException {
    Status status = Status.NOTHING_TO_UNDO;
    String sshDir = node.user().inHome(".ssh/");
    for (Entry entry : ctx.journal().entries()) {
      if (!entry.module().equals(ctx.module())
          || entry.kind() != Kind.CREATED_FILE
          || !entry.path().startsWith(sshDir)) {
        continue;
      }
      if (!entry.path().startsWith(key)
          && !entry.path().equals(node.user().inHome(SshFilesModule.KNOWN_HOSTS))) {
        continue;
      }
      if (ctx.dryRun()) {
        ctx.out().println("rm " + entry.path());
        status = Status.WOULD_UNDO;
        continue;
      }
      node.user().homeFiles(ctx.tree()).delete(ctx.tree().resolve(entry.path()));
      ctx.journal().remove(entry);
      status = Status.UNDONE;
    }
    return Result.of(key, status);
  }
}
