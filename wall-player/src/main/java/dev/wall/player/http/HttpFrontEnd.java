package dev.wall.player.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small HTTP/1.1 server for the controller's status page and control API, that a slow or hostile
 * client cannot stall. One thread owns every socket, non-blocking: it accepts, reads each request
 * whole against a deadline, checks it, and only then hands it to a worker; it writes the answer
 * back against a deadline too. A client that sends half a request holds a connection slot for at
 * most {@link HttpLimits#requestTimeout()}, and never a worker.
 *
 * <p>Bounded: at most {@link HttpLimits#maxConnections()} connections (at the cap a new one takes
 * the place of the one that has waited longest for its request, or is closed at once), a request of
 * at most {@code maxHeaderBytes + maxBodyBytes}, a fixed pool of workers with a short queue (beyond
 * it, 503). Before a handler sees a request, its Host is checked ({@link HostCheck}: anything else
 * gets 421).
 *
 * <p>Why not {@code com.sun.net.httpserver}: it reads a request's line and headers in the worker,
 * blocking, so each slow client holds a worker; and its timeouts and connection cap are JVM-wide
 * system properties read once, when its classes load.
 */
public final class HttpFrontEnd implements AutoCloseable {
  /** Answers one whole, checked request. It runs on a worker; an exception is a 500. */
  @FunctionalInterface
  public interface Handler {
    HttpResponse handle(HttpRequest request) throws Exception;
  }

  /** What the server did so far, for tests and metrics. */
  public record Stats(
      int open,
      long accepted,
      long answered,
      long evicted,
      long refusedAtCap,
      long timedOut,
      long badRequests,
      long wrongHost,
      long busy) {}

  private static final int ACCEPTS_PER_ROUND = 16;
  private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int LINGER_BYTES = 64 * 1024;
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);
  private static final String DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'";
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(200, "OK"),
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(409, "Conflict"),
          Map.entry(415, "Unsupported Media Type"),
          Map.entry(413, "Content Too Large"),
          Map.entry(421, "Misdirected Request"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(505, "HTTP Version Not Supported"));

  private enum State {
    READING,
    HANDLING,
    WRITING,
    LINGERING,
    CLOSED
  }

  /** A connection; only the selector thread touches it. */
  private final class Connection {
    final SocketChannel channel;
    final SelectionKey key;
    final InetSocketAddress remote;
    final InetAddress arrivedOn;
    final HttpRequestReader reader = new HttpRequestReader(limits);
    State state = State.READING;

    /** When the current state began; in READING, when it began to wait for a request. */
    long since;

    /** When the first byte of the request being read came, or -1 before it. */
    long firstByte = -1;

    /** Which request a worker's answer is for: answers to an earlier one are dropped. */
    long request;

    boolean keepAlive;
    boolean head;
    ByteBuffer[] out;
    boolean closeAfterWrite;
    int lingered;

    Connection(SocketChannel channel, SelectionKey key, long now) throws IOException {
      this.channel = channel;
      this.key = key;
      this.remote = (InetSocketAddress) channel.getRemoteAddress();
      this.arrivedOn = ((InetSocketAddress) channel.getLocalAddress()).getAddress();
      this.since = now;
    }

    long deadline() {
      return switch (state) {
        case READING ->
            firstByte < 0
                ? since + limits.idleTimeout().toNanos()
                : firstByte + limits.requestTimeout().toNanos();
        case HANDLING -> since + limits.handlerTimeout().toNanos();
        case WRITING -> since + limits.writeTimeout().toNanos();
        case LINGERING -> since + limits.lingerTimeout().toNanos();
        case CLOSED -> Long.MAX_VALUE;
      };
    }
  }

  private record Answer(Connection connection, long request, HttpResponse response) {}

  private final HttpLimits limits;
  private final HostCheck hosts;
  private final Handler handler;
  private final ServerSocketChannel listener;
  private final Selector selector;
  private final SelectionKey accepting;
  private final ThreadPoolExecutor workers;
  private final Thread loop;
  private final List<Connection> connections = new ArrayList<>();
  private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(16 * 1024);
  private boolean acceptPaused;
  private long acceptPausedUntil;
  private volatile boolean closing;
  private volatile int open;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong evicted = new AtomicLong();
  private final AtomicLong refusedAtCap = new AtomicLong();
  private final AtomicLong timedOut = new AtomicLong();
  private final AtomicLong badRequests = new AtomicLong();
  private final AtomicLong wrongHost = new AtomicLong();
  private final AtomicLong busy = new AtomicLong();

  private HttpFrontEnd(
      HttpLimits limits,
      Handler handler,
      ServerSocketChannel listener,
      Selector selector,
      String name)
      throws IOException {
    this.limits = limits;
    this.handler = handler;
    this.listener = listener;
    this.selector = selector;
    this.hosts = new HostCheck(((InetSocketAddress) listener.getLocalAddress()).getAddress());
    this.accepting = listener.register(selector, SelectionKey.OP_ACCEPT);
    this.workers =
        new ThreadPoolExecutor(
            limits.workers(),
            limits.workers(),
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(limits.queuedRequests()),
            runnable -> {
              Thread thread = new Thread(runnable, name + "-worker");
              thread.setDaemon(true);
              return thread;
            });
    this.loop = new Thread(this::run, name);
    this.loop.setDaemon(true);
  }

  /**
   * Listens on {@code address} (port 0 picks a free one) and serves until {@link #close()}.
   *
   * @param name the threads' name, for a thread dump
   */
  public static HttpFrontEnd start(
      InetSocketAddress address, HttpLimits limits, String name, Handler handler)
      throws IOException {
    ServerSocketChannel listener = ServerSocketChannel.open();
    Selector selector = null;
    try {
      listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      listener.bind(address, 64);
      listener.configureBlocking(false);
      selector = Selector.open();
      HttpFrontEnd server = new HttpFrontEnd(limits, handler, listener, selector, name);
      server.loop.start();
      return server;
    } catch (IOException | RuntimeException e) {
      listener.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.socket().getLocalSocketAddress();
  }

  public HostCheck hosts() {
    return hosts;
  }

  public Stats stats() {
    return new Stats(
        open,
        accepted.get(),
        answered.get(),
        evicted.get(),
        refusedAtCap.get(),
        timedOut.get(),
        badRequests.get(),
        wrongHost.get(),
        busy.get());
  }

  private void run() {
    try {
      while (!closing) {
        long now = System.nanoTime();
        long next = expire(now);
        if (acceptPaused) {
          if (now - acceptPausedUntil >= 0) {
            acceptPaused = false;
            accepting.interestOps(SelectionKey.OP_ACCEPT);
          } else if (acceptPausedUntil - next < 0) {
            next = acceptPausedUntil;
          }
        }
        selector.select(Math.max(1, Math.min(1000, TimeUnit.NANOSECONDS.toMillis(next - now) + 1)));
        takeAnswers();
        boolean acceptable = false;
        for (SelectionKey key : selector.selectedKeys()) {
          if (key == accepting) {
            acceptable = key.isValid();
          } else if (key.attachment() instanceof Connection c && key.isValid()) {
            serve(c, key);
          }
        }
        selector.selectedKeys().clear();
        if (acceptable) {
          accept();
        }
      }
    } catch (IOException | RuntimeException e) {
      // The selector itself failed: the page goes away, and the wall plays on.
      System.err.println("wall: the status server stopped: " + e);
    } finally {
      for (Connection c : List.copyOf(connections)) {
        close(c);
      }
      quietly(listener);
      quietly(selector);
      open = 0;
    }
  }

  private void serve(Connection c, SelectionKey key) {
    try {
      if (c.state == State.WRITING && key.isWritable()) {
        write(c);
      } else if (c.state == State.READING && key.isReadable()) {
        read(c);
      } else if (c.state == State.LINGERING && key.isReadable()) {
        linger(c);
      }
    } catch (IOException | RuntimeException e) {
      close(c);
    }
  }

  private void accept() throws IOException {
    for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
      boolean atCap = connections.size() >= limits.maxConnections();
      if (atCap && i > 0) {
        return; // only the first accept of a round is known to have a connection waiting
      }
      if (atCap) {
        Connection oldest = longestWaiting();
        if (oldest != null) {
          evicted.incrementAndGet();
          close(oldest);
          // A registered channel's socket is released only when the selector next selects:
          // do that now, so the cap holds for the sockets themselves.
          selector.selectNow();
          selector.selectedKeys().remove(accepting); // stale: the connection is taken below
          atCap = false;
        }
      }
      SocketChannel channel;
      try {
        channel = listener.accept();
      } catch (IOException e) {
        // Out of file descriptors, most likely: wait a little instead of spinning on it.
        accepting.interestOps(0);
        acceptPaused = true;
        acceptPausedUntil = System.nanoTime() + ACCEPT_PAUSE_NANOS;
        return;
      }
      if (channel == null) {
        return;
      }
      if (atCap) { // every connection is busy: refuse this one at once
        refusedAtCap.incrementAndGet();
        quietly(channel);
        continue;
      }
      register(channel);
    }
  }

  /** The connection to give up at the cap: one closing, or else the one idle or partial longest. */
  private Connection longestWaiting() {
    Connection oldest = null;
    for (Connection c : connections) {
      if (c.state == State.LINGERING) {
        return c;
      }
      if (c.state == State.READING && (oldest == null || c.since - oldest.since < 0)) {
        oldest = c;
      }
    }
    return oldest;
  }

  private void register(SocketChannel channel) {
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      Connection c = new Connection(channel, key, System.nanoTime());
      key.attach(c);
      connections.add(c);
      open = connections.size();
      accepted.incrementAndGet();
    } catch (IOException | RuntimeException e) {
      quietly(channel);
    }
  }

  /** Closes what is past its deadline; returns the nearest deadline left. */
  private long expire(long now) {
    long next = now + TimeUnit.SECONDS.toNanos(1);
    for (Connection c : connections.toArray(new Connection[0])) {
      long deadline = c.deadline();
      if (now - deadline < 0) {
        next = deadline - next < 0 ? deadline : next;
        continue;
      }
      switch (c.state) {
        case READING -> {
          if (c.firstByte >= 0) {
            timedOut.incrementAndGet();
            sayAndClose(
                c,
                HttpResponse.text(
                    408,
                    "408 the request did not arrive within "
                        + limits.requestTimeout().toSeconds()
                        + " s"));
          } else {
            close(c);
          }
        }
        case HANDLING -> {
          busy.incrementAndGet();
          sayAndClose(
              c,
              HttpResponse.text(
                  503,
                  "503 no answer within " + limits.handlerTimeout().toSeconds() + " s; try again"));
        }
        default -> close(c);
      }
    }
    return next;
  }

  private void read(Connection c) throws IOException {
    if (c.reader.room() == 0) {
      nextRequest(c); // whole, or refused: never a read of nothing, again and again
      return;
    }
    readBuffer.clear();
    readBuffer.limit(Math.min(readBuffer.capacity(), c.reader.room()));
    int n = c.channel.read(readBuffer);
    if (n < 0) {
      close(c);
      return;
    }
    if (n == 0) {
      return;
    }
    if (c.firstByte < 0) {
      c.firstByte = System.nanoTime();
    }
    readBuffer.flip();
    c.reader.append(readBuffer);
    nextRequest(c);
  }

  /** Takes the next whole request out of what the connection sent, if there is one. */
  private void nextRequest(Connection c) throws IOException {
    HttpRequestReader.Result result = c.reader.next(c.remote);
    if (result instanceof HttpRequestReader.Refused refused) {
      badRequests.incrementAndGet();
      respond(c, HttpResponse.text(refused.status(), refused.why()), true, false);
    } else if (result instanceof HttpRequestReader.Complete complete) {
      HttpRequest request = complete.request();
      boolean head = request.method().equals("HEAD");
      if (!hosts.allows(request.header("host").orElse(""), c.arrivedOn)) {
        wrongHost.incrementAndGet();
        respond(
            c,
            HttpResponse.text(
                421,
                "421 this server answers only to its own IP address"
                    + " or localhost: open it by the address the wall printed"),
            true,
            head);
        return;
      }
      c.state = State.HANDLING;
      c.since = System.nanoTime();
      c.firstByte = -1;
      c.keepAlive = complete.keepAlive();
      c.head = head;
      c.request++;
      c.key.interestOps(0);
      long id = c.request;
      try {
        workers.execute(
            () -> {
              answers.add(new Answer(c, id, handle(request)));
              selector.wakeup();
            });
      } catch (RejectedExecutionException e) {
        busy.incrementAndGet();
        respond(
            c, HttpResponse.text(503, "503 busy; try again").with("Retry-After", "1"), true, head);
      }
    } else if (c.reader.room() == 0) {
      badRequests.incrementAndGet();
      respond(c, HttpResponse.text(431, "431 request too large"), true, false);
    }
  }

  /** Runs on a worker. */
  private HttpResponse handle(HttpRequest request) {
    HttpResponse response;
    try {
      response = handler.handle(request);
      if (response == null) {
        throw new IllegalStateException(
            "no response to " + request.method() + " " + request.path());
      }
    } catch (Exception e) {
      // A broken page must not break the server: this request fails, the next is served.
      response = HttpResponse.text(500, "500 internal error");
    }
    return response;
  }

  private void takeAnswers() throws IOException {
    Answer answer;
    while ((answer = answers.poll()) != null) {
      Connection c = answer.connection();
      if (c.state == State.HANDLING && c.request == answer.request()) {
        answered.incrementAndGet();
        try {
          respond(c, answer.response(), !c.keepAlive, c.head);
        } catch (IOException | RuntimeException e) {
          close(c);
        }
      }
    }
  }

  private void respond(Connection c, HttpResponse response, boolean close, boolean head)
      throws IOException {
    c.out = serialize(response, close, head);
    c.closeAfterWrite = close;
    c.state = State.WRITING;
    c.since = System.nanoTime();
    c.key.interestOps(0);
    write(c);
  }

  private void write(Connection c) throws IOException {
    c.channel.write(c.out);
    if (c.out[c.out.length - 1].hasRemaining()) {
      c.key.interestOps(SelectionKey.OP_WRITE);
      return;
    }
    c.out = null;
    if (c.closeAfterWrite) {
      // Half-close, then read and drop what the client still sends: closing with unread bytes
      // would reset the connection, and the client could lose the answer.
      c.channel.shutdownOutput();
      c.state = State.LINGERING;
      c.since = System.nanoTime();
      c.key.interestOps(SelectionKey.OP_READ);
      return;
    }
    c.state = State.READING;
    c.since = System.nanoTime();
    c.firstByte = c.reader.isEmpty() ? -1 : c.since;
    c.key.interestOps(SelectionKey.OP_READ);
    if (!c.reader.isEmpty()) {
      nextRequest(c);
    }
  }

  private void linger(Connection c) throws IOException {
    readBuffer.clear();
    int n = c.channel.read(readBuffer);
    c.lingered += Math.max(0, n);
    if (n < 0 || c.lingered > LINGER_BYTES) {
      close(c);
    }
  }

  /** For a request that ran out of time: one attempt to say why, then close. */
  private void sayAndClose(Connection c, HttpResponse response) {
    try {
      c.channel.write(serialize(response, true, false));
    } catch (IOException | RuntimeException e) {
      // Closing anyway.
    }
    close(c);
  }

  private void close(Connection c) {
    if (c.state == State.CLOSED) {
      return;
    }
    c.state = State.CLOSED;
    c.out = null;
    c.key.cancel();
    quietly(c.channel);
    connections.remove(c);
    open = connections.size();
  }

  private static ByteBuffer[] serialize(HttpResponse response, boolean close, boolean head) {
    StringBuilder text = new StringBuilder(256);
    text.append("HTTP/1.1 ")
        .append(response.status())
        .append(' ')
        .append(REASONS.getOrDefault(response.status(), "Status"))
        .append("\r\n");
    text.append("Date: ")
        .append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC)))
        .append("\r\n");
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Content-Length")
                  && !name.equalsIgnoreCase("Connection")) {
                text.append(name).append(": ").append(value).append("\r\n");
              }
            });
    defaultHeader(text, response, "X-Content-Type-Options", "nosniff");
    defaultHeader(text, response, "Cache-Control", "no-store");
    defaultHeader(text, response, "Content-Security-Policy", DEFAULT_POLICY);
    text.append("Content-Length: ").append(response.body().length).append("\r\n");
    if (close) {
      text.append("Connection: close\r\n");
    }
    text.append("\r\n");
    ByteBuffer headers = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.ISO_8859_1));
    return head
        ? new ByteBuffer[] {headers}
        : new ByteBuffer[] {headers, ByteBuffer.wrap(response.body())};
  }

  private static void defaultHeader(
      StringBuilder text, HttpResponse response, String name, String value) {
    if (response.headers().keySet().stream().noneMatch(name::equalsIgnoreCase)) {
      text.append(name).append(": ").append(value).append("\r\n");
    }
  }

  private static void quietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Nothing more to do with it.
    }
  }

  /** Stops listening, closes every connection and stops the workers, within about 2 s. */
  @Override
  public void close() {
    closing = true;
    selector.wakeup();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
