package dev.wall.core.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for {@code control} and {@code alerts}: ports, source networks, the key file, and every
 * URL, OSC target and e-mail address, each by an allow-list of forms. A URL is where the wall will
 * send what it knows, so it is input from a stranger too: http or https only, no credentials in it,
 * no fragment, printable ASCII.
 */
final class ControlRules {
  static final List<String> CONTROL_FIELDS =
      List.of("http", "osc", "keyFile", "webhooks", "oscFeedback");
  static final List<String> HTTP_FIELDS = List.of("port", "listen");
  static final List<String> OSC_FIELDS = List.of("port", "allow");
  static final List<String> ALERTS_FIELDS =
      List.of("webhooks", "email", "notPlayingSeconds", "skewFrames");
  static final int MAX_TARGETS = 16;
  static final int MAX_NETWORKS = 64;
  static final int MAX_URL_CHARS = 2048;
  static final int MIN_NOT_PLAYING_SECONDS = 5;
  static final int MAX_NOT_PLAYING_SECONDS = 86_400;
  static final BigDecimal MAX_SKEW_FRAMES = new BigDecimal(1000);

  private static final String CONTROL_EXAMPLE =
      "\"control\": {\"http\": {\"port\": 8080}, \"osc\": {\"port\": 9000, \"allow\":"
          + " [\"192.168.1.0/24\"]}}";
  private static final String ALERTS_EXAMPLE =
      "\"alerts\": {\"email\": [\"ops@museum.example\"], \"notPlayingSeconds\": 120}";
  private static final String URL_EXAMPLE = "\"http://192.168.1.5:8000/wall\"";
  private static final Pattern PATH_AND_QUERY =
      Pattern.compile("([A-Za-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*");
  private static final Pattern EMAIL_LOCAL =
      Pattern.compile("[A-Za-z0-9_%+=][A-Za-z0-9._%+=-]{0,63}");

  private final Findings findings;

  private ControlRules(Findings findings) {
    this.findings = findings;
  }

  static void checkControl(Findings findings, JsonNode value) {
    findings
        .object(value, "control", CONTROL_EXAMPLE)
        .ifPresent(new ControlRules(findings)::control);
  }

  static void checkAlerts(Findings findings, JsonNode value) {
    findings.object(value, "alerts", ALERTS_EXAMPLE).ifPresent(new ControlRules(findings)::alerts);
  }

  private void control(ObjectNode control) {
    findings.onlyKnownFields(
        control,
        "control",
        CONTROL_FIELDS,
        Map.of(
            "port", "it belongs in \"http\": {\"port\": ...} or \"osc\": {\"port\": ...}",
            "allow", "it belongs in \"osc\": {\"allow\": [ ... ]}",
            "key", "the key itself never goes in a layout: name its file, \"keyFile\""));
    findings
        .optional(control, "http")
        .flatMap(v -> findings.object(v, "control.http", "\"http\": {\"port\": 8080}"))
        .ifPresent(this::http);
    findings
        .optional(control, "osc")
        .flatMap(
            v ->
                findings.object(
                    v, "control.osc", "\"osc\": {\"port\": 9000, \"allow\": [\"192.168.1.0/24\"]}"))
        .ifPresent(this::osc);
    findings
        .optionalText(control, "control", "keyFile", "\"keyFile\": \"/etc/wall/control.key\"")
        .ifPresent(
            file -> {
              if (!file.startsWith("/") || file.contains("\\") || file.endsWith("/")) {
                findings.add(
                    "control.keyFile",
                    "must be the absolute path of a file, got " + Findings.quoted(file),
                    "write it like \"/home/pi/.config/wall/control.key\"");
              }
            });
    urls(control, "control", "webhooks");
    oscTargets(control);
  }

  private void http(ObjectNode http) {
    findings.onlyKnownFields(http, "control.http", HTTP_FIELDS, Map.of());
    port(http, "control.http", "8080");
    findings
        .optionalText(http, "control.http", "listen", "\"listen\": \"127.0.0.1\"")
        .filter(listen -> Addresses.ip(listen).isEmpty())
        .ifPresent(
            listen ->
                findings.add(
                    "control.http.listen",
                    "must be an IP address, got " + Findings.quoted(listen),
                    "127.0.0.1 (this machine only), this machine's LAN address, or 0.0.0.0"));
  }

  private void osc(ObjectNode osc) {
    findings.onlyKnownFields(osc, "control.osc", OSC_FIELDS, Map.of());
    port(osc, "control.osc", "9000");
    Optional<ArrayNode> allow =
        findings
            .required(
                osc,
                "control.osc",
                "allow",
                "OSC has no authentication of its own: add the networks it may come from, like"
                    + " \"allow\": [\"192.168.1.0/24\"]")
            .flatMap(v -> findings.list(v, "control.osc.allow", "\"allow\": [\"192.168.1.0/24\"]"));
    if (allow.isEmpty()) {
      return;
    }
    if (allow.get().isEmpty() || allow.get().size() > MAX_NETWORKS) {
      findings.add(
          "control.osc.allow",
          "must name 1 to " + MAX_NETWORKS + " networks, got " + allow.get().size(),
          "name the show network, like [\"192.168.1.0/24\"]");
      return;
    }
    for (int i = 0; i < allow.get().size(); i++) {
      String path = JsonPaths.index("control.osc.allow", i);
      findings
          .text(allow.get().get(i), path, "\"192.168.1.0/24\"")
          .ifPresent(
              text -> {
                Optional<Addresses.Cidr> cidr = Addresses.cidr(text);
                if (cidr.isEmpty()) {
                  findings.add(
                      path,
                      "is not a network in CIDR notation: " + Findings.quoted(text),
                      "write it like \"192.168.1.0/24\", or \"192.168.1.20/32\" for one machine");
                } else if (cidr.get().hostBitsSet()) {
                  findings.add(
                      path,
                      "has host bits set: " + Findings.quoted(text),
                      "write the network as \"" + cidr.get().networkForm() + "\"");
                }
              });
    }
  }

  private void port(ObjectNode object, String path, String example) {
    findings
        .required(object, path, "port", "add the port, like \"port\": " + example)
        .ifPresent(
            v ->
                findings.wholeNumber(
                    v,
                    path + ".port",
                    1,
                    65535,
                    "\"port\": " + example,
                    "a port between 1 and 65535 (above 1023 needs no root)"));
  }

  private void oscTargets(ObjectNode control) {
    Optional<ArrayNode> list = targets(control, "control", "oscFeedback", "\"192.168.1.20:9001\"");
    if (list.isEmpty()) {
      return;
    }
    for (int i = 0; i < list.get().size(); i++) {
      String path = JsonPaths.index("control.oscFeedback", i);
      findings
          .text(list.get().get(i), path, "\"192.168.1.20:9001\"")
          .filter(text -> oscTarget(text).isEmpty())
          .ifPresent(
              text ->
                  findings.add(
                      path,
                      "is not ADDRESS:PORT: " + Findings.quoted(text),
                      "an IP address and a UDP port, like \"192.168.1.20:9001\" or \"[fd00::20]:9001\""));
    }
  }

  /** {@code ADDRESS:PORT} with an IP literal (IPv6 in brackets) and a port 1 to 65535. */
  static Optional<byte[]> oscTarget(String text) {
    int colon = text.lastIndexOf(':');
    if (colon < 0 || !validPort(text.substring(colon + 1))) {
      return Optional.empty();
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      return Addresses.ipv6(host.substring(1, host.length() - 1));
    }
    return Addresses.ipv4(host);
  }

  private static boolean validPort(String port) {
    return port.matches("[1-9][0-9]{0,4}") && Integer.parseInt(port) <= 65535;
  }

  private Optional<ArrayNode> targets(
      ObjectNode object, String parent, String field, String example) {
    String path = JsonPaths.field(parent, field);
    Optional<ArrayNode> list =
        findings
            .optional(object, field)
            .flatMap(v -> findings.list(v, path, "\"" + field + "\": [" + example + "]"));
    if (list.isPresent() && list.get().size() > MAX_TARGETS) {
      findings.add(
          path,
          "has " + list.get().size() + " targets, more than " + MAX_TARGETS,
          "send to fewer, and fan out from there");
      return Optional.empty();
    }
    return list;
  }

  private void urls(ObjectNode object, String parent, String field) {
    Optional<ArrayNode> list = targets(object, parent, field, URL_EXAMPLE);
    if (list.isEmpty()) {
      return;
    }
    for (int i = 0; i < list.get().size(); i++) {
      String path = JsonPaths.index(JsonPaths.field(parent, field), i);
      findings
          .text(list.get().get(i), path, URL_EXAMPLE)
          .ifPresent(
              url ->
                  urlProblem(url)
                      .ifPresent(
                          what ->
                              findings.add(
                                  path,
                                  what + ": " + Findings.quoted(url),
                                  "write it like "
                                      + URL_EXAMPLE
                                      + " (http or https, no user or password: the"
                                      + " wall signs what it sends instead)")));
    }
  }

  /** What is wrong with {@code url} as a target the wall posts to, or empty when nothing is. */
  static Optional<String> urlProblem(String url) {
    if (url.length() > MAX_URL_CHARS) {
      return Optional.of("is longer than " + MAX_URL_CHARS + " characters");
    }
    String rest;
    if (url.startsWith("http://")) {
      rest = url.substring("http://".length());
    } else if (url.startsWith("https://")) {
      rest = url.substring("https://".length());
    } else {
      return Optional.of("is not an http:// or https:// URL");
    }
    int end = rest.length();
    for (char c : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(c);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    String authority = rest.substring(0, end);
    String tail = rest.substring(end);
    if (authority.contains("@")) {
      return Optional.of("holds a user name or password");
    }
    if (tail.contains("#")) {
      return Optional.of("has a fragment (#...), which is never sent");
    }
    if (!PATH_AND_QUERY.matcher(tail).matches()) {
      return Optional.of("has a character a URL may not hold (a space, a quote, or past ASCII)");
    }
    String host = authority;
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    if (colon > close) {
      if (!validPort(authority.substring(colon + 1))) {
        return Optional.of("has a port that is not 1 to 65535");
      }
      host = authority.substring(0, colon);
    }
    boolean ok =
        host.startsWith("[") && host.endsWith("]")
            ? Addresses.ipv6(host.substring(1, host.length() - 1)).isPresent()
            : Addresses.looksLikeIpv4(host)
                ? Addresses.ipv4(host).isPresent()
                : Addresses.isHostname(host);
    return ok ? Optional.empty() : Optional.of("has no valid host name or address");
  }

  private void alerts(ObjectNode alerts) {
    findings.onlyKnownFields(alerts, "alerts", ALERTS_FIELDS, Map.of());
    urls(alerts, "alerts", "webhooks");
    Optional<ArrayNode> email = targets(alerts, "alerts", "email", "\"ops@museum.example\"");
    email.ifPresent(
        list -> {
          for (int i = 0; i < list.size(); i++) {
            String path = JsonPaths.index("alerts.email", i);
            findings
                .text(list.get(i), path, "\"ops@museum.example\"")
                .filter(address -> !isEmail(address))
                .ifPresent(
                    address ->
                        findings.add(
                            path,
                            "is not an e-mail address wall sends to: " + Findings.quoted(address),
                            "write it like \"ops@museum.example\" (letters, digits"
                                + " and . _ % + = - before the @, a host name after it)"));
          }
        });
    boolean anywhere = alerts.path("webhooks").size() > 0 || alerts.path("email").size() > 0;
    boolean wellTyped =
        (alerts.path("webhooks").isArray() || !alerts.has("webhooks"))
            && (alerts.path("email").isArray() || !alerts.has("email"));
    if (!anywhere && wellTyped) {
      findings.add(
          "alerts",
          "names nowhere to send alerts",
          "add \"email\": [\"ops@museum.example\"] or \"webhooks\": [" + URL_EXAMPLE + "]");
    }
    findings
        .optional(alerts, "notPlayingSeconds")
        .ifPresent(
            v ->
                findings.wholeNumber(
                    v,
                    "alerts.notPlayingSeconds",
                    MIN_NOT_PLAYING_SECONDS,
                    MAX_NOT_PLAYING_SECONDS,
                    "\"notPlayingSeconds\": 120",
                    "how long the wall may not play while open before someone"
                        + " is told; the default is "
                        + Alerts.DEFAULT_NOT_PLAYING_SECONDS));
    findings
        .optional(alerts, "skewFrames")
        .flatMap(v -> findings.number(v, "alerts.skewFrames", "\"skewFrames\": 2"))
        .filter(frames -> frames.signum() <= 0 || frames.compareTo(MAX_SKEW_FRAMES) > 0)
        .ifPresent(
            frames ->
                findings.add(
                    "alerts.skewFrames",
                    "must be more than 0 and at most "
                        + MAX_SKEW_FRAMES
                        + ", got "
                        + frames.toPlainString(),
                    "the skew in frames that, held for a minute, raises an alert; the default is 2"));
  }

  /** A plain address: a local part of common characters, an @, a host name with a dot. */
  static boolean isEmail(String address) {
    int at = address.indexOf('@');
    if (at < 1 || at != address.lastIndexOf('@')) {
      return false;
    }
    String local = address.substring(0, at);
    String domain = address.substring(at + 1);
    return EMAIL_LOCAL.matcher(local).matches()
        && !local.contains("..")
        && !local.endsWith(".")
        && domain.contains(".")
        && Addresses.isHostname(domain);
  }
}
