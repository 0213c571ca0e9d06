package dev.wall.player.http;

import java.time.Duration;

/**
 * Everything a client can make the {@link HttpFrontEnd} hold, bounded: connections, bytes, time and
 * threads. Each limit is per server, not JVM-wide.
 *
 * @param maxConnections open connections at most; at the cap a new one takes the place of the
 *     connection that has waited longest for its request, or is closed at once when none waits
 * @param idleTimeout how long a connection may wait for the first byte of a request, after it was
 *     accepted or after its last response
 * @param requestTimeout how long a request may take to arrive whole, from its first byte
 * @param handlerTimeout how long a handler may take before the client gets 503
 * @param writeTimeout how long a client may take to read its response
 * @param lingerTimeout how long a closing connection's late bytes are read and dropped, so the
 *     client reads the response before the close
 * @param maxHeaderBytes the request line and headers together, at most
 * @param maxHeaders header lines at most
 * @param maxBodyBytes a request body (by Content-Length) at most
 * @param workers threads that run handlers; they only ever see a whole request
 * @param queuedRequests whole requests that may wait for a worker; beyond them, 503
 */
public record HttpLimits(
    int maxConnections,
    Duration idleTimeout,
    Duration requestTimeout,
    Duration handlerTimeout,
    Duration writeTimeout,
    Duration lingerTimeout,
    int maxHeaderBytes,
    int maxHeaders,
    int maxBodyBytes,
    int workers,
    int queuedRequests) {

  /**
   * For a page a few people look at and a control API a few systems call: a browser opens at most 6
   * connections to a host, a request of either fits in a packet, and the page is rendered in
   * milliseconds.
   */
  public static final HttpLimits STATUS_SERVER =
      new HttpLimits(
          64,
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(10),
          Duration.ofSeconds(2),
          8192,
          64,
          4096,
          4,
          16);

  public HttpLimits {
    if (maxConnections < 1
        || workers < 1
        || queuedRequests < 1
        || maxHeaderBytes < 64
        || maxHeaders < 1
        || maxBodyBytes < 0) {
      throw new IllegalArgumentException("every HTTP limit must be positive");
    }
    for (Duration d :
        new Duration[] {idleTimeout, requestTimeout, handlerTimeout, writeTimeout, lingerTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("every HTTP timeout must be positive, got " + d);
      }
    }
  }
}
