package dev.wall.player.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One connection's bytes, until they make a whole request: HTTP/1.1 and 1.0, a body only by
 * Content-Length. It holds at most {@code maxHeaderBytes + maxBodyBytes}, so a request that is too
 * big is refused from what it sent first, and it never decodes or resolves the path.
 */
final class HttpRequestReader {
  /** What the bytes so far make. */
  sealed interface Result {}

  /** Not a whole request yet. */
  record NeedMore() implements Result {}

  /** A whole request, taken out of the buffer; the rest stays for the next one. */
  record Complete(HttpRequest request, boolean keepAlive) implements Result {}

  /** A request this server will not take: answer {@code status} and close. */
  record Refused(int status, String why) implements Result {}

  private static final NeedMore NEED_MORE = new NeedMore();

  private final HttpLimits limits;
  private final int capacity;
  private byte[] bytes = new byte[1024];
  private int length;

  /** Bytes already searched for the blank line that ends the headers. */
  private int scanned;

  HttpRequestReader(HttpLimits limits) {
    this.limits = limits;
    this.capacity = limits.maxHeaderBytes() + limits.maxBodyBytes();
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** How many more bytes it takes now. */
  int room() {
    return capacity - length;
  }

  void append(ByteBuffer from) {
    int n = Math.min(from.remaining(), room());
    if (length + n > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.min(capacity, Math.max(length + n, bytes.length * 2)));
    }
    from.get(bytes, length, n);
    length += n;
  }

  Result next(InetSocketAddress remote) {
    skipLeadingBlankLines();
    int headEnd = headEnd();
    if (headEnd < 0) {
      return length >= limits.maxHeaderBytes()
          ? new Refused(
              431,
              "431 the request line and headers are over " + limits.maxHeaderBytes() + " bytes")
          : NEED_MORE;
    }
    if (headEnd > limits.maxHeaderBytes()) {
      return new Refused(
          431, "431 the request line and headers are over " + limits.maxHeaderBytes() + " bytes");
    }
    List<String> lines = lines(headEnd);
    String[] requestLine = lines.get(0).split(" ", -1);
    if (requestLine.length != 3 || !isToken(requestLine[0])) {
      return new Refused(400, "400 not an HTTP request line");
    }
    String method = requestLine[0];
    String target = requestLine[1];
    String version = requestLine[2];
    if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0")) {
      return version.matches("HTTP/[0-9]\\.[0-9]")
          ? new Refused(505, "505 HTTP/1.1 only")
          : new Refused(400, "400 not an HTTP request line");
    }
    if (!(target.equals("*") || target.startsWith("/")) || !visible(target)) {
      return new Refused(400, "400 the request target must be a path");
    }
    if (lines.size() - 1 > limits.maxHeaders()) {
      return new Refused(431, "431 more than " + limits.maxHeaders() + " header lines");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0 || !isToken(line.substring(0, colon))) {
        return new Refused(400, "400 not a header line");
      }
      String value = line.substring(colon + 1).strip();
      if (!value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7F))) {
        return new Refused(400, "400 a control character in a header");
      }
      headers
          .computeIfAbsent(
              line.substring(0, colon).toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(value);
    }
    if (headers.getOrDefault("host", List.of()).size() != 1) {
      return new Refused(400, "400 a request needs one Host header");
    }
    if (headers.containsKey("transfer-encoding")) {
      return new Refused(501, "501 no Transfer-Encoding: send the body with a Content-Length");
    }
    List<String> contentLength = headers.getOrDefault("content-length", List.of("0"));
    if (contentLength.size() != 1 || !contentLength.get(0).matches("[0-9]{1,9}")) {
      return new Refused(400, "400 Content-Length must be one number");
    }
    int bodyLength = Integer.parseInt(contentLength.get(0));
    if (bodyLength > limits.maxBodyBytes()) {
      return new Refused(413, "413 a body is at most " + limits.maxBodyBytes() + " bytes");
    }
    if (length < headEnd + bodyLength) {
      return NEED_MORE;
    }
    byte[] body = Arrays.copyOfRange(bytes, headEnd, headEnd + bodyLength);
    consume(headEnd + bodyLength);
    for (Map.Entry<String, List<String>> h : headers.entrySet()) {
      h.setValue(List.copyOf(h.getValue()));
    }
    int query = target.indexOf('?');
    HttpRequest request =
        new HttpRequest(
            method,
            target,
            query < 0 ? target : target.substring(0, query),
            query < 0 ? null : target.substring(query + 1),
            Map.copyOf(headers),
            body,
            remote);
    return new Complete(request, keepAlive(version, headers.get("connection")));
  }

  /** HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 closes it. */
  private static boolean keepAlive(String version, List<String> connection) {
    if (version.equals("HTTP/1.0")) {
      return false;
    }
    return connection == null
        || connection.stream()
            .flatMap(v -> Arrays.stream(v.split(",")))
            .noneMatch(token -> token.strip().equalsIgnoreCase("close"));
  }

  /** The index after the blank line that ends the headers, or -1 when it has not come yet. */
  private int headEnd() {
    for (int i = Math.max(1, scanned); i < length; i++) {
      if (bytes[i] == '\n'
          && (bytes[i - 1] == '\n' || (i >= 2 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n'))) {
        return i + 1;
      }
    }
    scanned = Math.max(1, length - 2);
    return -1;
  }

  /** The request line and header lines, each without its CRLF (or bare LF). */
  private List<String> lines(int headEnd) {
    String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < head.length()) {
      int lf = head.indexOf('\n', start);
      String line = head.substring(start, lf);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = lf + 1;
    }
    lines.remove(lines.size() - 1);
    return lines;
  }

  /** A client may send a blank line before a request (after a POST's body, for one). */
  private void skipLeadingBlankLines() {
    int skip = 0;
    while (skip < length && (bytes[skip] == '\r' || bytes[skip] == '\n')) {
      skip++;
    }
    if (skip > 0) {
      consume(skip);
    }
  }

  private void consume(int n) {
    System.arraycopy(bytes, n, bytes, 0, length - n);
    length -= n;
    scanned = 0;
  }

  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean visible(String s) {
    return s.chars().allMatch(c -> c > 0x20 && c < 0x7F);
  }
}
