package dev.wall.player.setup;

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

/**
 * Appends the controller's public key once to a worker's {@code authorized_keys}, over ssh, as
 * {@code from="SUBNET",restrict}. It first tries the key itself (nothing to type once it is there);
 * only when the worker refuses it does ssh ask for the password, on the terminal, and only to a
 * host whose key was confirmed (HostKeys). The key travels on stdin; the remote script is a fixed
 * text, so nothing from the layout reaches a shell.
 */
final class RemoteAuthorize implements Action {
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /**
   * Reads the authorized line and the key's blob, and writes the file anew beside itself: the other
   * lines, then the line. Every step is chained, so a failed one (a full disk, a file size limit)
   * leaves the file as it was: the new file is fsync'd, compared with what it must hold, renamed
   * over the old one, its folder fsync'd, and the line checked there. Runs as the wall's user on
   * the worker; what the layout says (the subnet in the line) is only ever data read from stdin.
   */
  static final String ADD_ONCE =
      String.join(
          "\n",
          "umask 077",
          "IFS= read -r line && IFS= read -r blob && [ -n \"$line\" ] && [ -n \"$blob\" ] || exit 2",
          "d=\"$HOME/.ssh\"; f=\"$d/authorized_keys\"; t=\"$f.wall-tmp\"",
          "mkdir -p -- \"$d\" || exit 1",
          "if [ -f \"$f\" ] && grep -qxF -- \"$line\" \"$f\"; then echo wall:present; exit 0; fi",
          "others() { if [ -f \"$f\" ]; then grep -vF -- \"$blob\" \"$f\"; [ $? -le 1 ]; fi; }",
          "wanted() { others && printf '%s\\n' \"$line\"; }",
          "if rm -f -- \"$t\" && wanted > \"$t\" && sync -- \"$t\" && wanted | cmp -s - \"$t\" && mv -f -- \"$t\" \"$f\""
              + " && sync -- \"$d\" && grep -qxF -- \"$line\" \"$f\"",
          "then echo wall:added; else rm -f -- \"$t\"; echo wall:failed >&2; exit 1; fi",
          "");

  /**
   * Takes the key's lines out the same way: never a half-written file, never a failed write
   * renamed.
   */
  static final String REMOVE =
      String.join(
          "\n",
          "umask 077",
          "IFS= read -r line && IFS= read -r blob && [ -n \"$blob\" ] || exit 2",
          "d=\"$HOME/.ssh\"; f=\"$d/authorized_keys\"; t=\"$f.wall-tmp\"",
          "if ! [ -f \"$f\" ] || ! grep -qF -- \"$blob\" \"$f\"; then echo wall:absent; exit 0; fi",
          "others() { grep -vF -- \"$blob\" \"$f\"; [ $? -le 1 ]; }",
          "if rm -f -- \"$t\" && others > \"$t\" && sync -- \"$t\" && others | cmp -s - \"$t\" && mv -f -- \"$t\" \"$f\""
              + " && sync -- \"$d\" && ! grep -qF -- \"$blob\" \"$f\"",
          "then echo wall:removed; else rm -f -- \"$t\"; echo wall:failed >&2; exit 1; fi",
          "");

  private final Node node;
  private final String worker;

  RemoteAuthorize(Node node, String worker) {
    this.node = node;
    this.worker = worker;
  }

  @Override
  public String target() {
    return node.user().name() + "@" + worker;
  }

  @Override
  public Result apply(ActionContext ctx) throws IOException, SetupRefusal {
    if (ctx.dryRun()) {
      ctx.out()
          .println("ssh " + target() + ": append " + key() + ".pub to ~/.ssh/authorized_keys once");
      return Result.of(target(), Status.WOULD_CHANGE);
    }
    boolean knownHostsExisted =
        Files.exists(knownHosts(ctx), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    try {
      var outcome = ssh(ctx, true, ADD_ONCE);
      refuseChangedHostKey(outcome);
      if (outcome.exitCode() == 255 && !outcome.stdout().contains("wall:")) {
        outcome = ssh(ctx, false, ADD_ONCE);
        refuseChangedHostKey(outcome);
        refuseRefusedLogin(outcome);
      }
      if (outcome.stdout().contains("wall:present")) {
        return Result.of(target(), Status.ALREADY_SET);
      }
      if (outcome.exitCode() == 0 && outcome.stdout().contains("wall:added")) {
        return verify(ctx);
      }
      return new Result(target(), Status.FAILED, why(outcome));
    } finally {
      adoptKnownHosts(ctx, knownHostsExisted);
    }
  }

  /** The key must now log in by itself, as mpirun will use it. */
  private Result verify(ActionContext ctx) throws IOException {
    var check = ssh(ctx, true, "echo wall:ok");
    return check.exitCode() == 0 && check.stdout().contains("wall:ok")
        ? new Result(target(), Status.CHANGED, "key appended")
        : new Result(
            target(),
            Status.FAILED,
            "key appended, but the key still cannot log in: " + why(check));
  }

  @Override
  public Result undo(ActionContext ctx) throws IOException, SetupRefusal {
    if (!Files.exists(ctx.tree().resolve(key()))) {
      return Result.of(target(), Status.NOTHING_TO_UNDO);
    }
    if (ctx.dryRun()) {
      ctx.out()
          .println("ssh " + target() + ": remove " + key() + ".pub from ~/.ssh/authorized_keys");
      return Result.of(target(), Status.WOULD_UNDO);
    }
    var outcome = ssh(ctx, true, REMOVE);
    refuseChangedHostKey(outcome);
    if (outcome.stdout().contains("wall:removed")) {
      return Result.of(target(), Status.UNDONE);
    }
    if (outcome.stdout().contains("wall:absent")) {
      return Result.of(target(), Status.NOTHING_TO_UNDO);
    }
    return new Result(target(), Status.FAILED, why(outcome));
  }

  /** A host key that differs from the one confirmed at setup: one line, the node, and the fix. */
  private void refuseChangedHostKey(Processes.Outcome outcome) throws SetupRefusal {
    String err = outcome.stderr();
    if (outcome.exitCode() == 255
        && (err.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
            || err.contains("Host key verification failed"))) {
      String names = worker + node.addressOf(worker).map(a -> " -R " + a).orElse("");
      throw new SetupRefusal(
          "ssh: "
              + worker
              + node.addressOf(worker).map(a -> " (" + a + ")").orElse("")
              + ": its host key is not the one confirmed at setup (a re-flashed node, or someone in between);"
              + " if "
              + worker
              + " was re-flashed: ssh-keygen -f "
              + node.user().inHome(SshFilesModule.KNOWN_HOSTS)
              + " -R "
              + names
              + ", then run wall setup ssh again to see and confirm its new key");
    }
  }

  /** The worker took neither the key nor the password: one line naming it and what to check. */
  private void refuseRefusedLogin(Processes.Outcome outcome) throws SetupRefusal {
    if (outcome.exitCode() == 255 && outcome.stderr().contains("Permission denied")) {
      throw new SetupRefusal(
          "ssh: "
              + target()
              + ": refused the wall's key and the password ("
              + outcome.stderr().strip().lines().reduce((a, b) -> b).orElse("")
              + "); check that "
              + node.user().name()
              + " exists on "
              + worker
              + " and that its sshd allows PubkeyAuthentication, then run again");
    }
  }

  private Processes.Outcome ssh(ActionContext ctx, boolean batch, String script)
      throws IOException {
    Path privateKey = ctx.tree().resolve(key());
    String publicKey =
        new String(
                node.user()
                    .homeFiles(ctx.tree())
                    .read(ctx.tree().resolve(key() + ".pub"))
                    .orElseThrow(() -> new java.nio.file.NoSuchFileException(key() + ".pub")),
                StandardCharsets.UTF_8)
            .trim();
    List<String> argv =
        new ArrayList<>(List.of("ssh", "-F", "/dev/null", "-i", privateKey.toString()));
    argv.addAll(List.of("-o", "IdentitiesOnly=yes", "-o", "UserKnownHostsFile=" + knownHosts(ctx)));
    // Host keys were confirmed by HostKeys just before: nothing new is trusted here.
    // And ssh, as root, writes nothing into the user's home (UpdateHostKeys would rewrite the
    // file).
    argv.addAll(
        List.of(
            "-o",
            "StrictHostKeyChecking=yes",
            "-o",
            "UpdateHostKeys=no",
            "-o",
            "ConnectTimeout=10"));
    argv.addAll(
        List.of("-o", "BatchMode=" + (batch ? "yes" : "no"), "-o", "NumberOfPasswordPrompts=3"));
    node.addressOf(worker).ifPresent(a -> argv.addAll(List.of("-o", "HostName=" + a)));
    argv.addAll(List.of("-l", node.user().name(), worker, script));
    String input =
        SshFilesModule.authorizedLine(node, publicKey)
            + "\n"
            + SshFilesModule.blob(publicKey)
            + "\n";
    return Processes.run(argv, input, TIMEOUT, Map.of());
  }

  private String key() {
    return node.user().inHome(SshFilesModule.KEY);
  }

  private Path knownHosts(ActionContext ctx) {
    return ctx.tree().resolve(node.user().inHome(SshFilesModule.KNOWN_HOSTS));
  }

  /** ssh wrote the known-hosts file as this process's user; give it to the wall's user. */
  private void adoptKnownHosts(ActionContext ctx, boolean existed) throws IOException {
    Path file = knownHosts(ctx);
    if (existed || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    ctx.journal()
        .add(
            new Entry(
                ctx.module(),
                Kind.CREATED_FILE,
                node.user().inHome(SshFilesModule.KNOWN_HOSTS),
                ""));
    ctx.owned(node.user().owns("rw-r--r--")).applyTo(file);
  }

  static String why(Processes.Outcome outcome) {
    if (outcome.stderr().contains("wall:failed")) {
      return "~/.ssh/authorized_keys could not be written there (a full disk, or a read-only home?) and was left as"
          + " it was; free some space there, then run again";
    }
    String err = outcome.stderr().strip();
    String last = err.isEmpty() ? "" : err.lines().reduce((a, b) -> b).orElse("");
    return "ssh exit " + outcome.exitCode() + (last.isEmpty() ? "" : ": " + last);
  }
}
