package dev.wall.player.nodes;

import dev.wall.player.wire.Probe;
import java.io.IOException;
import dev.wall.player.process.Processes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Asks the wall's nodes {@link Probe} questions, all in parallel, each with a deadline: the
 * controller's own node in this process, every other one over the wall's ssh, where {@link
 * NodeProbe} runs from the same Java and classpath as the ranks (the wall is installed at the same
 * path on every node). A node that cannot be asked gets a {@link Reply} that says why, classified
 * from ssh's own words.
 */
public final class RemoteNodes {
  /** A short-lived JVM: no JIT beyond C1, a small serial heap. */
  static final List<String> PROBE_JVM_OPTIONS = List.of("-Xshare:auto", "-XX:TieredStopAtLevel=1",
      "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData");

  private final Predicate<String> isLocal;
  private final Function<Probe.Request, Probe.Answer> answerHere;
  private final Ssh ssh;
  private final String java;
  private final String classpath;
  private final List<String> sshOptions;

  /**
   * @param isLocal whether a host is this machine (asked in-process)
   * @param sshOptions more ssh options, such as {@code -o StrictHostKeyChecking=yes} for the doctor
   */
  public RemoteNodes(Predicate<String> isLocal, Ssh ssh, String java, String classpath, List<String> sshOptions) {
    this(isLocal, NodeProbe::answer, ssh, java, classpath, sshOptions);
  }

  /** @param answerHere answers for this machine, in this process */
  RemoteNodes(Predicate<String> isLocal, Function<Probe.Request, Probe.Answer> answerHere, Ssh ssh, String java,
      String classpath, List<String> sshOptions) {
    this.isLocal = isLocal;
    this.answerHere = answerHere;
    this.ssh = ssh;
    this.java = java;
    this.classpath = classpath;
    this.sshOptions = List.copyOf(sshOptions);
  }

  /** The wall on this JVM's Java and classpath, over {@code ssh}. */
  public static RemoteNodes forThisJvm(Predicate<String> isLocal, Ssh ssh, List<String> sshOptions) {
    return new RemoteNodes(isLocal, ssh, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        System.getProperty("java.class.path"), sshOptions);
  }

  /** Why a node could not be asked. */
  public enum Unreached {
    /** No answer: off, its cable out, or its sshd down. */
    UNREACHABLE,
    /** Its name does not resolve on the controller. */
    NO_NAME,
    /** It refused the wall's key. */
    KEY_REFUSED,
    /** Its host key is not the one recorded. */
    HOST_KEY,
    /** It answered, but the wall (or Java) is not installed there at the controller's path. */
    NOT_INSTALLED,
    /** Anything else ssh or the probe said. */
    OTHER
  }

  /**
   * One node's reply: an answer, or why there is none.
   *
   * @param detail the node's own words (ssh's, or the probe's), for the message
   */
  public record Reply(String host, Probe.Answer answer, Unreached unreached, String detail, double seconds) {
    public boolean answered() {
      return answer != null;
    }
  }

  /** Asks each host its request, all at once; every reply is in by {@code deadline}. */
  public Map<String, Reply> ask(Map<String, Probe.Request> requests, Duration deadline) {
    Map<String, CompletableFuture<Reply>> pending = new LinkedHashMap<>();
    requests.forEach((host, request) -> pending.put(host, CompletableFuture.supplyAsync(
        () -> askOne(host, request, deadline), runnable -> {
          Thread t = new Thread(runnable, "ask-" + host);
          t.setDaemon(true);
          t.start();
        })));
    Map<String, Reply> replies = new LinkedHashMap<>();
    pending.forEach((host, future) -> replies.put(host, future.join()));
    return replies;
  }

  private Reply askOne(String host, Probe.Request request, Duration deadline) {
    long started = System.nanoTime();
    if (isLocal.test(host)) {
      return new Reply(host, answerHere.apply(request), null, null, seconds(started));
    }
    List<String> remote = new ArrayList<>(List.of(java));
    remote.addAll(PROBE_JVM_OPTIONS);
    remote.addAll(List.of("-cp", classpath, NodeProbe.MAIN));
    List<String> argv = ssh.command(host, Duration.ofSeconds(Math.max(1, Math.min(5, deadline.toSeconds()))),
        sshOptions, remote);
    try {
      Processes.Outcome asked = Processes.run(argv, (String.join("\n", request.lines()) + "\n")
          .getBytes(StandardCharsets.UTF_8), deadline, Map.of());
      List<String> lines = asked.stdout().lines().toList();
      String words = asked.stderr().strip();
      if (asked.exitCode() == 0 && lines.contains("end")) {
        return new Reply(host, Probe.Answer.parse(lines), null, null, seconds(started));
      }
      return new Reply(host, null, classify(asked.exitCode(), words), lastLine(words), seconds(started));
    } catch (Processes.TimedOut e) {
      return new Reply(host, null, Unreached.UNREACHABLE, "no answer within " + deadline.toSeconds() + " s",
          seconds(started));
    } catch (IOException e) {
      return new Reply(host, null, Unreached.OTHER, "could not run ssh: " + e.getMessage(), seconds(started));
    }
  }

  /** What ssh (exit 255) or the remote command said, as a kind of failure. */
  static Unreached classify(int code, String words) {
    if (words.contains("Could not resolve hostname")) {
      return Unreached.NO_NAME;
    }
    if (words.contains("Host key verification failed") || words.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        || words.contains("No ED25519 host key is known") || words.contains("host key for")) {
      return Unreached.HOST_KEY;
    }
    if (words.contains("Permission denied")) {
      return Unreached.KEY_REFUSED;
    }
    if (code == 255 && (words.contains("timed out") || words.contains("No route to host")
        || words.contains("Connection refused") || words.contains("Network is unreachable")
        || words.contains("Connection closed") || words.contains("Connection reset") || words.isEmpty())) {
      return Unreached.UNREACHABLE;
    }
    if (code == 127 || code == 126 || words.contains("No such file or directory")
        || words.contains("Could not find or load main class") || words.contains("ClassNotFoundException")
        || words.contains("NoClassDefFoundError")) {
      return Unreached.NOT_INSTALLED;
    }
    return Unreached.OTHER;
  }

  private static String lastLine(String words) {
    List<String> lines = words.lines().filter(l -> !l.isBlank()).toList();
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1).strip();
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }
}
