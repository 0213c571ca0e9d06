package dev.wall.player.control.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wall.core.io.ControlChars;
import dev.wall.player.control.CommandOutcome;
import dev.wall.player.control.CommandSource;
import dev.wall.player.control.ControlKey;
import dev.wall.player.control.ControlTally;
import dev.wall.player.control.WallControl;
import dev.wall.player.http.HttpRequest;
import dev.wall.player.http.HttpResponse;
import dev.wall.player.wire.ControlCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP control: {@code POST /api/v1/VERB} on the status server, with the command's arguments in a
 * small JSON body, {@code {"args": ["3"]}} (none: no body, or {@code {}}), and the control key as a
 * bearer token. Each request is checked in this order, and answered at once (no worker ever waits
 * on a client that failed):
 *
 * <ol>
 *   <li>an address that failed too often recently gets 429 with Retry-After ({@link
 *       FailureThrottle});
 *   <li>a browser's request from a page of another origin gets 403 (its {@code Origin} or {@code
 *       Sec-Fetch-Site} says so): a second guard, since a page elsewhere can post to 127.0.0.1;
 *   <li>no key, or a wrong one, gets 401 and counts as a failure of that address;
 *   <li>a command that cannot be read gets 400 (a body that is not such JSON: 415 or 400);
 *   <li>the wall's answer ({@link CommandOutcome}) as JSON: 200 when applied, 409 when refused.
 * </ol>
 */
public final class ControlApi {
  public static final String PREFIX = "/api/v1/";
  private static final Pattern PATH = Pattern.compile("/api/v1/([a-z]{1,16})");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ARGS = 8;
  private static final int MAX_ARG_CHARS = 1024;

  private final ControlKey key;
  private final WallControl wall;
  private final FailureThrottle throttle;
  private final ControlTally tally;
  private final PrintWriter log;

  /**
   * @param log where each command that passed the checks is told, with its source and outcome
   */
  public ControlApi(
      ControlKey key,
      WallControl wall,
      FailureThrottle throttle,
      ControlTally tally,
      PrintWriter log) {
    this.key = key;
    this.wall = wall;
    this.throttle = throttle;
    this.tally = tally;
    this.log = log;
  }

  /** Whether {@code path} is one this API answers (so the page's server hands it here). */
  public static boolean isApiPath(String path) {
    return path.startsWith(PREFIX);
  }

  /** Answers one request to a path under {@link #PREFIX}; runs on a worker and never waits. */
  public HttpResponse handle(HttpRequest request) {
    Matcher verb = PATH.matcher(request.path());
    if (!verb.matches() || request.query() != null) {
      return answer(
          404,
          "no such command; POST /api/v1/VERB, the verbs: "
              + String.join(", ", ControlCommand.VERBS));
    }
    if (!request.method().equals("POST")) {
      return answer(405, "commands are POSTed: POST " + request.path()).with("Allow", "POST");
    }
    InetSocketAddress peer = request.remote();
    long wait = throttle.waitSeconds(peer.getAddress());
    if (wait > 0) {
      tally.refused("http", "throttled");
      return answer(
              429,
              "too many wrong keys from "
                  + peer.getAddress().getHostAddress()
                  + "; try again in "
                  + wait
                  + " s")
          .with("Retry-After", String.valueOf(wait));
    }
    Optional<String> foreign = foreignOrigin(request);
    if (foreign.isPresent()) {
      tally.refused("http", "origin");
      return answer(
          403, "a command from a page of another site (" + foreign.get() + ") is refused");
    }
    if (!key.matches(bearer(request).orElse(null))) {
      tally.refused("http", "key");
      long blocked = throttle.failed(peer.getAddress());
      if (blocked > 0) {
        say(
            "http from "
                + peer.getAddress().getHostAddress()
                + ": too many wrong keys;"
                + " its requests are refused for "
                + blocked
                + " s");
      }
      return answer(
              401,
              request.header("authorization").isPresent()
                  ? "wrong key"
                  : "a key is needed: Authorization: Bearer KEY (wall ctl --new-key)")
          .with("WWW-Authenticate", "Bearer realm=\"wall\"");
    }
    throttle.succeeded(peer.getAddress());
    ControlCommand command;
    try {
      command = ControlCommand.parse(verb.group(1), args(request));
    } catch (IllegalArgumentException e) {
      tally.refused("http", "malformed");
      return answer(e instanceof UnsupportedType ? 415 : 400, ControlChars.visible(e.getMessage()));
    }
    CommandSource source =
        new CommandSource("http", peer.getAddress().getHostAddress() + ":" + peer.getPort());
    CommandOutcome outcome = wall.submit(command, source);
    tally.answered(source, outcome);
    say(source + ": " + outcome.message());
    ObjectNode body = JSON.createObjectNode();
    body.put("command", command.text());
    body.put("applied", outcome.applied());
    body.put("message", outcome.message());
    body.put("source", source.toString());
    return json(outcome.applied() ? 200 : 409, body);
  }

  /** The bearer token, when the request has exactly one Authorization header of that scheme. */
  static Optional<String> bearer(HttpRequest request) {
    return request
        .header("authorization")
        .flatMap(
            value -> {
              String[] parts = value.strip().split(" +", 2);
              return parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")
                  ? Optional.of(parts[1].strip())
                  : Optional.empty();
            });
  }

  /**
   * The origin of a browser's request from another site, or empty. A browser sends {@code Origin}
   * with every POST, and {@code Sec-Fetch-Site}; a script (curl, QLab) sends neither.
   */
  static Optional<String> foreignOrigin(HttpRequest request) {
    List<String> origins = request.headers().getOrDefault("origin", List.of());
    List<String> sites = request.headers().getOrDefault("sec-fetch-site", List.of());
    if (origins.size() > 1 || sites.size() > 1) {
      return Optional.of("several Origin headers");
    }
    if (!sites.isEmpty()) {
      String site = sites.get(0).strip().toLowerCase(Locale.ROOT);
      if (!site.equals("same-origin") && !site.equals("none")) {
        return Optional.of("Sec-Fetch-Site: " + ControlChars.visible(site));
      }
    }
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    String origin = origins.get(0).strip();
    String host = request.header("host").orElse("");
    boolean same = origin.equalsIgnoreCase("http://" + host);
    return same
        ? Optional.empty()
        : Optional.of(
            ControlChars.visible(
                origin.length() > 100 ? origin.substring(0, 100) + "..." : origin));
  }

  /** A body of the wrong type: 415. */
  private static final class UnsupportedType extends IllegalArgumentException {
    UnsupportedType(String message) {
      super(message);
    }
  }

  /** The arguments: none without a body, else {@code {"args": [...]}} of text and whole numbers. */
  static List<String> args(HttpRequest request) {
    byte[] body = request.body();
    if (body.length == 0) {
      return List.of();
    }
    String type = request.header("content-type").orElse("").toLowerCase(Locale.ROOT);
    if (!type.equals("application/json") && !type.startsWith("application/json;")) {
      throw new UnsupportedType(
          "the arguments come as JSON: Content-Type: application/json," + " {\"args\": [\"3\"]}");
    }
    JsonNode root;
    try {
      root = JSON.readTree(new String(body, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalArgumentException("the body is not JSON; send {\"args\": [\"3\"]}");
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object, {\"args\": [\"3\"]}");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!name.equals("args")) {
        throw new IllegalArgumentException(
            "unknown field \"" + ControlChars.visible(name) + "\"; the body is {\"args\": [...]}");
      }
    }
    JsonNode list = root.get("args");
    if (list == null) {
      return List.of();
    }
    if (!list.isArray() || list.size() > MAX_ARGS) {
      throw new IllegalArgumentException(
          "\"args\" must be a list of at most " + MAX_ARGS + " texts or whole numbers");
    }
    List<String> args = new ArrayList<>();
    for (JsonNode arg : list) {
      String text;
      if (arg.isTextual()) {
        text = arg.textValue();
      } else if (arg.isIntegralNumber() && arg.canConvertToLong()) {
        text = String.valueOf(arg.longValue());
      } else {
        throw new IllegalArgumentException("each of \"args\" is a text or a whole number");
      }
      if (text.length() > MAX_ARG_CHARS || ControlChars.find(text) >= 0) {
        throw new IllegalArgumentException(
            "an argument holds a control character or is over " + MAX_ARG_CHARS + " characters");
      }
      args.add(text);
    }
    return args;
  }

  private void say(String line) {
    synchronized (log) {
      log.println("wall: " + line);
      log.flush();
    }
  }

  private static HttpResponse answer(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.put("applied", false);
    body.put("message", status + " " + message);
    return json(status, body);
  }

  private static HttpResponse json(int status, ObjectNode body) {
    return HttpResponse.of(
        status, "application/json", (body.toString() + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
