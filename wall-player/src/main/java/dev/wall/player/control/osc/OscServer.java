package dev.wall.player.control.osc;

import dev.wall.core.io.ControlChars;
import dev.wall.core.layout.SourceNetwork;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.CommandSource;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.WallControl;
import dev.wall.player.wire.ControlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * OSC control over UDP: {@code /wall/VERB KEY [ARGS...]}, one address per command verb, the control
 * key as the first argument (a text). OSC has no authentication of its own, so a datagram is heard
 * only from a network on the allow-list, and only with the key; anything else (another source, no
 * key or a wrong one, a packet that is not a strict OSC 1.0 message, a command that cannot be read)
 * is dropped without an answer and counted by reason. Every command that passes is logged with its
 * source and what the wall made of it.
 *
 * <p>One thread reads; commands are applied one at a time on another, with a short queue, so a
 * flood from an allowed source costs the wall nothing and the reader never waits on the wall. A
 * message replayed by someone on an allowed network is a command again: OSC has no nonce.
 */
public final class OscServer implements AutoCloseable {
  public static final String PREFIX = "/wall/";

  /** Drop reasons, also the {@code reason} of the refusals counted for {@code /metrics}. */
  public static final List<String> REASONS = List.of("source", "malformed", "key", "busy");

  private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final DatagramChannel channel;
  private final List<SourceNetwork> allowed;
  private final ControlKey key;
  private final WallControl wall;
  private final ControlTally tally;
  private final PrintWriter log;
  private final Thread reader;
  private final ThreadPoolExecutor applier;
  private final Map<String, AtomicLong> dropped = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();
  private final Map<String, Long> lastLogged = new ConcurrentHashMap<>();
  private volatile boolean closing;

  private OscServer(
      DatagramChannel channel,
      List<SourceNetwork> allowed,
      ControlKey key,
      WallControl wall,
      ControlTally tally,
      PrintWriter log) {
    this.channel = channel;
    this.allowed = List.copyOf(allowed);
    this.key = key;
    this.wall = wall;
    this.tally = tally;
    this.log = log;
    REASONS.forEach(reason -> dropped.put(reason, new AtomicLong()));
    this.applier =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(8),
            runnable -> {
              Thread thread = new Thread(runnable, "osc-commands");
              thread.setDaemon(true);
              return thread;
            });
    this.reader = new Thread(this::read, "osc-reader");
    reader.setDaemon(true);
  }

  /**
   * Listens on {@code address} (0.0.0.0 for every network: the allow-list decides who is heard).
   *
   * @param log where accepted commands are told, and drops at most once a minute per reason
   */
  public static OscServer start(
      InetSocketAddress address,
      List<SourceNetwork> allowed,
      ControlKey key,
      WallControl wall,
      ControlTally tally,
      PrintWriter log)
      throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address);
    } catch (IOException e) {
      channel.close();
      throw new IOException(
          "OSC cannot listen on UDP port "
              + address.getPort()
              + ": "
              + e.getMessage()
              + "; choose another port (--osc-port, control.osc.port)",
          e);
    }
    OscServer server = new OscServer(channel, allowed, key, wall, tally, log);
    server.reader.start();
    return server;
  }

  public InetSocketAddress address() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  /** Datagrams dropped so far, by reason ({@link #REASONS}). */
  public Map<String, Long> dropped() {
    Map<String, Long> counts = new TreeMap<>();
    dropped.forEach((reason, count) -> counts.put(reason, count.get()));
    return counts;
  }

  /** Commands handed to the wall so far (applied or refused by it). */
  public long accepted() {
    return accepted.get();
  }

  private void read() {
    // A datagram larger than the buffer arrives cut short, and is refused by its size.
    ByteBuffer buffer = ByteBuffer.allocate(OscMessage.MAX_BYTES + 1);
    while (!closing) {
      InetSocketAddress from;
      try {
        buffer.clear();
        from = (InetSocketAddress) channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (closing) {
          return;
        }
        continue;
      }
      buffer.flip();
      try {
        heard(buffer, from);
      } catch (RuntimeException e) {
        drop("malformed", from, "it could not be read: " + e);
      }
    }
  }

  /** One datagram, from {@code from}: dropped, or handed to the wall. */
  void heard(ByteBuffer packet, InetSocketAddress from) {
    InetAddress source = from.getAddress();
    if (allowed.stream().noneMatch(network -> network.contains(source))) {
      drop("source", from, "its source is not on the allow-list");
      return;
    }
    OscMessage message;
    try {
      message = OscMessage.read(packet);
    } catch (OscMessage.Malformed e) {
      drop("malformed", from, "not an OSC message wall takes: " + e.getMessage());
      return;
    }
    if (message.args().isEmpty() || !(message.args().get(0) instanceof String given)) {
      drop("key", from, "no key as its first argument (" + message.address() + " s KEY ...)");
      return;
    }
    if (!key.matches(given)) {
      drop("key", from, "a wrong key");
      return;
    }
    ControlCommand command;
    try {
      if (!message.address().startsWith(PREFIX)) {
        throw new IllegalArgumentException("the address is not /wall/VERB");
      }
      command =
          ControlCommand.parse(
              message.address().substring(PREFIX.length()),
              words(message.args().subList(1, message.args().size())));
    } catch (IllegalArgumentException e) {
      drop("malformed", from, ControlChars.visible(message.address()) + ": " + e.getMessage());
      return;
    }
    CommandSource commandSource =
        new CommandSource("osc", source.getHostAddress() + ":" + from.getPort());
    try {
      applier.execute(
          () -> {
            CommandOutcome outcome = wall.submit(command, commandSource);
            tally.answered(commandSource, outcome);
            say(commandSource + ": " + outcome.message());
          });
      accepted.incrementAndGet();
    } catch (RejectedExecutionException e) {
      drop("busy", from, command.text() + ": 8 commands already wait for the wall");
    }
  }

  /** OSC arguments as the words of a command: texts as they are, whole numbers in decimal. */
  private static List<String> words(List<Object> args) {
    List<String> words = new ArrayList<>();
    for (Object arg : args) {
      if (arg instanceof Float f) {
        if (f != Math.rint(f) || Float.isInfinite(f) || Math.abs(f) > 1e6) {
          throw new IllegalArgumentException("a float argument that is not a whole number: " + f);
        }
        words.add(String.valueOf((long) f.floatValue()));
      } else {
        words.add(String.valueOf(arg));
      }
    }
    return words;
  }

  private void drop(String reason, InetSocketAddress from, String why) {
    dropped.get(reason).incrementAndGet();
    tally.refused("osc", reason);
    long now = System.nanoTime();
    Long last = lastLogged.get(reason);
    if (last == null || now - last > LOG_EVERY_NANOS) {
      lastLogged.put(reason, now);
      say(
          "osc from "
              + from.getAddress().getHostAddress()
              + ":"
              + from.getPort()
              + ": dropped ("
              + why
              + "); "
              + dropped.get(reason).get()
              + " dropped for this reason so far");
    }
  }

  private void say(String line) {
    synchronized (log) {
      log.println("wall: " + line);
      log.flush();
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      channel.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    applier.shutdownNow();
  }
}
