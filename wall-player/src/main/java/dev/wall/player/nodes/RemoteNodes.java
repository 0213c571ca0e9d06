package dev.wall.player.nodes;

import dev.wall.player.process.Processes;
import dev.wall.player.wire.Probe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Asks the wall's nodes {@link Probe} questions, all in parallel, each with a deadline: the
 * controller's own node in this process, every other one over the wall's ssh. What a start asks is
 * answered there by a fixed shell script, without Java ({@link QuickProbe}); anything more, and
 * what the script cannot answer, by {@link NodeProbe} on that node's own Java ({@link NodeJava})
 * from the same classpath as the ranks (the wall is installed at the same path on every node). A
 * node that cannot be asked gets a {@link Reply} that says why, classified from ssh's and the
 * node's own words.
 */
public final class RemoteNodes {
  /** A short-lived JVM: no JIT beyond C1, a small serial heap. */
  static final List<String> PROBE_JVM_OPTIONS =
      List.of(
          "-Xshare:auto",
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xmx64m",
          "-XX:-UsePerfData");

  /** A node that is reached but whose Java does not come up within this is lost. */
  static final Duration JVM_START = Duration.ofSeconds(90);

  private final Predicate<String> isLocal;
  private final Function<Probe.Request, Probe.Answer> answerHere;
  private final Ssh ssh;
  private final String classpath;
  private final List<String> sshOptions;

  /**
   * @param isLocal whether a host is this machine (asked in-process)
   * @param sshOptions more ssh options, such as {@code -o StrictHostKeyChecking=yes} for the doctor
   */
  public RemoteNodes(
      Predicate<String> isLocal, Ssh ssh, String classpath, List<String> sshOptions) {
    this(isLocal, NodeProbe::answer, ssh, classpath, sshOptions);
  }

  /**
   * @param answerHere answers for this machine, in this process
   */
  RemoteNodes(
      Predicate<String> isLocal,
      Function<Probe.Request, Probe.Answer> answerHere,
      Ssh ssh,
      String classpath,
      List<String> sshOptions) {
    this.isLocal = isLocal;
    this.answerHere = answerHere;
    this.ssh = ssh;
    this.classpath = classpath;
    this.sshOptions = List.copyOf(sshOptions);
  }

  /** The wall on this JVM's classpath (each node with its own Java), over {@code ssh}. */
  public static RemoteNodes forThisJvm(
      Predicate<String> isLocal, Ssh ssh, List<String> sshOptions) {
    return new RemoteNodes(isLocal, ssh, System.getProperty("java.class.path"), sshOptions);
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
    /** It answered, but the wall is not installed there at the controller's path. */
    NOT_INSTALLED,
    /** It answered, but has no Java. */
    NO_JAVA,
    /** Anything else ssh or the probe said. */
    OTHER
  }

  /**
   * One node's reply: an answer, or why there is none.
   *
   * @param detail the node's own words (ssh's, or the probe's), for the message
   */
  public record Reply(
      String host,
      Probe.Answer answer,
      Unreached unreached,
      String detail,
      double seconds,
      boolean startedJava) {
    public Reply(
        String host, Probe.Answer answer, Unreached unreached, String detail, double seconds) {
      this(host, answer, unreached, detail, seconds, false);
    }

    public boolean answered() {
      return answer != null;
    }
  }

  /** Asks each host its request, all at once; every reply is in by {@code deadline}. */
  public Map<String, Reply> ask(Map<String, Probe.Request> requests, Duration deadline) {
    Map<String, CompletableFuture<Reply>> pending = new LinkedHashMap<>();
    requests.forEach(
        (host, request) ->
            pending.put(
                host,
                CompletableFuture.supplyAsync(
                    () -> askOne(host, request, deadline),
                    runnable -> {
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
    // What a start asks is answered by a script, without Java there (QuickProbe).
    java.util.Optional<QuickProbe.Identity> mine = QuickProbe.Identity.here();
    boolean quick = QuickProbe.answerable(request, mine);
    List<String> remote =
        quick
            ? QuickProbe.command(PROBE_JVM_OPTIONS, classpath)
            : NodeJava.command(
                NodeJava.Kind.PROBE, PROBE_JVM_OPTIONS, classpath, NodeProbe.MAIN, List.of());
    List<String> input = quick ? QuickProbe.lines(request, mine) : request.lines();
    List<String> argv =
        ssh.command(
            host,
            Duration.ofSeconds(Math.max(1, Math.min(5, deadline.toSeconds()))),
            sshOptions,
            remote);
    try {
      Processes.Outcome asked =
          Processes.run(
              argv,
              (String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8),
              new ProbePace(started, deadline),
              Map.of());
      List<String> lines = asked.stdout().lines().toList();
      String words = asked.stderr().strip();
      if (asked.exitCode() == 0 && lines.contains("end")) {
        boolean withoutJava = quick && QuickProbe.withoutJava(lines);
        Probe.Answer answer =
            withoutJava ? QuickProbe.answer(lines, request, mine) : Probe.Answer.parse(lines);
        return new Reply(host, answer, null, null, seconds(started), !withoutJava);
      }
      return new Reply(
          host, null, classify(asked.exitCode(), words), lastLine(words), seconds(started));
    } catch (Processes.TimedOut e) {
      return new Reply(host, null, Unreached.UNREACHABLE, e.getMessage(), seconds(started));
    } catch (IOException e) {
      return new Reply(
          host, null, Unreached.OTHER, "could not run ssh: " + e.getMessage(), seconds(started));
    }
  }

  /**
   * A probe's deadline, each node by its own measure: it must be reached within {@code deadline}
   * (its script says {@link NodeJava#STARTING} before it starts Java); a node reached is then given
   * {@link #JVM_START} for its Java to come up, and once that Java says how long it took ({@link
   * NodeProbe#STARTED}), {@code deadline} again, scaled by {@link NodeProbe#scale}: a Pi answers as
   * fast as a PC, and a slow node (emulated, or busy) is given time in proportion to its own
   * measured start rather than called unreachable.
   */
  static final class ProbePace implements Processes.Pace {
    private final Duration deadline;
    private long until;
    private String late;
    private boolean reached;
    private boolean running;

    ProbePace(long started, Duration deadline) {
      this.deadline = deadline;
      this.until = started + deadline.toNanos();
      this.late = "no answer within " + deadline.toSeconds() + " s";
    }

    @Override
    public synchronized void line(String line, long now) {
      if (running) {
        return;
      }
      if (!reached && line.equals(QuickProbe.ANSWERING)) {
        // Reached: the script's checks are given the deadline again from here.
        until = Math.max(until, now + deadline.toNanos());
        late = "no answer within " + deadline.toSeconds() + " s of reaching it";
      } else if (!reached && line.equals(NodeJava.STARTING)) {
        reached = true;
        until = Math.max(until, now + JVM_START.toNanos());
        late = "its Java did not start within " + JVM_START.toSeconds() + " s";
      } else if (line.startsWith(NodeProbe.STARTED + " ")) {
        running = true;
        double scale =
            NodeProbe.scale(Long.parseLong(line.substring(NodeProbe.STARTED.length() + 1)));
        until = now + (long) (deadline.toNanos() * scale);
        late =
            String.format(
                Locale.ROOT,
                "no answer within %.0f s of its Java's start (%.1f times the %d s"
                    + " a node is given: its Java took that much longer to start)",
                deadline.toSeconds() * scale,
                scale,
                deadline.toSeconds());
      }
    }

    @Override
    public synchronized String late(long now) {
      return now - until > 0 ? late : null;
    }
  }

  /** What ssh (exit 255) or the remote command said, as a kind of failure. */
  public static Unreached classify(int code, String words) {
    if (words.contains("Could not resolve hostname")) {
      return Unreached.NO_NAME;
    }
    if (words.contains("Host key verification failed")
        || words.contains("REMOTE HOST IDENTIFICATION HAS CHANGED")
        || words.contains("No ED25519 host key is known")
        || words.contains("host key for")) {
      return Unreached.HOST_KEY;
    }
    if (words.contains("Permission denied")) {
      return Unreached.KEY_REFUSED;
    }
    if (code == 255
        && (words.contains("timed out")
            || words.contains("No route to host")
            || words.contains("Connection refused")
            || words.contains("Network is unreachable")
            || words.contains("Connection closed")
            || words.contains("Connection reset")
            || words.isEmpty())) {
      return Unreached.UNREACHABLE;
    }
    if (words.contains(NodeJava.NO_JAVA)) {
      return Unreached.NO_JAVA;
    }
    if (words.contains(NodeJava.NO_WALL)) {
      return Unreached.NOT_INSTALLED;
    }
    if (code == 127
        || code == 126
        || words.contains("No such file or directory")
        || words.contains("Could not find or load main class")
        || words.contains("ClassNotFoundException")
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
