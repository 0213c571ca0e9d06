package dev.wall.player.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response, whole in memory. The {@link HttpFrontEnd} adds Content-Length, Connection and the
 * default security headers (nosniff, no-store, a CSP that allows nothing) that a response does not
 * set itself, and sends no body to HEAD.
 *
 * @param headers header names as they are sent; no value may hold a line break
 */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {
  public HttpResponse {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("a response's status is 200 to 599, got " + status);
    }
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (!HttpRequestReader.isToken(h.getKey()) || !printable(h.getValue())) {
        throw new IllegalArgumentException("not a header line: " + h.getKey());
      }
    }
    headers = Map.copyOf(headers);
  }

  public static HttpResponse of(int status, String contentType, byte[] body) {
    return new HttpResponse(status, Map.of("Content-Type", contentType), body);
  }

  /** A short plain-text answer, such as {@code 404 not found}. */
  public static HttpResponse text(int status, String text) {
    return of(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** This response with one more header (or one replaced). */
  public HttpResponse with(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new HttpResponse(status, more, body);
  }

  private static boolean printable(String value) {
    return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7F));
  }
}
