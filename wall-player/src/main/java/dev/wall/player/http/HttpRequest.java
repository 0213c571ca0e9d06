package dev.wall.player.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One whole request, read and checked by the {@link HttpFrontEnd} before any handler sees it: its
 * Host is one this server answers to, its headers and body are within {@link HttpLimits}.
 *
 * @param method as sent, case-sensitive (GET, HEAD, POST...)
 * @param target the request target as sent: starts with {@code /}, or is {@code *}
 * @param path the target's raw path, still percent-encoded (nothing decoded, nothing resolved)
 * @param query the target's raw query, or null when it has none
 * @param headers every header by its name in lower case, values in the order sent
 * @param body the body given by Content-Length, empty without one
 * @param remote the client's address
 */
public record HttpRequest(
    String method,
    String target,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    InetSocketAddress remote) {

  /** The header's value when it was sent once; empty when it was not sent, or sent twice. */
  public Optional<String> header(String name) {
    List<String> values = headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    return values.size() == 1 ? Optional.of(values.get(0)) : Optional.empty();
  }
}
