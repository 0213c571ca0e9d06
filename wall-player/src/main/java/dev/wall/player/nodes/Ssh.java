package dev.wall.player.nodes;

import dev.wall.player.process.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the wall reaches its nodes: ssh with the config {@code wall setup ssh} wrote (the wall's own
 * key and known hosts), when there is one, else the user's plain ssh. mpirun's agent, the checks
 * before a start and {@code wall doctor} all use it, so they reach the nodes the same way.
 *
 * <p>With a folder for control sockets, connections are shared: the checks before a start open one
 * connection to each node and leave it open ({@code ControlPersist}), and mpirun's agent starts the
 * nodes' daemons through it, without a second handshake (about 0.3 s a node here). {@link
 * #closeShared} closes them when the wall ends; a controller that was killed leaves them for a
 * minute after their last use at most.
 *
 * @param config {@code ~/.ssh/wall_config}, or null when {@code wall setup ssh} has not run here
 * @param controlDir where shared connections' sockets live, or null for no sharing
 */
public record Ssh(Path config, Path controlDir) {
  /** Where {@code wall setup ssh} writes the config, under the user's home. */
  public static final String CONFIG = ".ssh/wall_config";

  /**
   * A connection whose peer stops answering is dropped after about 15 s (3 unanswered probes, 5 s
   * apart): the wall's own deadlines notice a pulled cable first; this ends mpirun's session to
   * that node, which would otherwise wait for minutes.
   */
  static final List<String> KEEPALIVE =
      List.of("-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3");

  /** How long closing a shared connection may take. */
  private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

  /** A unix socket's path is at most 108 bytes; ssh's %C is 40 characters. */
  private static final int MAX_CONTROL_DIR = 60;

  public Ssh(Path config) {
    this(config, null);
  }

  /** The wall's ssh for the user whose home is {@code home}. */
  public static Ssh forHome(Path home) {
    Path config = home.resolve(CONFIG);
    return new Ssh(Files.isRegularFile(config) ? config : null, null);
  }

  /**
   * The same, sharing connections through sockets in {@code dir} (when its path is short enough).
   */
  public Ssh sharing(Path dir) {
    Path absolute = dir.toAbsolutePath();
    return absolute.toString().length() > MAX_CONTROL_DIR ? this : new Ssh(config, absolute);
  }

  private List<String> sharingOptions() {
    if (controlDir == null) {
      return List.of();
    }
    try {
      Files.createDirectories(controlDir);
      Files.setPosixFilePermissions(
          controlDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (java.io.IOException | UnsupportedOperationException e) {
      return List.of();
    }
    return List.of(
        "-o",
        "ControlMaster=auto",
        "-o",
        "ControlPath=" + controlDir.resolve("%C"),
        "-o",
        "ControlPersist=60");
  }

  /**
   * Closes the shared connection to each of {@code hosts}, if there is one (by its socket, never by
   * name).
   */
  public void closeShared(java.util.Collection<String> hosts) {
    if (controlDir == null) {
      return;
    }
    List<java.util.concurrent.CompletableFuture<Void>> exits = new ArrayList<>();
    for (String host : hosts) {
      List<String> argv = new ArrayList<>(List.of("ssh"));
      if (config != null) {
        argv.addAll(List.of("-F", config.toString()));
      }
      argv.addAll(List.of("-o", "ControlPath=" + controlDir.resolve("%C"), "-O", "exit", host));
      exits.add(
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try {
                  Processes.run(argv, "", CLOSE_DEADLINE, java.util.Map.of());
                } catch (java.io.IOException e) {
                  // No ssh, or no answer: nothing was shared, or the master goes at its
                  // ControlPersist.
                }
              },
              runnable -> {
                Thread thread = new Thread(runnable, "ssh-exit-" + host);
                thread.setDaemon(true);
                thread.start();
              }));
    }
    exits.forEach(java.util.concurrent.CompletableFuture::join);
  }

  /** The user's home as Java knows it. */
  public static Ssh forThisUser() {
    return forHome(Path.of(System.getProperty("user.home")));
  }

  public boolean configured() {
    return config != null;
  }

  /** mpirun's {@code plm_rsh_agent}: one line, which Open MPI splits at spaces. */
  public String agent() {
    List<String> words = new ArrayList<>(List.of("ssh"));
    if (config != null) {
      words.addAll(List.of("-F", config.toString()));
    }
    words.addAll(KEEPALIVE);
    words.addAll(sharingOptions());
    return String.join(" ", words);
  }

  /**
   * ssh's argv to run {@code remote} on {@code host}, never asking anything (batch mode), giving up
   * on connecting after {@code connectTimeout}. The remote side always runs it through the user's
   * shell, so each word is quoted for it: nothing of the remote command is ever split or expanded.
   *
   * @param options more ssh options, such as {@code -o StrictHostKeyChecking=yes}
   */
  public List<String> command(
      String host, Duration connectTimeout, List<String> options, List<String> remote) {
    List<String> argv = new ArrayList<>(words(connectTimeout, options));
    argv.add(host);
    argv.add("--");
    argv.add(String.join(" ", remote.stream().map(Ssh::quote).toList()));
    return argv;
  }

  /** ssh and its options, without a host: the same for a command and for rsync's transport. */
  private List<String> words(Duration connectTimeout, List<String> options) {
    List<String> argv = new ArrayList<>(List.of("ssh"));
    if (config != null) {
      argv.addAll(List.of("-F", config.toString()));
    }
    argv.addAll(
        List.of(
            "-o",
            "BatchMode=yes",
            "-o",
            "ConnectTimeout=" + Math.max(1, connectTimeout.toSeconds())));
    argv.addAll(KEEPALIVE);
    argv.addAll(sharingOptions());
    argv.addAll(options);
    return argv;
  }

  /**
   * rsync's {@code -e} for this ssh: rsync splits it at spaces itself (no shell), keeping what is
   * in single quotes together. Empty when a word cannot be said that way (one with a single quote).
   */
  public java.util.Optional<String> rsyncShell(Duration connectTimeout, List<String> options) {
    List<String> quoted = new ArrayList<>();
    for (String word : words(connectTimeout, options)) {
      if (word.contains("'") || word.contains("\"") || word.contains("\\")) {
        return java.util.Optional.empty();
      }
      quoted.add(word.chars().anyMatch(Character::isWhitespace) ? "'" + word + "'" : word);
    }
    return java.util.Optional.of(String.join(" ", quoted));
  }

  /** One word for a POSIX shell, in single quotes. */
  static String quote(String word) {
    return "'" + word.replace("'", "'\\''") + "'";
  }
}
