package dev.wall.player.players.mpv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.player.players.ControlSocket;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * mpv's JSON IPC over its Unix socket, with Java's own Unix domain sockets. Requests carry a {@code
 * request_id} and wait for the matching reply; events and observed properties arrive on the same
 * connection and are read by one reader thread.
 */
final class MpvIpc extends ControlSocket {
  private final AtomicLong nextRequestId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final Map<String, Observation> observed = new ConcurrentHashMap<>();
  private final Map<String, Long> eventCounts = new ConcurrentHashMap<>();

  /** Where in the stream of messages each event last came; replies and events share one order. */
  private final Map<String, Long> eventPlaces = new ConcurrentHashMap<>();

  private final AtomicLong messages = new AtomicLong();
  private final Object eventLock = new Object();
  private volatile java.util.function.BiConsumer<String, Observation> propertyListener =
      (name, value) -> {};

  private MpvIpc(SocketChannel channel, String label) {
    super(channel);
    startReading("mpv-ipc-" + label);
  }

  static MpvIpc connect(Path socket, String label) throws IOException {
    return new MpvIpc(connect(socket), label);
  }

  /** Sends a command and returns its {@code data}; fails if mpv answers with an error. */
  JsonNode command(Duration timeout, Object... args) throws IOException, TimeoutException {
    return request(timeout, args).path("data");
  }

  /**
   * Sends a command and returns where its reply came in the stream of messages. mpv replies to a
   * command before it emits the events the command causes, so an event placed after this is ours,
   * not a late one from an earlier command.
   */
  long commandPlace(Duration timeout, Object... args) throws IOException, TimeoutException {
    return request(timeout, args).path(PLACE).asLong();
  }

  private static final String PLACE = "wall-place";

  private JsonNode request(Duration timeout, Object... args) throws IOException, TimeoutException {
    long id = nextRequestId.getAndIncrement();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      send(MpvJson.request(id, args));
      JsonNode answer = reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      String error = answer.path("error").asText("success");
      if (!"success".equals(error)) {
        throw new IOException("mpv refused " + java.util.Arrays.toString(args) + ": " + error);
      }
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for mpv", e);
    } catch (ExecutionException e) {
      throw new IOException("mpv connection lost", e.getCause());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "mpv answered nothing to " + args[0] + " within " + timeout.toMillis() + " ms");
    } finally {
      pending.remove(id);
    }
  }

  /** A value of an observed property and when it arrived ({@link System#nanoTime()}). */
  record Observation(JsonNode value, long receivedNanos) {}

  /** The latest value of a property registered with {@code observe_property}, or null. */
  JsonNode observed(String property) {
    Observation observation = observed.get(property);
    return observation == null ? null : observation.value();
  }

  /** Called on the reader thread with every change of an observed property, as it arrives. */
  void onPropertyChange(java.util.function.BiConsumer<String, Observation> listener) {
    this.propertyListener = listener;
  }

  /** The latest observation of a property, with its arrival time, or null. */
  Observation observation(String property) {
    return observed.get(property);
  }

  long eventCount(String event) {
    return eventCounts.getOrDefault(event, 0L);
  }

  /** Waits until {@code event} comes after place {@code place} in the stream of messages. */
  boolean awaitEventAfter(String event, long place, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (eventLock) {
      while (eventPlaces.getOrDefault(event, 0L) <= place && !isClosed()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(eventLock, left);
      }
      return eventPlaces.getOrDefault(event, 0L) > place;
    }
  }

  /** Waits until {@code event} has been seen more than {@code countBefore} times. */
  boolean awaitEvent(String event, long countBefore, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (eventLock) {
      while (eventCount(event) <= countBefore && !isClosed()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(eventLock, left);
      }
      return eventCount(event) > countBefore;
    }
  }

  @Override
  protected void ended() {
    pending.values().forEach(f -> f.completeExceptionally(new IOException("mpv socket closed")));
    synchronized (eventLock) {
      eventLock.notifyAll();
    }
  }

  @Override
  protected void handle(String text) {
    long received = System.nanoTime();
    JsonNode message;
    try {
      message = MpvJson.parse(text);
    } catch (IOException e) {
      return; // mpv only sends JSON; a torn line is not worth dying for
    }
    long place = messages.incrementAndGet();
    if (message.has("request_id") && !message.has("event")) {
      if (message instanceof ObjectNode reply) {
        reply.put(PLACE, place);
      }
      CompletableFuture<JsonNode> reply = pending.get(message.get("request_id").asLong());
      if (reply != null) {
        reply.complete(message);
      }
      return;
    }
    String event = message.path("event").asText("");
    if ("property-change".equals(event)) {
      Observation observation = new Observation(message.path("data"), received);
      observed.put(message.path("name").asText(), observation);
      propertyListener.accept(message.path("name").asText(), observation);
    }
    synchronized (eventLock) {
      eventCounts.merge(event, 1L, Long::sum);
      eventPlaces.put(event, place);
      eventLock.notifyAll();
    }
  }
}
